package model

import "time"

// Transaction is a transactional id as its coordinator describes it.
type Transaction struct {
	ID            string
	State         string // Empty, Ongoing, PrepareCommit, PrepareAbort, CompleteCommit, CompleteAbort, Dead, …
	ProducerID    int64
	ProducerEpoch int16
	Timeout       time.Duration
	Started       time.Time        // when the open transaction began; zero when none is open
	Partitions    []TopicPartition // what the open transaction writes to, in order
	Err           error
}

// Open reports whether a transaction is under way: writing, or ending.
func (t Transaction) Open() bool {
	switch t.State {
	case "Ongoing", "PrepareCommit", "PrepareAbort", "PrepareEpochFence":
		return true
	}
	return false
}

// Age is how long the open transaction has been open, at now; zero when
// none is.
func (t Transaction) Age(now time.Time) time.Duration {
	if !t.Open() || t.Started.IsZero() {
		return 0
	}
	return max(now.Sub(t.Started), 0)
}

// Hanging reports a transaction open for longer than its timeout: its
// coordinator should have aborted it, and until it ends, readers with
// read_committed cannot get past its first record (KIP-664).
func (t Transaction) Hanging(now time.Time) bool {
	return t.Timeout > 0 && t.Age(now) > t.Timeout
}

// Producer is an idempotent or transactional producer writing to a
// partition, as its leader knows it (DescribeProducers).
type Producer struct {
	TopicPartition
	ID           int64
	Epoch        int16
	LastSequence int32
	LastWrite    time.Time
	// OpenFrom is the first offset of its open transaction on the
	// partition; -1 when it has none open there. read_committed readers
	// wait at it until the transaction ends.
	OpenFrom int64
	// CoordinatorEpoch fences markers: an abort written for the producer
	// must carry it.
	CoordinatorEpoch int32
}
