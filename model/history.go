package model

import "time"

// LagSample is a group's or a partition's position at one poll. A history
// holds a million of them on a big cluster, so it is 32 bytes with no
// pointer in it: the garbage collector need not look inside.
type LagSample struct {
	Time      int64 // when, in Unix nanoseconds: see At
	Committed int64 // -1: nothing committed
	End       int64
	Members   int32 // the group's members at the time (for a group's series)
	// Summed is how many partitions a group's total adds up: those with
	// a commit. Totals of different partitions do not compare.
	Summed int32
}

// At is when the sample was taken.
func (s LagSample) At() time.Time { return time.Unix(0, s.Time) }

// Lag is End minus Committed, or -1 when nothing is committed.
func (s LagSample) Lag() int64 {
	if s.Committed < 0 || s.End < 0 {
		return -1
	}
	return max(s.End-s.Committed, 0)
}

// Series is a bounded history of samples, oldest first. When it is full
// it thins out the two samples closest in time, so recent samples stay
// dense while older ones still span the window, and memory stays fixed:
// the samples live in one array of maxSamples and one more, made again
// only when maxSamples changes.
type Series struct {
	samples []LagSample
	max     int
}

// Add appends a sample and drops what falls out of the window before it.
// A sample taken at the same instant as the last replaces it: a second
// look at one moment is no new evidence.
func (s *Series) Add(x LagSample, window time.Duration, maxSamples int) {
	s.max = maxSamples
	if n := len(s.samples); n > 0 && x.Time <= s.samples[n-1].Time {
		s.samples[n-1] = x
		return
	}
	if cap(s.samples) != s.max+1 {
		s.samples = append(make([]LagSample, 0, s.max+1), s.samples...)
	}
	s.samples = append(s.samples, x)
	cut := 0
	for cut < len(s.samples)-1 && x.Time-s.samples[cut].Time > int64(window) {
		cut++
	}
	s.samples = s.samples[:copy(s.samples, s.samples[cut:])] // in place: the array stays
	for len(s.samples) > s.max {
		s.thin()
	}
}

// thin drops the one sample, neither first nor last, whose neighbours are
// closest together: it loses the least shape.
func (s *Series) thin() {
	best, bestGap := 1, int64(1<<62)
	for i := 1; i < len(s.samples)-1; i++ {
		if gap := s.samples[i+1].Time - s.samples[i-1].Time; gap < bestGap {
			best, bestGap = i, gap
		}
	}
	s.samples = append(s.samples[:best], s.samples[best+1:]...)
}

// newest is the latest sample; a series in a history always has one.
func (s *Series) newest() LagSample { return s.samples[len(s.samples)-1] }

// Samples are the samples held, oldest first. The slice is the series'
// own: read it, do not keep it.
func (s *Series) Samples() []LagSample { return s.samples }

// Lags are the samples' lags, oldest first, for drawing a trend.
func (s *Series) Lags() []int64 {
	out := make([]int64, len(s.samples))
	for i, x := range s.samples {
		out[i] = x.Lag()
	}
	return out
}

// Rate is how fast a group consumed, and its partitions were written,
// between one sample and the one before.
type Rate struct {
	At               time.Time
	Consume, Produce float64 // records per second
}

// Rates are the rates between each two samples in a row that compare:
// both with a commit and summing the same partitions, a second or more
// apart.
func (s *Series) Rates() []Rate {
	var out []Rate
	for i := 1; i < len(s.samples); i++ {
		a, b := s.samples[i-1], s.samples[i]
		dt := b.At().Sub(a.At()).Seconds()
		if a.Committed < 0 || b.Committed < 0 || a.Summed != b.Summed || dt < 1 {
			continue
		}
		out = append(out, Rate{At: b.At(), Consume: max(float64(b.Committed-a.Committed)/dt, 0), Produce: max(float64(b.End-a.End)/dt, 0)})
	}
	return out
}

// LagHistory keeps, for every group seen, a series of the whole group's
// position and one for each of its partitions, over a sliding window.
type LagHistory struct {
	Window     time.Duration
	MaxSamples int // per series
	// Budget bounds the samples of all series together: with more series
	// than Budget/MaxSamples, each keeps fewer (at least 3), so memory is
	// bounded however many groups and partitions the cluster has.
	Budget int
	groups map[string]*GroupHistory
	series int // how many series the groups have, totals included
	seeded bool
}

// GroupHistory is one group's series.
type GroupHistory struct {
	Total      Series
	Partitions map[TopicPartition]*Series
}

// Defaults for a LagHistory's zero fields.
const (
	DefaultLagWindow  = 15 * time.Minute
	DefaultMaxSamples = 32
	DefaultLagBudget  = 1 << 20 // 32 MB of samples
)

// ObserveAll records a poll that listed every group: a group not in it is
// gone from the cluster, and so from the history (a group of the same name
// made later starts afresh). However many short-lived groups come and go,
// the history holds only those that exist.
func (h *LagHistory) ObserveAll(groups []Group, at time.Time) {
	seen := make(map[string]bool, len(groups))
	for _, g := range groups {
		seen[g.Name] = true
	}
	for name, gh := range h.groups {
		if !seen[name] {
			h.series -= len(gh.Partitions) + 1
			delete(h.groups, name)
		}
	}
	h.Observe(groups, at)
}

// Observe records one poll of some groups made at the given time; groups
// not in it keep their history. A group's partitions that it no longer
// has (its topic deleted, say) leave its history.
func (h *LagHistory) Observe(groups []Group, at time.Time) {
	// The series first, so that each is sized for all there will be.
	for _, g := range groups {
		if g.Err != nil {
			continue
		}
		gh := h.groupMade(g.Name)
		for _, p := range g.Partitions {
			if gh.Partitions[p.TopicPartition] == nil {
				gh.Partitions[p.TopicPartition] = new(Series)
				h.series++
			}
		}
	}
	window, maxSamples := h.window(), h.maxSamples()
	for _, g := range groups {
		if g.Err != nil {
			continue
		}
		gh := h.groups[g.Name]
		total := LagSample{Time: at.UnixNano(), Members: int32(len(g.Members))}
		committed := false
		for _, p := range g.Partitions {
			ps := gh.Partitions[p.TopicPartition]
			ps.Add(LagSample{Time: at.UnixNano(), Committed: p.Committed, End: p.End, Members: int32(len(g.Members))}, window, maxSamples)
			if p.Committed >= 0 && p.End >= 0 {
				committed = true
				total.Committed += p.Committed
				total.End += p.End
				total.Summed++
			}
		}
		if !committed {
			total.Committed = -1
		}
		for tp, ps := range gh.Partitions {
			if ps.newest().Time != at.UnixNano() { // not in this description: gone
				delete(gh.Partitions, tp)
				h.series--
			}
		}
		gh.Total.Add(total, window, maxSamples)
	}
}

// groupMade is a group's history, made empty if it has none yet.
func (h *LagHistory) groupMade(name string) *GroupHistory {
	if h.groups == nil {
		h.groups = make(map[string]*GroupHistory)
	}
	gh := h.groups[name]
	if gh == nil {
		gh = &GroupHistory{Partitions: make(map[TopicPartition]*Series)}
		h.groups[name] = gh
		h.series++
	}
	return gh
}

// Group is a group's history, or nil if it was never seen.
func (h *LagHistory) Group(name string) *GroupHistory { return h.groups[name] }

// Span is how far back the history reaches.
func (h *LagHistory) Span() time.Duration { return h.window() }

func (h *LagHistory) window() time.Duration {
	if h.Window > 0 {
		return h.Window
	}
	return DefaultLagWindow
}

// maxSamples is what each series may hold: MaxSamples, or less when the
// series are so many that they would pass the budget.
func (h *LagHistory) maxSamples() int {
	n, budget := DefaultMaxSamples, DefaultLagBudget
	if h.MaxSamples >= 3 {
		n = h.MaxSamples
	}
	if h.Budget > 0 {
		budget = h.Budget
	}
	return min(n, max(3, budget/max(h.series, 1)))
}
