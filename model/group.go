package model

import (
	"slices"
	"strings"
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
	Assigned []TopicPartition
}

// PartitionLag is where a group is in one partition.
type PartitionLag struct {
	TopicPartition
	Committed int64 // -1: the group has no committed offset here
	End       int64 // the log end offset; -1 when it could not be listed
	// Lag is End minus Committed; -1 when either is unknown, which is not
	// the same as caught up.
	Lag    int64
	Member *GroupMember // who consumes it now; nil when nobody does
	Err    error
}

// Group is a consumer group and its lag on every partition it commits to
// or is assigned.
type Group struct {
	Name         string
	State        string // Stable, Empty, PreparingRebalance, CompletingRebalance, Dead
	Protocol     string // the assignor, e.g. cooperative-sticky
	ProtocolType string // "consumer", "connect", …
	Members      []GroupMember
	Partitions   []PartitionLag // by topic, then partition
	Err          error          // set when the group could not be described
}

// TotalLag sums the known lag of every partition.
func (g Group) TotalLag() int64 {
	var n int64
	for _, p := range g.Partitions {
		n += max(p.Lag, 0)
	}
	return n
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
	slices.SortFunc(ps, func(a, b PartitionLag) int {
		if c := strings.Compare(a.Topic, b.Topic); c != 0 {
			return c
		}
		return int(a.Partition - b.Partition)
	})
}
