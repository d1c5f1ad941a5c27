package model

import "testing"

// How far a tail is behind is what it has not read: High minus Next, the
// offsets of Next through High-1.
func TestPositionBehind(t *testing.T) {
	tests := []struct {
		p      Position
		behind int64
		caught bool
	}{
		{Position{Next: 10, High: 15, StartHigh: 15}, 5, false},
		{Position{Next: 14, High: 15, StartHigh: 15}, 1, false},
		{Position{Next: 15, High: 15, StartHigh: 15}, 0, true},
		{Position{Next: 15, High: 20, StartHigh: 15}, 5, true}, // caught up with what was there at the start
		{Position{Next: 21, High: 20, StartHigh: 15}, 0, true}, // a stale watermark is never negative
	}
	for _, tt := range tests {
		if got := tt.p.Lag(); got != tt.behind {
			t.Errorf("%+v: behind %d, want %d", tt.p, got, tt.behind)
		}
		if got := tt.p.Caught(); got != tt.caught {
			t.Errorf("%+v: caught %v, want %v", tt.p, got, tt.caught)
		}
	}
}
