package model

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// TopicPartition names one partition of one topic.
type TopicPartition struct {
	Topic     string
	Partition int32
}

// GroupMember is one member of a consumer group.
type GroupMember struct {
	ID       string
	ClientID string
	Host     string
	// InstanceID is a static member's group.instance.id (KIP-345); empty
	// for a dynamic member.
	InstanceID string
	Assigned   []TopicPartition
}

// PartitionLag is where a group is in one partition.
type PartitionLag struct {
	TopicPartition
	Committed int64 // -1: the group has no committed offset here
	Start     int64 // the log start offset; -1 when it could not be listed
	End       int64 // the log end offset; -1 when it could not be listed
	// Lag is what the group has yet to read: End minus Committed, or End
	// minus Start when retention deleted records past the commit; -1 when
	// unknown, which is not the same as caught up.
	Lag int64
	// Lost counts the records retention (or delete-records) removed before
	// the group read them: its commit has expired. 0 otherwise.
	Lost int64
	// Oldest is the timestamp (ms) of the oldest record the group has yet
	// to read, the one at its commit; 0 or less when it has none, or it
	// is not known.
	Oldest int64
	// OldestStale marks an Oldest fetched at an earlier commit, which
	// stands in when a poll's budget of fetches ran out: the group is at
	// most that far behind.
	OldestStale bool
	Member      *GroupMember // who consumes it now; nil when nobody does
	Err         error
}

// Behind is how old, at now, the oldest record the group has yet to read
// is: how far behind in time it is. Zero when caught up or not known.
func (p PartitionLag) Behind(now time.Time) time.Duration {
	if p.Lag <= 0 || p.Oldest <= 0 {
		return 0
	}
	return max(now.Sub(time.UnixMilli(p.Oldest)), 0)
}

// LagAt is where a group is in a partition whose log runs from start to
// end (either -1 when unknown) when it committed committed (-1: never).
// A commit below the log start would otherwise count records that no
// longer exist as lag (phantom lag): the group will resume at the log
// start, so only what is retained is lag, and the rest is lost.
func LagAt(tp TopicPartition, committed, start, end int64) PartitionLag {
	p := PartitionLag{TopicPartition: tp, Committed: max(committed, -1), Start: max(start, -1), End: max(end, -1), Lag: -1}
	if committed < 0 || end < 0 {
		return p
	}
	from := committed
	if start >= 0 && committed < start {
		from, p.Lost = start, start-committed
	}
	p.Lag = max(end-from, 0)
	return p
}

// Expired reports whether retention removed records the group had not
// read: its committed offset is below the log start.
func (p PartitionLag) Expired() bool { return p.Lost > 0 }

// Group is a consumer group and its lag on every partition it commits to
// or is assigned.
type Group struct {
	Name         string
	State        string // Stable, Empty, PreparingRebalance, CompletingRebalance, Dead
	Protocol     string // the assignor, e.g. cooperative-sticky
	ProtocolType string // "consumer", "connect", …
	// Type is the group protocol: "classic", or "consumer" for KIP-848
	// groups, whose members the broker assigns.
	Type       string
	Members    []GroupMember
	Partitions []PartitionLag // by topic, then partition
	Err        error          // set when the group could not be described
}

// Busy is why the group's offsets cannot be reset, nor the group deleted,
// now: Kafka refuses both while members are active. nil when they can be.
func (g Group) Busy() error {
	if n := len(g.Members); n > 0 {
		return fmt.Errorf("group %q has %d active members; stop them first", g.Name, n)
	}
	return nil
}

// FormatBehind writes a time behind as people read it: "4m12s", "2h05m",
// "3d4h", or "-" for none.
func FormatBehind(d time.Duration) string {
	switch {
	case d <= 0:
		return "-"
	case d < time.Minute:
		return fmt.Sprintf("%ds", int(d.Seconds()))
	case d < time.Hour:
		return fmt.Sprintf("%dm%02ds", int(d.Minutes()), int(d.Seconds())%60)
	case d < 48*time.Hour:
		return fmt.Sprintf("%dh%02dm", int(d.Hours()), int(d.Minutes())%60)
	}
	return fmt.Sprintf("%dd%dh", int(d.Hours())/24, int(d.Hours())%24)
}

// Behind is how far behind in time the group's worst partition is.
func (g Group) Behind(now time.Time) time.Duration {
	d, _ := g.behind(now)
	return d
}

// BehindStale reports whether the group's Behind comes from a stale
// partition time, and so is an upper bound.
func (g Group) BehindStale(now time.Time) bool {
	_, stale := g.behind(now)
	return stale
}

func (g Group) behind(now time.Time) (worst time.Duration, stale bool) {
	for _, p := range g.Partitions {
		if d := p.Behind(now); d > worst {
			worst, stale = d, p.OldestStale
		}
	}
	return worst, stale
}

// BehindText is a time behind as people read it, "≤4m12s" when it is an
// upper bound (a stale time), "-" for none.
func BehindText(d time.Duration, stale bool) string {
	if stale && d > 0 {
		return "≤" + FormatBehind(d)
	}
	return FormatBehind(d)
}

// TotalLag sums the known lag of every partition.
func (g Group) TotalLag() int64 {
	var n int64
	for _, p := range g.Partitions {
		n += max(p.Lag, 0)
	}
	return n
}

// Uncommitted sums the records held in the partitions the group is
// assigned but has never committed on, and counts those partitions that
// hold any: not
// lag (there is no commit to measure from), but not nothing either.
// Where a consumer starting there begins depends on its
// auto.offset.reset, so the records counted are those the log holds.
func (g Group) Uncommitted() (records int64, partitions int) {
	for _, p := range g.Partitions {
		if p.Committed < 0 && p.Err == nil && p.Start >= 0 && p.End > p.Start {
			records += p.End - p.Start
			partitions++
		}
	}
	return records, partitions
}

// Lost sums the records retention removed before the group read them,
// and counts the partitions where that happened.
func (g Group) Lost() (records int64, partitions int) {
	for _, p := range g.Partitions {
		if p.Expired() {
			records += p.Lost
			partitions++
		}
	}
	return records, partitions
}

// MaxLag is the largest known lag of one partition.
func (g Group) MaxLag() int64 {
	var n int64
	for _, p := range g.Partitions {
		n = max(n, p.Lag)
	}
	return n
}

// Topics lists the topics the group consumes, sorted.
func (g Group) Topics() []string {
	var ts []string
	for _, p := range g.Partitions {
		if len(ts) == 0 || ts[len(ts)-1] != p.Topic {
			ts = append(ts, p.Topic)
		}
	}
	return slices.Compact(ts)
}

// Consumes reports whether the group consumes the topic.
func (g Group) Consumes(topic string) bool {
	return slices.ContainsFunc(g.Partitions, func(p PartitionLag) bool { return p.Topic == topic })
}

// OnTopic is the group with only its partitions of one topic.
func (g Group) OnTopic(topic string) Group {
	g.Partitions = slices.DeleteFunc(slices.Clone(g.Partitions), func(p PartitionLag) bool { return p.Topic != topic })
	return g
}

// SortPartitions orders partitions by topic, then partition.
func SortPartitions(ps []PartitionLag) {
	slices.SortFunc(ps, func(a, b PartitionLag) int { return compareTP(a.TopicPartition, b.TopicPartition) })
}

// SortTopicPartitions orders partitions by topic, then partition.
func SortTopicPartitions(tps []TopicPartition) { slices.SortFunc(tps, compareTP) }

func compareTP(a, b TopicPartition) int {
	if c := strings.Compare(a.Topic, b.Topic); c != 0 {
		return c
	}
	return int(a.Partition - b.Partition)
}
