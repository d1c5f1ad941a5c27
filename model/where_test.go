package model

import (
	"strings"
	"testing"
	"time"
)

func TestWhereReadsEveryPartOfARecord(t *testing.T) {
	r := &Record{Partition: 3, Offset: 42, Timestamp: time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC).UnixMilli(),
		Key:     []byte("ord-0001562"),
		Value:   []byte(`{"status":"paid","amount":1250.5,"items":[{"sku":"A"}]}`),
		Headers: []Header{{Key: "source", Value: []byte("pos")}}}
	for expr, want := range map[string]bool{
		`value.status == "paid" && value.amount > 1000 && headers["source"] == "pos"`: true,
		`value.amount > 2000`:                        false,
		`key startsWith "ord-" && partition == 3`:    true,
		`offset >= 42 && offset < 43`:                true,
		`value.items[0].sku == "A"`:                  true,
		`timestamp > date("2026-11-25T09:00:00Z")`:   true,
		`timestamp < date("2026-11-25T09:00:00Z")`:   false,
		`value.missing == nil`:                       true,
		`headers["nope"] == ""`:                      true,
		`value.status in ["paid", "shipped"]`:        true,
		`len(value.items) == 1 && value.note == nil`: true,
	} {
		w, err := ParseWhere(expr)
		if err != nil {
			t.Errorf("%s: %v", expr, err)
			continue
		}
		if got := w.Match(r); got != want || w.Failed != 0 {
			t.Errorf("%s: %v (failed %d: %v), want %v", expr, got, w.Failed, w.Err, want)
		}
	}
}

// Expressions that read fixed fields pick them out of the JSON; the rest
// parse it whole: both see the same value.
func TestWhereReadsFieldsAsAWholeParseWould(t *testing.T) {
	r := &Record{Value: []byte(`{"a":{"b":{"c":7}},"a.b":"dotted","list":[1,{"x":"y"}],"n":null,"t":true,"s":"text"}`)}
	for expr, want := range map[string]bool{
		`value.a.b.c == 7`:                               true,
		`value["a.b"] == "dotted"`:                       true,
		`value.list[1].x == "y" && value.list[0] == 1`:   true,
		`value.n == nil && value.t && value.s == "text"`: true,
		`value.a.b.c == 7 && value.a.b != nil`:           true,
		`value.missing?.deeper == nil`:                   true,
		`len(value) == 6`:                                true,
	} {
		w, err := ParseWhere(expr)
		if err != nil {
			t.Fatalf("%s: %v", expr, err)
		}
		if got := w.Match(r); got != want || w.Failed != 0 {
			t.Errorf("%s: %v (%v)", expr, got, w.Err)
		}
	}
	arr := &Record{Value: []byte(`[3, 4]`)}
	if w, _ := ParseWhere(`value[1] == 4`); !w.Match(arr) {
		t.Errorf("an array value: %v", w.Err)
	}
}

func TestWhereMatchesTheDecodedValue(t *testing.T) {
	r := &Record{Value: []byte{0, 0, 0, 0, 1, 2}, DecodedValue: &Decoded{JSON: []byte(`{"status":"DECLINED"}`)}}
	w, _ := ParseWhere(`value.status == "DECLINED"`)
	if !w.Match(r) {
		t.Error("the decoded value was not used")
	}
}

func TestWhereFailuresAreCountedNotMatched(t *testing.T) {
	w, err := ParseWhere(`value.amount > 1000`)
	if err != nil {
		t.Fatal(err)
	}
	if w.Match(&Record{Value: []byte(`{"amount":"lots"}`)}) || w.Failed != 1 || w.Err == nil {
		t.Errorf("failed %d, err %v", w.Failed, w.Err)
	}
	for _, bad := range []string{`value.status ==`, `partition == "3"`, `offset + 1`} {
		if _, err := ParseWhere(bad); err == nil || !strings.Contains(err.Error(), "--where") {
			t.Errorf("%s: %v", bad, err)
		}
	}
}

func BenchmarkWhere(b *testing.B) {
	r := &Record{Key: []byte("ord-1"), Value: []byte(`{"order_id":"ord-0001","status":"paid","total":1250.5,"currency":"EUR","items":[{"sku":"A","qty":1}]}`),
		Headers: []Header{{Key: "source", Value: []byte("pos")}}}
	w, _ := ParseWhere(`value.status == "paid" && value.total > 1000`)
	b.ReportAllocs()
	for b.Loop() {
		w.Match(r)
	}
}
