package model

import (
	"testing"
	"time"
)

func TestPurgeTo(t *testing.T) {
	now := time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		to                string
		low, high, byTime int64
		want              int64
		wantErr           bool
	}{
		{"end", 10, 100, -1, 100, false},
		{"50", 10, 100, -1, 50, false},
		{"5", 10, 100, -1, 10, false}, // already gone: nothing more goes
		{"101", 10, 100, -1, 0, true},
		{"-1h", 10, 100, 60, 60, false},
		{"-1h", 10, 100, -1, 100, false}, // every record older: all go
		{"-1h", 10, 100, 5, 10, false},
	}
	for _, c := range cases {
		to, err := ParsePurgeTarget(c.to, now)
		if err != nil {
			t.Fatalf("%s: %v", c.to, err)
		}
		got, err := PurgeTo(to, c.low, c.high, c.byTime)
		if (err != nil) != c.wantErr || !c.wantErr && got != c.want {
			t.Errorf("PurgeTo(%s, %d, %d, %d) = %d, %v; want %d", c.to, c.low, c.high, c.byTime, got, err, c.want)
		}
	}
	for _, bad := range []string{"", "beginning", "last:5", "-5", "soon"} {
		if _, err := ParsePurgeTarget(bad, now); err == nil {
			t.Errorf("%q was taken as a purge target", bad)
		}
	}
	p := Purge{Rows: []PurgeRow{{Low: 0, New: 10, Bytes: 100}, {Low: 5, New: 5, Bytes: 0}, {Low: 0, New: 3, Bytes: -1, Err: nil}}}
	if r, b, sized := p.Totals(); r != 13 || b != 100 || sized {
		t.Errorf("totals %d %d %v", r, b, sized)
	}
}
