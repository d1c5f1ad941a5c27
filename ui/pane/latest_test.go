package pane

import (
	"errors"
	"testing"
)

// A failure before any answer takes the rows' place; one after keeps the
// answer on screen and says the refresh failed.
func TestLatestKeepsTheLastGoodAnswer(t *testing.T) {
	var l Latest[int]
	down := errors.New("broker down")
	if !l.Take(Fetched[int]{Err: down}) || l.Stale() != "" {
		t.Fatalf("first failure: %+v %q", l, l.Stale())
	}
	if l.Take(Fetched[int]{Value: 7}) || l.Value != 7 || l.Stale() != "" {
		t.Fatalf("an answer: %+v", l)
	}
	if l.Take(Fetched[int]{Err: down}) || l.Value != 7 || l.Stale() != "refresh failed: broker down" {
		t.Fatalf("a later failure: %+v %q", l, l.Stale())
	}
}
