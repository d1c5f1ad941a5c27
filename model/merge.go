package model

import "container/heap"

// Merge puts the records of a topic's partitions in timestamp order, each
// partition's own records staying in offset order, so a tail reads like one
// log rather than partition after partition.
//
// Records are queued per partition as they are fetched. Take hands out
// those that can be placed: a partition with nothing queued but more to
// read holds the merge back, since its next record may be older than any
// queued. The reader pauses the partitions that run ahead (those with
// enough queued: RunsAhead) and fetches the ones that hold the merge
// back.
type Merge struct {
	queues map[int32]*queue
	n      int // records queued in all
	total  int // bytes queued in all, by Record.Size
}

// queue is one partition's records, in the chunks they were added in: a
// chunk is made once, to size, and dropped once taken, so a queue that
// runs through millions of records neither grows an array by doubling nor
// keeps one beyond what it holds.
type queue struct {
	topic  string
	chunks [][]queued
	bytes  int
}

// queued is a record as the merge holds it: its topic is the queue's, and
// what a fetched record has not got yet (its decoding, its cut) is kept
// apart, only when it has them. It is 112 bytes where a Record is 160,
// which on a topic of many partitions is a third of what the merge holds.
type queued struct {
	Offset, Timestamp, ProducerID int64
	Key, Value                    []byte
	Headers                       []Header
	Partition                     int32
	Txn                           TxnState
	LogAppendTime                 bool
	after                         *afterFetch
}

// afterFetch is what a record gains after it is fetched.
type afterFetch struct {
	DecodedKey, DecodedValue *Decoded
	CutFrom                  int
}

func queuedOf(r *Record) queued {
	q := queued{Offset: r.Offset, Timestamp: r.Timestamp, ProducerID: r.ProducerID, Key: r.Key, Value: r.Value,
		Headers: r.Headers, Partition: r.Partition, Txn: r.Txn, LogAppendTime: r.LogAppendTime}
	if r.DecodedKey != nil || r.DecodedValue != nil || r.CutFrom != 0 {
		q.after = &afterFetch{DecodedKey: r.DecodedKey, DecodedValue: r.DecodedValue, CutFrom: r.CutFrom}
	}
	return q
}

func (q *queued) record(topic string) Record {
	r := Record{Topic: topic, Partition: q.Partition, Offset: q.Offset, Timestamp: q.Timestamp, LogAppendTime: q.LogAppendTime,
		Key: q.Key, Value: q.Value, Headers: q.Headers, Txn: q.Txn, ProducerID: q.ProducerID}
	if q.after != nil {
		r.DecodedKey, r.DecodedValue, r.CutFrom = q.after.DecodedKey, q.after.DecodedValue, q.after.CutFrom
	}
	return r
}

// size is Record.Size of what the merge holds.
func (q *queued) size() int {
	r := q.record("")
	return r.Size()
}

// MergeLimits say when a reader should stop fetching a partition for the
// merge: when it has Ahead bytes queued, until it is down to Resume. Once
// all queues together hold Total, a partition with Resume queued stops
// too, and past twice Total any with anything queued. Room to run ahead
// keeps fetches flowing (a partition paused as soon as it has a record
// queued is fetched a round trip at a time); Total bounds the whole,
// however many partitions a topic has. Between Total and twice Total the
// partitions nearly dry are still fetched beside the one that holds the
// merge back: stopping them too made them run dry one at a time, each
// waiting a round trip of its own.
type MergeLimits struct {
	Ahead, Resume, Total int
}

// RunsAhead reports whether partition p should not be fetched for now,
// given whether it is paused.
func (m *Merge) RunsAhead(p int32, paused bool, l MergeLimits) bool {
	var queued int
	if q := m.queues[p]; q != nil {
		queued = q.bytes
	}
	switch {
	case m.total >= 2*l.Total:
		return queued > 0
	case m.total >= l.Total:
		return queued >= l.Resume
	case paused:
		return queued > l.Resume
	}
	return queued >= l.Ahead
}

// Add queues records, which must be in offset order within a partition
// and all of one topic. It copies them: the caller keeps its slice.
func (m *Merge) Add(records ...Record) {
	if m.queues == nil {
		m.queues = make(map[int32]*queue)
	}
	for len(records) > 0 {
		p := records[0].Partition
		run := 1
		for run < len(records) && records[run].Partition == p {
			run++
		}
		q := m.queues[p]
		if q == nil {
			q = &queue{topic: records[0].Topic}
			m.queues[p] = q
		}
		chunk := make([]queued, run)
		for i := range chunk {
			chunk[i] = queuedOf(&records[i])
			size := chunk[i].size()
			q.bytes += size
			m.total += size
		}
		q.chunks = append(q.chunks, chunk)
		m.n += run
		records = records[run:]
	}
}

// Queued is how many records of partition p wait to be placed.
func (m *Merge) Queued(p int32) int {
	n := 0
	if q := m.queues[p]; q != nil {
		for _, c := range q.chunks {
			n += len(c)
		}
	}
	return n
}

// Len is how many records wait in all.
func (m *Merge) Len() int { return m.n }

// Take removes and returns up to max records in timestamp order (ties by
// partition), stopping where the next record could be preceded by one not
// yet read: when some partition of partitions for which holds reports
// true has nothing queued. holds is asked only of partitions with empty
// queues. It costs O(max · log partitions).
func (m *Merge) Take(max int, holds func(partition int32) bool, partitions []int32) []Record {
	var heads headHeap
	for _, p := range partitions {
		switch q := m.queues[p]; {
		case q != nil:
			heads = append(heads, head{p, q.chunks[0][0].Timestamp})
		case holds(p):
			return nil
		}
	}
	heap.Init(&heads)
	out := make([]Record, 0, min(max, m.n))
	for len(out) < max && len(heads) > 0 {
		p := heads[0].partition
		q := m.queues[p]
		r, size := q.pop()
		out = append(out, r)
		m.n--
		m.total -= size
		if len(q.chunks) > 0 {
			heads[0].ts = q.chunks[0][0].Timestamp
			heap.Fix(&heads, 0)
			continue
		}
		delete(m.queues, p)
		heap.Pop(&heads)
		if holds(p) {
			break
		}
	}
	return out
}

// pop removes and returns the queue's first record, of a queue not empty,
// with its size.
func (q *queue) pop() (Record, int) {
	c := q.chunks[0]
	r, size := c[0].record(q.topic), c[0].size()
	q.bytes -= size
	c[0] = queued{} // release what the queue no longer holds
	if c = c[1:]; len(c) > 0 {
		q.chunks[0] = c
	} else {
		q.chunks[0] = nil
		q.chunks = q.chunks[1:]
	}
	return r, size
}

// head is a partition's oldest queued record's timestamp.
type head struct {
	partition int32
	ts        int64
}

type headHeap []head

func (h headHeap) Len() int { return len(h) }
func (h headHeap) Less(i, j int) bool {
	return h[i].ts < h[j].ts || h[i].ts == h[j].ts && h[i].partition < h[j].partition
}
func (h headHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *headHeap) Push(x any)   { *h = append(*h, x.(head)) }
func (h *headHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
