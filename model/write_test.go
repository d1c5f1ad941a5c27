package model

import (
	"testing"
	"time"
)

func TestParseResetTarget(t *testing.T) {
	now := time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want ResetTarget
	}{
		{"earliest", ResetTarget{Kind: ToEarliest}},
		{"LATEST", ResetTarget{Kind: ToLatest}},
		{"1234", ResetTarget{Kind: ToOffset, Offset: 1234}},
		{"+10", ResetTarget{Kind: ShiftBy, Shift: 10}},
		{"-10", ResetTarget{Kind: ShiftBy, Shift: -10}},
		{"-15m", ResetTarget{Kind: ToTime, Time: now.Add(-15 * time.Minute)}},
		{"2026-11-25T08:00:00Z", ResetTarget{Kind: ToTime, Time: time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC)}},
	}
	for _, tt := range tests {
		got, err := ParseResetTarget(tt.in, now)
		if err != nil || got.Kind != tt.want.Kind || got.Offset != tt.want.Offset || got.Shift != tt.want.Shift || !got.Time.Equal(tt.want.Time) {
			t.Errorf("ParseResetTarget(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "soon", "-5x", "++1"} {
		if _, err := ParseResetTarget(bad, now); err == nil {
			t.Errorf("ParseResetTarget(%q) accepted", bad)
		}
	}
}

func TestNewOffset(t *testing.T) {
	// A partition holding [100, 500), the group at 300, offset 250 at the time.
	tests := []struct {
		target ResetTarget
		want   int64
	}{
		{ResetTarget{Kind: ToEarliest}, 100},
		{ResetTarget{Kind: ToLatest}, 500},
		{ResetTarget{Kind: ToOffset, Offset: 42}, 100}, // before the start: the start
		{ResetTarget{Kind: ToOffset, Offset: 9999}, 500},
		{ResetTarget{Kind: ToTime}, 250},
		{ResetTarget{Kind: ShiftBy, Shift: -50}, 250},
		{ResetTarget{Kind: ShiftBy, Shift: 1000}, 500},
	}
	for _, tt := range tests {
		got, err := tt.target.NewOffset(300, 100, 500, 250)
		if err != nil || got != tt.want {
			t.Errorf("%v: %d %v, want %d", tt.target, got, err, tt.want)
		}
	}
	if _, err := (ResetTarget{Kind: ShiftBy, Shift: 1}).NewOffset(-1, 0, 10, -1); err == nil {
		t.Error("shifted a partition with nothing committed")
	}
	if got, _ := (ResetTarget{Kind: ToTime}).NewOffset(3, 0, 10, -1); got != 10 {
		t.Errorf("a time after the last record: %d, want the end", got)
	}
}
