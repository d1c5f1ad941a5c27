package model

import "time"

// Throughput estimates how many records a second are written to each topic,
// from how far the sum of its high watermarks moved between two listings.
// The high watermark only grows while a topic lives, so unlike message
// counts it is not disturbed by retention or compaction.
type Throughput struct {
	ends  map[string]int64
	at    time.Time
	rates map[string]float64
}

// Observe takes a listing made at the given time. A listing no later than
// the one before it says nothing of a rate and is ignored: measuring from
// it would lose the baseline the next listing needs.
func (t *Throughput) Observe(topics []Topic, at time.Time) {
	if t.ends != nil && !at.After(t.at) {
		return
	}
	ends := make(map[string]int64, len(topics))
	for _, tp := range topics {
		if tp.Err != nil {
			continue
		}
		var sum int64
		for _, p := range tp.Partitions {
			if p.High < 0 {
				sum = -1 // a partition without a watermark makes the sum meaningless
				break
			}
			sum += p.High
		}
		if sum >= 0 {
			ends[tp.Name] = sum
		}
	}
	rates := make(map[string]float64, len(ends))
	if t.ends != nil {
		dt := at.Sub(t.at).Seconds()
		for name, end := range ends {
			// A topic that shrank was deleted and made again: no rate.
			if prev, ok := t.ends[name]; ok && end >= prev {
				rates[name] = float64(end-prev) / dt
			}
		}
	}
	t.ends, t.at, t.rates = ends, at, rates
}

// Rate is the topic's latest records-per-second estimate; ok is false
// until two listings have seen it.
func (t Throughput) Rate(topic string) (rate float64, ok bool) {
	rate, ok = t.rates[topic]
	return rate, ok
}
