package model

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

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

// containsFold agrees with lower-casing the value and searching it, on
// values full of near misses: the needle's letters in either case, its
// anchor everywhere.
func TestContainsFoldAgreesWithLowering(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte("aAbB0-1 ")
	for range 20000 {
		b := make([]byte, rng.IntN(40))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		needle := bytes.ToLower(b[rng.IntN(len(b)+1):])
		needle = needle[:rng.IntN(min(len(needle), 6)+1)]
		if rng.IntN(3) == 0 {
			needle = bytes.ToLower([]byte{alphabet[rng.IntN(len(alphabet))], alphabet[rng.IntN(len(alphabet))]})
		}
		if got, want := containsFold(b, needle, anchor(needle)), bytes.Contains(bytes.ToLower(b), needle); got != want {
			t.Fatalf("containsFold(%q, %q) = %v, want %v", b, needle, got, want)
		}
	}
}

// A filter without a capital costs about what one with a capital does
// (#18: it cost value length × filter length). Compare:
//
//	go test -run XXX -bench 'FilterCase' ./model/
func BenchmarkFilterCase(b *testing.B) {
	var values [][]byte
	for i := range 10000 {
		values = append(values, fmt.Appendf(nil, `{"order_id":"ord-%07d","customer":"cus-%05d","status":"shipped","total":%d.5,"lines":[{"sku":"sku-%05d","qty":1}]}`, i, i%997, i, i%99999))
	}
	// The shapes #18 measured: a 64-character filter over 200-digit
	// zero-padded values (as scripts/bench-tail.sh writes), where nearly
	// every byte starts a near miss.
	for i := range 10000 {
		values = append(values, fmt.Appendf(nil, "%0200d", i))
	}
	long := strings.Repeat("0", 63) + "x" // never found
	for _, c := range []struct{ name, expr string }{
		{"sensitive", long[:63] + "X"},
		{"smartcase", long},
		{"digits", strings.Repeat("0", 63) + "9"},
	} {
		f, _ := ParseFilter(c.expr)
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				for _, v := range values {
					f.matches(v)
				}
			}
		})
	}
}

// Near misses everywhere (a needle of one repeated byte over long runs of
// it) take the lowered search; it finds what lowering finds.
func TestContainsFoldNearMissesEverywhere(t *testing.T) {
	runs := bytes.Repeat([]byte(strings.Repeat("0", 39)+"1"), 10)
	for _, c := range []struct {
		value, needle string
		want          bool
	}{
		{string(runs), strings.Repeat("0", 40), false},
		{string(runs) + strings.Repeat("0", 40), strings.Repeat("0", 40), true},
		{string(runs) + "0A" + strings.Repeat("0", 38), "0a" + strings.Repeat("0", 38), true},
	} {
		if got := containsFold([]byte(c.value), []byte(c.needle), anchor([]byte(c.needle))); got != c.want {
			t.Errorf("containsFold(…%q, %q) = %v", c.value[max(len(c.value)-45, 0):], c.needle, got)
		}
	}
}
