package model

import "time"

// Throughput estimates how many records a second are written to each topic,
// from how far the sum of its high watermarks moved between two listings.
// The high watermark only grows while a topic lives, so unlike message
// counts it is not disturbed by retention or compaction. Each topic is
// measured between its own listings, so a listing of some topics (those
// on screen) measures them without losing the others.
type Throughput struct {
	marks map[string]endMark
	rates map[string]float64
}

// endMark is where a topic's watermarks summed to, and when.
type endMark struct {
	end int64
	at  time.Time
}

// minRateSpan is the least time a rate is measured over. Two listings
// made moments apart (the rows on screen and the whole list, fetched at
// about the same time) would measure one over milliseconds: 0 most of the
// time, and huge when a record came in between.
const minRateSpan = time.Second

// Observe takes a listing of some topics made at the given time. A
// listing of a topic less than minRateSpan after its last says nothing of
// a rate and is ignored: measuring from it would lose the baseline the
// next needs.
func (t *Throughput) Observe(topics []Topic, at time.Time) {
	if t.marks == nil {
		t.marks, t.rates = map[string]endMark{}, map[string]float64{}
	}
	for _, tp := range topics {
		end, ok := highSum(tp)
		prev, seen := t.marks[tp.Name]
		switch {
		case seen && at.Sub(prev.at) < minRateSpan:
			continue
		case !ok:
			delete(t.marks, tp.Name)
			delete(t.rates, tp.Name)
			continue
		case seen && end >= prev.end:
			t.rates[tp.Name] = float64(end-prev.end) / at.Sub(prev.at).Seconds()
		default: // first seen, or shrank: deleted and made again
			delete(t.rates, tp.Name)
		}
		t.marks[tp.Name] = endMark{end, at}
	}
}

// ObserveAll takes a listing of every topic: those not in it are gone,
// and so are their rates.
func (t *Throughput) ObserveAll(topics []Topic, at time.Time) {
	listed := make(map[string]bool, len(topics))
	for _, tp := range topics {
		listed[tp.Name] = true
	}
	for name := range t.marks {
		if !listed[name] {
			delete(t.marks, name)
			delete(t.rates, name)
		}
	}
	t.Observe(topics, at)
}

// highSum is the sum of a topic's high watermarks; ok is false when it
// means nothing: the topic could not be described, or a partition has no
// watermark.
func highSum(tp Topic) (sum int64, ok bool) {
	if tp.Err != nil {
		return 0, false
	}
	for _, p := range tp.Partitions {
		if p.High < 0 {
			return 0, false
		}
		sum += p.High
	}
	return sum, true
}

// Rate is the topic's latest records-per-second estimate; ok is false
// until two listings have seen it.
func (t Throughput) Rate(topic string) (rate float64, ok bool) {
	rate, ok = t.rates[topic]
	return rate, ok
}
