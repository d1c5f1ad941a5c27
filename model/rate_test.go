package model

import (
	"math"
	"testing"
	"time"
)

func TestRateMeter(t *testing.T) {
	t0 := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	var m RateMeter
	if r := m.Rate(t0); r != 0 {
		t.Errorf("empty meter rate %v", r)
	}
	// 100 events a second, in ten batches a second, for ten seconds.
	for i := range 100 {
		m.Add(10, t0.Add(time.Duration(i)*100*time.Millisecond))
	}
	if r := m.Rate(t0.Add(10 * time.Second)); math.Abs(r-100) > 5 {
		t.Errorf("steady rate %v, want about 100", r)
	}
	// Silence for a minute empties the window.
	if r := m.Rate(t0.Add(70 * time.Second)); r != 0 {
		t.Errorf("rate after a minute of silence %v", r)
	}
	// A young meter does not understate: 50 events in its first half second.
	var young RateMeter
	young.Add(50, t0)
	if r := young.Rate(t0.Add(500 * time.Millisecond)); math.Abs(r-100) > 1 {
		t.Errorf("young meter rate %v, want 100", r)
	}
}
