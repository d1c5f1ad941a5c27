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
