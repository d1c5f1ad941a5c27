package model

import "time"

// Header is one record header. Kafka allows duplicate keys and keeps
// their order, and so does kscope.
type Header struct {
	Key   string
	Value []byte
}

// Record is one Kafka record. A nil Key or Value is Kafka's null, which is
// not the same as empty.
type Record struct {
	Topic     string
	Partition int32
	Offset    int64
	Timestamp time.Time
	// LogAppendTime is set when the broker stamped the time on append,
	// rather than the producer on creation.
	LogAppendTime bool
	Key           []byte
	Value         []byte
	Headers       []Header
}

// recordOverhead approximates what a record costs in memory besides its
// bytes: the struct, slice headers and the topic string it shares.
const recordOverhead = 128

// Size is roughly how much memory the record holds, for bounding buffers.
func (r *Record) Size() int {
	n := recordOverhead + len(r.Key) + len(r.Value)
	for _, h := range r.Headers {
		n += 32 + len(h.Key) + len(h.Value)
	}
	return n
}

// Position is where a tail is in one partition.
type Position struct {
	Partition int32
	Next      int64 // the offset it reads next
	Low, High int64 // the partition's watermarks, as last seen
	StartHigh int64 // the high watermark when the tail started
}

// Lag is how many records the tail has yet to read.
func (p Position) Lag() int64 { return max(p.High-p.Next, 0) }

// Caught reports whether the tail has read all the partition held when the
// tail started, as kcat's -e means "at end".
func (p Position) Caught() bool { return p.Next >= p.StartHigh }

// AllCaught reports whether every partition has read all it held when the
// tail started: where a tail that exits at the end stops.
func AllCaught(ps []Position) bool {
	for _, p := range ps {
		if !p.Caught() {
			return false
		}
	}
	return true
}

// Batch is what one read of a tail brought: records, in order within each
// partition, and every partition's position after them.
type Batch struct {
	Records   []Record
	Positions []Position
}
