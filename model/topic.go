package model

// Partition is one partition of a topic: where its replicas live and the
// range of offsets it holds.
type Partition struct {
	ID       int32
	Leader   int32 // -1 when the partition has no leader
	Replicas []int32
	ISR      []int32
	Offline  []int32

	// ELR are the eligible leader replicas (KIP-966): replicas that left
	// the ISR when it shrank below min.insync.replicas but hold every
	// committed record, so one may lead without losing any. LastKnownELR
	// are those that were eligible when the last of them went down.
	// Both are nil where the cluster does not say (before Kafka 4.0, or
	// with eligible.leader.replicas.version 0).
	ELR, LastKnownELR []int32

	// LocalLow is the first offset still on the leader's disk, and
	// TieredHigh the last offset copied to remote storage; both -1 where
	// unknown (TieredHigh too while nothing is copied), and only read for
	// topics with remote storage (Topic.Tiered). Records from Low up to LocalLow are in remote storage
	// alone.
	LocalLow, TieredHigh int64

	// Low and High are the log start offset and the high watermark; -1 when
	// they could not be listed.
	Low, High int64

	// Bytes is the size on disk of the leader's replica, ReplicaBytes of
	// every replica; both set only when Sized (DescribeLogDirs answered
	// for the leader).
	Bytes, ReplicaBytes int64
	Sized               bool

	Err error // set when the cluster reported a problem with this partition
}

// Messages is how many records the partition holds: high minus low
// watermark. On compacted topics this counts offsets, not live records.
func (p Partition) Messages() int64 {
	if p.Low < 0 || p.High < p.Low {
		return 0
	}
	return p.High - p.Low
}

// RemoteOnly is how many of the partition's records are in remote storage
// alone, no longer on the brokers' disks; 0 where unknown.
func (p Partition) RemoteOnly() int64 {
	if p.LocalLow < 0 || p.Low < 0 {
		return 0
	}
	return max(p.LocalLow-p.Low, 0)
}

// BelowMinISR reports whether fewer replicas are in sync than the topic's
// min.insync.replicas (minISR; 0 when unknown): producers with acks=all
// are refused until enough return.
func (p Partition) BelowMinISR(minISR int) bool {
	return minISR > 0 && len(p.ISR) < minISR
}

// UnderReplicated reports whether fewer replicas are in sync than assigned.
func (p Partition) UnderReplicated() bool {
	return len(p.ISR) < len(p.Replicas)
}

// Topic is a topic with its partitions in partition order.
type Topic struct {
	Name       string
	Internal   bool
	Partitions []Partition
	// MinISR is the topic's min.insync.replicas; 0 when it was not read
	// (only topics described by name have it).
	MinISR int
	// Tiered says the topic keeps its older segments in remote storage
	// (remote.storage.enable); only topics described by name say it.
	Tiered bool
	Err    error // set when the topic could not be described
}

// Partition is the topic's partition of that id, or nil: at its index, as
// partitions are numbered from 0 and kept in order, else found.
func (t *Topic) Partition(id int32) *Partition {
	if id >= 0 && int(id) < len(t.Partitions) && t.Partitions[id].ID == id {
		return &t.Partitions[id]
	}
	for i := range t.Partitions {
		if t.Partitions[i].ID == id {
			return &t.Partitions[i]
		}
	}
	return nil
}

// ReplicationFactor is the largest replica count of any partition: during a
// reassignment partitions may differ, and the larger one is what the topic
// is being moved to or from.
func (t Topic) ReplicationFactor() int {
	rf := 0
	for _, p := range t.Partitions {
		rf = max(rf, len(p.Replicas))
	}
	return rf
}

// Messages is the sum of the partitions' Messages.
func (t Topic) Messages() int64 {
	var n int64
	for _, p := range t.Partitions {
		n += p.Messages()
	}
	return n
}

// Bytes sums the sizes of the partitions' leader replicas (what the topic
// holds) and of all their replicas (what it takes on the brokers' disks);
// sized is false when no partition was sized.
func (t Topic) Bytes() (leaders, replicas int64, sized bool) {
	for _, p := range t.Partitions {
		if p.Sized {
			leaders, replicas, sized = AddBytes(leaders, p.Bytes), AddBytes(replicas, p.ReplicaBytes), true
		}
	}
	return leaders, replicas, sized
}

// UnderReplicated counts the partitions that are under-replicated.
func (t Topic) UnderReplicated() int {
	n := 0
	for _, p := range t.Partitions {
		if p.UnderReplicated() {
			n++
		}
	}
	return n
}

// RemoteOnly sums the partitions' RemoteOnly.
func (t Topic) RemoteOnly() int64 {
	var n int64
	for _, p := range t.Partitions {
		n += p.RemoteOnly()
	}
	return n
}

// BelowMinISR counts the partitions with fewer replicas in sync than the
// topic's min.insync.replicas, when it is known.
func (t Topic) BelowMinISR() int {
	n := 0
	for _, p := range t.Partitions {
		if p.BelowMinISR(t.MinISR) {
			n++
		}
	}
	return n
}

// Leaderless counts the partitions that have no leader: nobody can read or
// write them.
func (t Topic) Leaderless() int {
	n := 0
	for _, p := range t.Partitions {
		if p.Leader < 0 {
			n++
		}
	}
	return n
}
