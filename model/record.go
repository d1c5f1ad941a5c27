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
	// Timestamp is milliseconds since the Unix epoch, exactly as the
	// record carries them: a time.Time of nanoseconds cannot hold dates
	// before 1677 or after 2262, which producers do write.
	Timestamp int64
	// LogAppendTime is set when the broker stamped the time on append,
	// rather than the producer on creation.
	LogAppendTime bool
	Key           []byte
	Value         []byte
	Headers       []Header
	// Txn and ProducerID say which transaction, if any, wrote the record.
	Txn        TxnState
	ProducerID int64
	// DecodedKey and DecodedValue are the key and value read in their
	// format (Avro, Protobuf, ...) by a Decoder; nil when none applied.
	DecodedKey, DecodedValue *Decoded
	// CutFrom, when not zero, is the value's size as the cluster sent it:
	// a buffer keeps only the start of a value larger than itself.
	CutFrom int
}

// Time is the record's timestamp as a time; Go's times reach far beyond
// any year a Kafka timestamp can name.
func (r *Record) Time() time.Time { return time.UnixMilli(r.Timestamp) }

// TimestampType is Kafka's name for who stamped the time: the producer
// when it created the record, or the broker when it appended it.
func (r *Record) TimestampType() string {
	if r.LogAppendTime {
		return "log_append_time"
	}
	return "create_time"
}

// recordOverhead approximates what a record costs in memory besides its
// bytes: the struct, slice headers and the topic string it shares.
const recordOverhead = 128

// Resent is the record as it goes out again, to topic: the same key,
// value and headers; the partition it came from only if kept (else -1,
// for the partitioner to choose by key) and its timestamp only if kept
// (else 0, stamped when sent). Where it was read and how it was decoded
// stay behind.
func (r *Record) Resent(topic string, keepPartition, keepTimestamp bool) Record {
	out := Record{Topic: topic, Partition: -1, Key: r.Key, Value: r.Value, Headers: r.Headers}
	if keepPartition {
		out.Partition = r.Partition
	}
	if keepTimestamp {
		out.Timestamp = r.Timestamp
	}
	return out
}

// Size is roughly how much memory the record holds, for bounding buffers.
func (r *Record) Size() int {
	n := recordOverhead + len(r.Key) + len(r.Value)
	for _, d := range [...]*Decoded{r.DecodedKey, r.DecodedValue} {
		if d != nil {
			n += 64 + len(d.JSON) + len(d.Note) + len(d.Name)
		}
	}
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
	// Missed counts the records retention removed before the tail read
	// them: a search did not scan those.
	Missed int64
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
// partition, every partition's position after them, and, in an
// uncommitted read, the transaction markers read with them, which may
// resolve records of earlier batches too.
type Batch struct {
	Records   []Record
	Positions []Position
	TxnEnds   []TxnEnd
	// Scanned is how many records a search read for this batch, its
	// matches and the rest: zero for a tail, which keeps all it reads.
	Scanned int
}
