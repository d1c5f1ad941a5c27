package pane

import (
	"context"
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
