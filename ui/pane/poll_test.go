package pane

import (
	"context"
	"github.com/kscope/kscope/keymap"
	"testing"
	"time"
)

// An answer from a round the pane has moved on from is dropped: a slow
// fetch of the old topic must not overwrite the new one's.
func TestPollDropsStaleAnswers(t *testing.T) {
	calls := 0
	p := NewPoll(Common{Refresh: time.Hour, Now: time.Now}, context.Background, func(context.Context) (int, error) {
		calls++
		return calls, nil
	})
	stale := p.Start()()
	fresh := p.Start()()
	if _, ok, cmd := p.Update(stale); ok || cmd != nil {
		t.Fatal("an answer of the round before was taken")
	}
	answer, ok, cmd := p.Update(fresh)
	if !ok || answer.Value != 2 || cmd == nil {
		t.Fatalf("the current round's answer: %+v %v", answer, ok)
	}
	// Another poll's answer is not this one's, whatever its round.
	other := NewPoll(Common{Refresh: time.Hour, Now: time.Now}, context.Background, func(context.Context) (int, error) { return 9, nil })
	other.Start()
	if _, ok, _ := p.Update(other.Start()()); ok {
		t.Fatal("another poll's answer was taken")
	}
}

// A paced poll waits in proportion to how long its fetch took, so that
// fetching the whole of a big cluster takes a fixed share of the time;
// a quick fetch still comes every refresh interval.
func TestPacedPollWaitsInProportion(t *testing.T) {
	began := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	now := began
	p := NewPoll(Common{Refresh: 2 * time.Second, Now: func() time.Time { return now }}, context.Background,
		func(context.Context) (int, error) { return 0, nil })
	p.Pace(0.02)
	now = began.Add(300 * time.Millisecond)
	if got := p.wait(began); got != 15*time.Second {
		t.Errorf("after a fetch of 300 ms: next in %v, want 15s", got)
	}
	now = began.Add(10 * time.Millisecond)
	if got := p.wait(began); got != 2*time.Second {
		t.Errorf("after a fetch of 10 ms: next in %v, want the 2s interval", got)
	}
}

// What was fetched long ago says how old it is, and how to fetch it now.
func TestAgedSaysHowOldPastTwoIntervals(t *testing.T) {
	now := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	c := Common{Refresh: 2 * time.Second, Now: func() time.Time { return now }, Keys: keymap.Default()}
	for _, tc := range []struct {
		at   time.Time
		want string
	}{
		{time.Time{}, ""},
		{now.Add(-4 * time.Second), ""},
		{now.Add(-40 * time.Second), "load 40s old (ctrl+r)"},
	} {
		if got := c.Aged("load", tc.at); got != tc.want {
			t.Errorf("fetched %v ago: %q, want %q", now.Sub(tc.at), got, tc.want)
		}
	}
}
