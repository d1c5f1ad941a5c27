package model

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// TailRequest says what a tail reads.
type TailRequest struct {
	Topic      string
	Partitions []int32 // empty: every partition
	Start      Start
	// Offsets, when set, start the partitions it names exactly there (a
	// resumed copy), within what they still hold; Start the rest.
	Offsets map[int32]int64
	// Window is how long a read keeps gathering records after the first
	// arrives, so a trickle still comes in batches: about a frame for a UI,
	// zero for a pipe that wants records as soon as they come.
	Window time.Duration
	// MaxBatch caps the records one read returns; 0 picks a default.
	MaxBatch int
	// Uncommitted reads what transactions have not committed yet, and
	// what they aborted, up to the high watermark. By default a tail reads
	// committed data only, up to the last stable offset, as Kafka's
	// consumers and kcat do.
	Uncommitted bool
	// Raw leaves keys and values undecoded, whatever formats the client
	// knows.
	Raw bool
	// KeyOf, when set and Partitions is empty, reads only the partition
	// Kafka's default partitioner writes this key to.
	KeyOf []byte
	// Until, when set, ends each partition's range: records from there on
	// are not read, and a partition is Caught when it reaches it. Its end
	// (the default) is the partition's end when the tail starts, an
	// offset is exclusive, a time is the first record at or after it.
	Until *Start
}

// RecordStream is a running tail.
type RecordStream interface {
	// Started is where each partition was when the tail started, in
	// partition order.
	Started() []Position
	// Next waits for records and returns them with every partition's
	// position after them. It returns early with what it has when ctx
	// ends. An error with a batch does not end the stream (the cluster may
	// recover) unless it is ErrTopicGone.
	Next(ctx context.Context) (Batch, error)
	Close()
}

// Recycler is a stream that can reuse the slice of a batch's records
// once its reader is done with them and keeps none of them (a printer,
// not a buffer): making that slice afresh for each batch was a tenth of
// a tail's CPU. Recycle is for the goroutine that calls Next.
type Recycler interface {
	Recycle(records []Record)
}

// Recycle gives records back to s, if s takes them.
func Recycle(s RecordStream, records []Record) {
	if r, ok := s.(Recycler); ok {
		r.Recycle(records)
	}
}

// ErrTopicGone is the cause of the error a tail returns when its topic is
// deleted while it reads.
var ErrTopicGone = errors.New("topic deleted")

// ErrNoSuchTopic is the cause of the error for a topic the cluster says
// does not exist (not one it will not describe to this principal).
var ErrNoSuchTopic = errors.New("no such topic")

// NoSuchTopic is the error for a topic that does not exist, as fakes and
// the adapter say it.
func NoSuchTopic(name string) error { return noSuchTopic(name) }

type noSuchTopic string

func (n noSuchTopic) Error() string        { return fmt.Sprintf("topic %q does not exist", string(n)) }
func (n noSuchTopic) Is(target error) bool { return target == ErrNoSuchTopic }
