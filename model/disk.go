package model

import (
	"cmp"
	"math"
	"slices"
)

// LogDir is one log directory of a broker: what its replicas take, and
// the volume it is on.
type LogDir struct {
	Broker int32
	Path   string
	Used   int64 // bytes of the replicas in it
	// Total and Usable are the volume's size and free space; -1 when the
	// broker does not say (before Kafka 3.3).
	Total, Usable int64
	Err           error
}

// DiskUsage is what the brokers say of their log dirs and the replicas in
// them (DescribeLogDirs).
type DiskUsage struct {
	Dirs []LogDir // by broker, then path
	// Unanswered are the brokers that did not describe their log dirs,
	// with why.
	Unanswered map[int32]error
	// replicas are by topic, one slice each: on 100,000 partitions a map
	// entry and a slice per partition cost more than the answer itself.
	replicas map[string][]replicaSize
}

// replicaSize is what a partition's replica takes on one broker.
type replicaSize struct {
	partition, broker int32
	bytes             int64
}

// AddReplica records the bytes of a partition's replica on a broker. A
// replica in two dirs of one broker (a move between dirs) counts once, at
// its larger size (see Fill).
func (d *DiskUsage) AddReplica(tp TopicPartition, broker int32, bytes int64) {
	if d.replicas == nil {
		d.replicas = map[string][]replicaSize{}
	}
	d.replicas[tp.Topic] = append(d.replicas[tp.Topic], replicaSize{tp.Partition, broker, max(bytes, 0)})
}

// ReplicaBytes is what a partition's replica takes on a broker, and
// whether that broker said (the larger, if in two of its dirs).
func (d DiskUsage) ReplicaBytes(tp TopicPartition, broker int32) (bytes int64, ok bool) {
	for _, r := range d.replicas[tp.Topic] {
		if r.partition == tp.Partition && r.broker == broker {
			bytes, ok = max(bytes, r.bytes), true
		}
	}
	return bytes, ok
}

// SortDirs orders the dirs by broker, then path.
func (d *DiskUsage) SortDirs() {
	slices.SortFunc(d.Dirs, func(a, b LogDir) int {
		return cmp.Or(cmp.Compare(a.Broker, b.Broker), cmp.Compare(a.Path, b.Path))
	})
}

// Fill sets each partition's sizes: its leader's replica and all its
// replicas. A partition whose leader did not report stays unsized.
func (d DiskUsage) Fill(topics []Topic) {
	for ti := range topics {
		t := &topics[ti]
		rs := d.replicas[t.Name]
		// By partition and broker, largest first: a replica seen twice on
		// one broker is counted once, at its larger size.
		slices.SortFunc(rs, func(a, b replicaSize) int {
			return cmp.Or(cmp.Compare(a.partition, b.partition), cmp.Compare(a.broker, b.broker), cmp.Compare(b.bytes, a.bytes))
		})
		for pi := range t.Partitions {
			p := &t.Partitions[pi]
			p.Sized, p.Bytes, p.ReplicaBytes = false, 0, 0
		}
		for i, r := range rs {
			p := t.Partition(r.partition)
			if p == nil || i > 0 && rs[i-1].partition == r.partition && rs[i-1].broker == r.broker {
				continue
			}
			p.ReplicaBytes = AddBytes(p.ReplicaBytes, r.bytes)
			if r.broker == p.Leader {
				p.Sized, p.Bytes = true, r.bytes
			}
		}
		for pi := range t.Partitions {
			if p := &t.Partitions[pi]; !p.Sized {
				p.ReplicaBytes = 0
			}
		}
	}
}

// BrokerLoad is what one broker holds: its disk and its share of the
// partitions.
type BrokerLoad struct {
	Used          int64 // bytes of its replicas
	Total, Usable int64 // its dirs' volumes summed; -1 when not reported
	Dirs          int
	Leaders       int // partitions it leads
	Replicas      int // replicas it holds
	Answered      bool
}

// Loads sums, for each broker, its dirs and the partitions it leads and
// holds in topics. A broker's volume figures are known only when every
// one of its dirs reports them.
func (d DiskUsage) Loads(topics []Topic) map[int32]BrokerLoad {
	out := map[int32]BrokerLoad{}
	for _, dir := range d.Dirs {
		l := out[dir.Broker]
		if !l.Answered {
			l.Answered = true
		} else {
			dir.Total, dir.Usable = sumKnown(l.Total, dir.Total), sumKnown(l.Usable, dir.Usable)
		}
		l.Used = AddBytes(l.Used, dir.Used)
		l.Dirs++
		l.Total, l.Usable = dir.Total, dir.Usable
		out[dir.Broker] = l
	}
	for _, t := range topics {
		for _, p := range t.Partitions {
			if p.Leader >= 0 {
				l := out[p.Leader]
				l.Leaders++
				out[p.Leader] = l
			}
			for _, r := range p.Replicas {
				l := out[r]
				l.Replicas++
				out[r] = l
			}
		}
	}
	return out
}

// sumKnown adds two volume figures, where -1 is unknown and makes the
// sum unknown.
func sumKnown(a, b int64) int64 {
	if a < 0 || b < 0 {
		return -1
	}
	return AddBytes(a, b)
}

// AddBytes adds sizes as a broker reports them, saturating at the
// largest int64 rather than wrapping to a negative total: a broker (or
// one that lies) can report sizes near 2^63. A negative size, which no
// replica has, counts as nothing. Saturated says whether a total reached
// the ceiling, for it to be shown as "at least".
func AddBytes(a, b int64) int64 {
	a, b = max(a, 0), max(b, 0)
	if a > math.MaxInt64-b {
		return math.MaxInt64
	}
	return a + b
}

// Saturated reports whether a sum of AddBytes reached its ceiling.
func Saturated(n int64) bool { return n == math.MaxInt64 }
