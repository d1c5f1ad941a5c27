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
