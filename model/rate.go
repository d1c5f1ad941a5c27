package model

import "time"

// RateMeter measures events per second over a sliding window of about
// rateWindow, in one-second buckets, so the figure is steady to read yet
// follows a change within seconds.
type RateMeter struct {
	buckets [rateBuckets]int64
	second  int64 // the unix second of the newest bucket
	started time.Time
}

const (
	rateBuckets = 6
	rateWindow  = rateBuckets - 1 // whole seconds behind the current one
)

// Add counts n events at time t.
func (m *RateMeter) Add(n int, t time.Time) {
	m.advance(t)
	m.buckets[m.second%rateBuckets] += int64(n)
}

// Rate is the events per second over the window before t: the whole
// seconds behind, plus the part of the current one that has passed. It
// works on a copy, so reading the rate changes nothing.
func (m RateMeter) Rate(t time.Time) float64 {
	m.advance(t)
	var sum int64
	for _, b := range m.buckets {
		sum += b
	}
	span := float64(rateWindow) + float64(t.Nanosecond())/1e9
	if since := t.Sub(m.started).Seconds(); since < span {
		span = since // a young meter has seen less than a window
	}
	if span <= 0 {
		return 0
	}
	return float64(sum) / span
}

// advance moves the window to t's second, emptying the buckets it passes.
func (m *RateMeter) advance(t time.Time) {
	if m.started.IsZero() {
		m.started, m.second = t, t.Unix()
		return
	}
	now := t.Unix()
	for m.second < now {
		m.second++
		m.buckets[m.second%rateBuckets] = 0
		if now-m.second > rateBuckets { // a long gap empties everything at once
			m.second = now
			m.buckets = [rateBuckets]int64{}
		}
	}
}
