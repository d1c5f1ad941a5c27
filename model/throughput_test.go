package model

import (
	"errors"
	"testing"
	"time"
)

var errFake = errors.New("fake")

func TestThroughput(t *testing.T) {
	at := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	topic := func(name string, highs ...int64) Topic {
		tp := Topic{Name: name}
		for i, h := range highs {
			tp.Partitions = append(tp.Partitions, Partition{ID: int32(i), Low: 0, High: h})
		}
		return tp
	}
	var th Throughput
	th.Observe([]Topic{topic("orders", 10, 20), topic("recreated", 500)}, at)
	if _, ok := th.Rate("orders"); ok {
		t.Fatal("a rate after one listing")
	}
	th.Observe([]Topic{
		topic("orders", 30, 20),        // +20 in 2s
		topic("recreated", 5),          // shrank: deleted and made again
		topic("new", 7),                // first seen
		topic("unknown", 4, -1),        // a partition without watermark
		{Name: "broken", Err: errFake}, // could not be described
	}, at.Add(2*time.Second))
	want := map[string]struct {
		rate float64
		ok   bool
	}{"orders": {10, true}, "recreated": {0, false}, "new": {0, false}, "unknown": {0, false}, "broken": {0, false}}
	for name, w := range want {
		if rate, ok := th.Rate(name); rate != w.rate || ok != w.ok {
			t.Errorf("%s: rate %v %v, want %v %v", name, rate, ok, w.rate, w.ok)
		}
	}
	// A listing of the same instant says nothing of a rate (no division by
	// zero) and must not become the baseline: the next rate is measured
	// from the listing before it.
	th.Observe([]Topic{topic("orders", 40, 20)}, at.Add(2*time.Second))
	if rate, _ := th.Rate("orders"); rate != 10 {
		t.Errorf("after a listing at the same instant: %v/s, want the 10/s kept", rate)
	}
	th.Observe([]Topic{topic("orders", 40, 20)}, at.Add(4*time.Second))
	if rate, _ := th.Rate("orders"); rate != 5 {
		t.Errorf("measured from the ignored listing: %v/s, want 5/s", rate)
	}
}

// A listing of some topics (those on screen) measures them and keeps the
// others' rates; a listing of all forgets the topics it no longer has.
func TestThroughputOfSomeTopics(t *testing.T) {
	at := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	one := func(name string, high int64) Topic {
		return Topic{Name: name, Partitions: []Partition{{High: high}}}
	}
	var th Throughput
	th.ObserveAll([]Topic{one("a", 0), one("b", 0)}, at)
	th.ObserveAll([]Topic{one("a", 100), one("b", 100)}, at.Add(10*time.Second))
	th.Observe([]Topic{one("a", 120)}, at.Add(12*time.Second))
	if rate, _ := th.Rate("a"); rate != 10 {
		t.Errorf("a, measured over its own 2 s: %v/s, want 10", rate)
	}
	if rate, ok := th.Rate("b"); !ok || rate != 10 {
		t.Errorf("b, not in the listing: %v %v, want its 10/s kept", rate, ok)
	}
	th.ObserveAll([]Topic{one("a", 140)}, at.Add(14*time.Second))
	if _, ok := th.Rate("b"); ok {
		t.Error("b, gone from a listing of all, kept a rate")
	}
	th.Observe([]Topic{one("b", 500)}, at.Add(16*time.Second))
	if _, ok := th.Rate("b"); ok {
		t.Error("b, made again, was measured from the old b")
	}
}

// Two listings moments apart, as the rows on screen and the whole list
// can be, do not measure a rate over milliseconds: the baseline stays.
func TestThroughputIsNotMeasuredOverMoments(t *testing.T) {
	at := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	one := func(high int64) []Topic { return []Topic{{Name: "a", Partitions: []Partition{{High: high}}}} }
	var th Throughput
	th.ObserveAll(one(0), at)
	th.ObserveAll(one(100), at.Add(2*time.Second))
	th.Observe(one(100), at.Add(2*time.Second+10*time.Millisecond)) // nothing came in those 10 ms
	if rate, _ := th.Rate("a"); rate != 50 {
		t.Errorf("after a listing 10 ms later: %v/s, want the 50/s of the 2 s before", rate)
	}
	th.ObserveAll(one(300), at.Add(4*time.Second))
	if rate, _ := th.Rate("a"); rate != 100 {
		t.Errorf("2 s on: %v/s, want 100, measured from the listing 2 s before", rate)
	}
}
