package model

import (
	"testing"
	"time"
)

func TestParseStart(t *testing.T) {
	now := time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want Start
	}{
		{"", Start{Kind: FromEnd}},
		{"END", Start{Kind: FromEnd}},
		{"beginning", Start{Kind: FromBeginning}},
		{"earliest", Start{Kind: FromBeginning}},
		{"0", Start{Kind: FromOffset, Offset: 0}},
		{"1234", Start{Kind: FromOffset, Offset: 1234}},
		{"-100", Start{Kind: FromLast, Last: 100}},
		{"last:5", Start{Kind: FromLast, Last: 5}},
		{"-15m", Start{Kind: FromTime, Time: now.Add(-15 * time.Minute)}},
		{"-2h30m", Start{Kind: FromTime, Time: now.Add(-150 * time.Minute)}},
		{"2026-11-24T08:00:00Z", Start{Kind: FromTime, Time: time.Date(2026, 11, 24, 8, 0, 0, 0, time.UTC)}},
		{"2026-11-24T08:00:00.5+01:00", Start{Kind: FromTime, Time: time.Date(2026, 11, 24, 7, 0, 0, 500_000_000, time.UTC)}},
		// Local times, in now's zone; a time of day is today's.
		{"2026-11-24 08:00", Start{Kind: FromTime, Time: time.Date(2026, 11, 24, 8, 0, 0, 0, time.UTC)}},
		{"2026-11-24T08:00:05", Start{Kind: FromTime, Time: time.Date(2026, 11, 24, 8, 0, 5, 0, time.UTC)}},
		{"2026-11-24", Start{Kind: FromTime, Time: time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)}},
		{"09:00", Start{Kind: FromTime, Time: time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)}},
	}
	for _, tt := range tests {
		got, err := ParseStart(tt.in, now)
		if err != nil || got.Kind != tt.want.Kind || got.Offset != tt.want.Offset || got.Last != tt.want.Last || !got.Time.Equal(tt.want.Time) {
			t.Errorf("ParseStart(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"yesterday", "last:0", "last:x", "-5x", "2026-13-01T00:00:00Z", "--5m"} {
		if _, err := ParseStart(bad, now); err == nil {
			t.Errorf("ParseStart(%q) accepted", bad)
		}
	}
}

// A tail's start, a search's range and a group's reset read times alike:
// every form one takes, the other takes as the same time.
func TestStartsAndResetsReadTimesAlike(t *testing.T) {
	loc := time.FixedZone("CET", 3600)
	now := time.Date(2026, 12, 7, 10, 30, 0, 0, loc)
	for form, want := range map[string]time.Time{
		"-15m":                 now.Add(-15 * time.Minute),
		"2026-12-06T09:00:00Z": time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC),
		"2026-12-06 09:00":     time.Date(2026, 12, 6, 9, 0, 0, 0, loc),
		"09:00":                time.Date(2026, 12, 7, 9, 0, 0, 0, loc),
		"yesterday 09:00":      time.Date(2026, 12, 6, 9, 0, 0, 0, loc),
		"Yesterday 23:59:30":   time.Date(2026, 12, 6, 23, 59, 30, 0, loc),
		"today 14:00":          time.Date(2026, 12, 7, 14, 0, 0, 0, loc),
	} {
		start, err := ParseStart(form, now)
		if err != nil || start.Kind != FromTime || !start.Time.Equal(want) {
			t.Errorf("start %q: %+v %v, want %s", form, start, err, want)
		}
		reset, err := ParseResetTarget(form, now)
		if err != nil || reset.Kind != ToTime || !reset.Time.Equal(want) {
			t.Errorf("reset %q: %+v %v, want %s", form, reset, err, want)
		}
	}
	for form, kind := range map[string]ResetKind{"now": ToLatest, "latest": ToLatest, "oldest": ToEarliest, "earliest": ToEarliest} {
		if r, err := ParseResetTarget(form, now); err != nil || r.Kind != kind {
			t.Errorf("reset %q: %+v %v", form, r, err)
		}
	}
	if _, err := ParseStart("yesterday", now); err == nil {
		t.Error("yesterday with no time of day was taken")
	}
}
