package kafka

import (
	"fmt"
	"slices"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
)

// How long a tail's fetches wait on the broker for new records.
//
// A live tail's wait is the Java client's and librdkafka's default (kgo
// waits 5 s). But a tail pauses the partitions that run ahead of its
// merge and resumes those that hold it back, and the fetch in flight was
// asked before that: when it names only partitions at their end, the
// partition just resumed waits out its wait. While a tail reads what was
// there when it started (a range, or a live tail catching up) no fetch
// need wait at all, so it waits the least kgo allows. Reading 12
// partitions to their end took 4.6 s with the long wait, 3.4 s of it in
// such waits, and 1.3 s with the short one.
const (
	liveWait    = 500 * time.Millisecond
	catchUpWait = 10 * time.Millisecond
)

// newClient makes a client that fetches each partition from where the
// tail has fetched to, waiting on the broker as asked.
func (t *Tail) newClient(wait time.Duration) (*kgo.Client, error) {
	offsets := make(map[int32]kgo.Offset, len(t.order))
	for _, p := range t.order {
		offsets[p] = kgo.NewOffset().At(t.fetched[p])
	}
	opts := append(slices.Clone(t.client.base),
		kgo.ConsumePartitions(map[string]map[int32]kgo.Offset{t.topic: offsets}),
		kgo.FetchMaxBytes(fetchBytes),
		kgo.FetchMaxPartitionBytes(partitionFetchBytes(len(t.order))),
		kgo.FetchMaxWait(wait),
		// Transaction markers occupy offsets: without them a tail could
		// not tell it has passed the last one, and would wait forever
		// one short of the end (kcat -e does not).
		kgo.KeepControlRecords(),
		// Bounded deliberately: a hostile batch is skipped and reported
		// rather than inflated into gigabytes.
		kgo.MaxDecompressBatchBytes(t.client.inflate),
		// An offset gone from the log comes back to the tail to handle
		// (see moveBack), rather than franz-go re-reading from the start.
		kgo.ConsumeResetOffset(kgo.NoResetOffset()),
	)
	if !t.uncommitted {
		opts = append(opts, kgo.FetchIsolationLevel(kgo.ReadCommitted()))
	}
	cl, err := kgo.NewClient(opts...)
	if err != nil {
		return nil, fmt.Errorf("tail %s: %w", t.topic, err)
	}
	return cl, nil
}

// catchingUp reports whether some partition has yet to be fetched up to
// where it ended when the tail started (one that held the merge back too
// long is given up on: see mergePatience).
func (t *Tail) catchingUp() bool {
	for _, p := range t.order {
		if !t.released[p] && t.fetched[p] < t.positions[p].StartHigh {
			return true
		}
	}
	return false
}

// goLive replaces the client a live tail caught up with by one that waits
// for new records, fetching each partition from where the tail is; what
// the old one had buffered is fetched again. Nothing is paused on the new
// client: pauseAhead pauses what runs ahead.
func (t *Tail) goLive() error {
	cl, err := t.newClient(liveWait)
	if err != nil {
		return err
	}
	t.mu.Lock()
	old, closed := t.cl, t.closed
	if !closed {
		t.cl = cl
	}
	t.mu.Unlock()
	if closed {
		cl.Close()
		return nil
	}
	old.Close()
	t.live = true
	clear(t.paused)
	return nil
}

// Close stops the tail; it may be called from any goroutine, and more
// than once.
func (t *Tail) Close() {
	t.mu.Lock()
	t.closed = true
	cl := t.cl
	t.mu.Unlock()
	cl.Close()
}
