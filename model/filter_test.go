package model

import "testing"

func TestFilter(t *testing.T) {
	r := &Record{
		Key:     []byte("cus-0042"),
		Value:   []byte(`{"status":"Shipped","city":"Zürich"}`),
		Headers: []Header{{Key: "trace-id", Value: []byte("abc123")}, {Key: "source", Value: nil}},
	}
	tests := []struct {
		expr string
		want bool
	}{
		{"", true},
		{"shipped", true},   // lower case ignores case
		{"Shipped", true},   // upper case is exact
		{"SHIPPED", false},  // ... and so does not match
		{"cus-0042", true},  // keys
		{"abc123", true},    // header values
		{"trace-id", false}, // not header keys
		{"zürich", true},
		{"~^cus-\\d+$", true},
		{"~status\":\"(paid|shipped)", false},
		{"~(?i)status\":\"(paid|shipped)", true},
		{"nothing", false},
		{"city", true},    // lower case finds lower case
		{"zÜrich", false}, // upper case anywhere makes it exact
		{"ZÜRICH", false},
	}
	for _, tt := range tests {
		f, err := ParseFilter(tt.expr)
		if err != nil {
			t.Fatalf("%q: %v", tt.expr, err)
		}
		if got := f.Match(r); got != tt.want {
			t.Errorf("%q matched %v, want %v", tt.expr, got, tt.want)
		}
	}
	// A lower-case needle finds text in any case: all capitals too.
	shouting := &Record{Value: []byte(`{"STATUS":"PAID"}`)}
	if f, _ := ParseFilter("paid"); !f.Match(shouting) {
		t.Error(`"paid" does not match "PAID"`)
	}
	if _, err := ParseFilter("~(unclosed"); err == nil {
		t.Error("a bad regular expression was accepted")
	}
	if f, _ := ParseFilter("x"); f.Match(&Record{}) {
		t.Error("a null record matched")
	}
}
