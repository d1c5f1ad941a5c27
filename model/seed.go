package model

import (
	"errors"
	"slices"
	"time"
)

// ErrNoCommitLog is why a cluster's commits cannot be read back: it keeps
// no __consumer_offsets topic (kfake keeps commits in memory).
var ErrNoCommitLog = errors.New("the cluster keeps no log of commits (__consumer_offsets)")

// SeedPoints is how many times a history is seeded at, over its window.
const SeedPoints = 12

// Commit is one offset commit read back from the cluster's log of commits
// (__consumer_offsets), at the broker's time.
type Commit struct {
	At     int64 // milliseconds
	Offset int64
}

// CommitLog is what the log of commits says about a span of time: each
// group's commits on each partition, oldest first, and whether the whole
// span was read (a budget may stop short, and then a partition with no
// commit read may still have had some).
type CommitLog struct {
	Since    time.Time
	Complete bool
	Commits  map[string]map[TopicPartition][]Commit
	// Ends are each partition's end offsets at the seed times: what had
	// been written by then.
	Ends map[TopicPartition][]int64
	// Times are the seed times, oldest first, for Ends.
	Times []time.Time
}

// SeedTimes are n times spread evenly over the window before now, the
// oldest first and the newest a step before now (the live poll is now).
func SeedTimes(now time.Time, window time.Duration, n int) []time.Time {
	out := make([]time.Time, n)
	for i := range n {
		out[i] = now.Add(-window + time.Duration(i)*window/time.Duration(n))
	}
	return out
}

// StartSeeding reports whether the history is yet to be seeded, and marks
// it seeded from then on: a history is seeded once, when first shown.
func (h *LagHistory) StartSeeding() bool {
	first := !h.seeded
	h.seeded = true
	return first
}

// Seed starts the history of the groups of a poll with where their commits
// and their partitions' ends were at the log's seed times, so a trend and
// a verdict need not wait for polls. A partition's position at a time is
// its last commit by then; with no commit read before that time it is
// unknown, unless the whole span was read and the partition had no commit
// in it at all: then it sat where it is now. Samples are added only before
// those the history already has.
func (h *LagHistory) Seed(groups []Group, log CommitLog) {
	window, maxSamples := h.window(), h.maxSamples()
	for _, g := range groups {
		if g.Err != nil {
			continue
		}
		gh := h.groupMade(g.Name)
		commits := log.Commits[g.Name]
		totals := make([]LagSample, len(log.Times))
		for i, at := range log.Times {
			totals[i] = LagSample{Time: at.UnixNano(), Committed: -1}
		}
		for _, p := range g.Partitions {
			ends := log.Ends[p.TopicPartition]
			if len(ends) != len(log.Times) {
				continue
			}
			var seeds []LagSample
			for i, at := range log.Times {
				committed, ok := positionAt(commits[p.TopicPartition], at, p.Committed, log.Complete)
				if !ok || ends[i] < 0 {
					continue
				}
				seeds = append(seeds, LagSample{Time: at.UnixNano(), Committed: committed, End: ends[i], Members: int32(len(g.Members))})
				t := &totals[i]
				t.Committed, t.End, t.Summed = max(t.Committed, 0)+committed, t.End+ends[i], t.Summed+1
			}
			ps := gh.Partitions[p.TopicPartition]
			if ps == nil {
				ps = new(Series)
				gh.Partitions[p.TopicPartition] = ps
				h.series++
			}
			ps.prepend(seeds, window, maxSamples)
		}
		totals = slices.DeleteFunc(totals, func(s LagSample) bool { return s.Summed == 0 })
		gh.Total.prepend(totals, window, maxSamples)
	}
}

// positionAt is where a partition was at a time: its last commit by then.
// now is where it is at present, taken for all times when the whole span
// was read and it had no commit in it.
func positionAt(commits []Commit, at time.Time, now int64, complete bool) (int64, bool) {
	ms := at.UnixMilli()
	i, _ := slices.BinarySearchFunc(commits, ms, func(c Commit, t int64) int {
		if c.At <= t {
			return -1
		}
		return 1
	})
	switch {
	case i > 0:
		return commits[i-1].Offset, true
	case len(commits) == 0 && complete && now >= 0:
		return now, true
	}
	return 0, false
}

// prepend puts samples older than those held before them, then keeps the
// window and the bound as Add does.
func (s *Series) prepend(older []LagSample, window time.Duration, maxSamples int) {
	s.max = maxSamples
	if n := len(s.samples); n > 0 {
		first := s.samples[0].At()
		older = slices.DeleteFunc(slices.Clone(older), func(x LagSample) bool { return !x.At().Before(first) })
	}
	if len(older) == 0 {
		return
	}
	s.samples = append(older, s.samples...)
	newest := s.samples[len(s.samples)-1].At()
	cut := 0
	for cut < len(s.samples)-1 && newest.Sub(s.samples[cut].At()) > window {
		cut++
	}
	s.samples = s.samples[cut:]
	for len(s.samples) > s.max {
		s.thin()
	}
}
