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
//
// Where there is nothing to merge (one partition has records queued and
// no other holds the merge back) Take hands out the records as they were
// added, without copying them; otherwise it takes runs: all of one
// partition's records that come before the next partition's first.
//
// T is a record as the reader has it: the adapter merges what its client
// fetched, and makes Records of what it takes, once.
type Merge[T any] struct {
	place  func(*T) Placing
	queues map[int32]*queue[T]
	n      int // records queued in all
	total  int // bytes queued in all, by Placing.Size
}

// Placing is what a merge needs to know of a record.
type Placing struct {
	Partition int32
	Timestamp int64
	Size      int // what it holds in memory, to bound what is queued
}

// NewMerge merges records that place says where to put.
func NewMerge[T any](place func(*T) Placing) *Merge[T] {
	return &Merge[T]{place: place, queues: make(map[int32]*queue[T])}
}

// RecordPlacing places a Record.
func RecordPlacing(r *Record) Placing {
	return Placing{Partition: r.Partition, Timestamp: r.Timestamp, Size: r.Size()}
}

// queue is one partition's records, in the slices they were added in: a
// queue that runs through millions of records neither grows an array by
// doubling nor keeps one beyond what it holds.
type queue[T any] struct {
	chunks [][]T
	sizes  []int // of each chunk, by Placing.Size
	n      int   // records queued
	bytes  int   // their Placing.Size
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
func (m *Merge[T]) RunsAhead(p int32, paused bool, l MergeLimits) bool {
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
// and all of one topic. It keeps the slice, which the caller must not
// change or reuse: a fetch's records go out as they came, not copied.
func (m *Merge[T]) Add(records ...T) {
	for len(records) > 0 {
		first := m.place(&records[0])
		p, size, run := first.Partition, first.Size, 1
		for ; run < len(records); run++ {
			at := m.place(&records[run])
			if at.Partition != p {
				break
			}
			size += at.Size
		}
		q := m.queues[p]
		if q == nil {
			q = &queue[T]{}
			m.queues[p] = q
		}
		chunk := records[:run:run] // capped: what is handed out is never appended into the next run
		q.chunks = append(q.chunks, chunk)
		q.sizes = append(q.sizes, size)
		q.n += run
		q.bytes += size
		m.n += run
		m.total += size
		records = records[run:]
	}
}

func (m *Merge[T]) sizeOf(records []T) int {
	n := 0
	for i := range records {
		n += m.place(&records[i]).Size
	}
	return n
}

// Queued is how many records of partition p wait to be placed.
func (m *Merge[T]) Queued(p int32) int {
	if q := m.queues[p]; q != nil {
		return q.n
	}
	return 0
}

// Len is how many records wait in all.
func (m *Merge[T]) Len() int { return m.n }

// Take removes and returns up to max records in timestamp order (ties by
// partition), stopping where the next record could be preceded by one not
// yet read: when some partition of partitions for which holds reports
// true has nothing queued. holds is asked only of partitions with empty
// queues. It costs O(max) and O(log partitions) for each run of one
// partition's records.
func (m *Merge[T]) Take(max int, holds func(partition int32) bool, partitions []int32) []T {
	var heads headHeap
	for _, p := range partitions {
		switch q := m.queues[p]; {
		case q != nil:
			heads = append(heads, head{p, m.place(&q.chunks[0][0]).Timestamp})
		case holds(p):
			return nil
		}
	}
	if len(heads) == 1 {
		return m.takeFrom(heads[0].partition, max)
	}
	heap.Init(&heads)
	out := make([]T, 0, min(max, m.n))
	for len(out) < max && len(heads) > 0 {
		p := heads[0].partition
		q := m.queues[p]
		// The run of p's records that come before the next partition's
		// first goes out in one piece.
		var next *head
		if len(heads) > 1 {
			next = &heads[1]
			if len(heads) > 2 && heads.Less(2, 1) {
				next = &heads[2]
			}
		}
		out = m.takeRun(q, out, max, p, next)
		if q.n > 0 {
			heads[0].ts = m.place(&q.chunks[0][0]).Timestamp
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

// takeFrom hands out up to max of partition p's records, the only ones
// queued: its first chunk as it is when that is all it may take.
func (m *Merge[T]) takeFrom(p int32, max int) []T {
	q := m.queues[p]
	first := q.chunks[0]
	if len(first) >= max || q.n == len(first) {
		n := min(max, len(first))
		out := first[:n:n]
		m.drop(q, n)
		if q.n == 0 {
			delete(m.queues, p)
		}
		return out
	}
	out := m.takeRun(q, make([]T, 0, min(max, q.n)), max, p, nil)
	if q.n == 0 {
		delete(m.queues, p)
	}
	return out
}

// takeRun appends to out, up to max in all, the records of q (partition
// p) that come before next (all of them if next is nil), removing them.
func (m *Merge[T]) takeRun(q *queue[T], out []T, max int, p int32, next *head) []T {
	for len(out) < max && q.n > 0 {
		c := q.chunks[0]
		n := 0
		for n < len(c) && len(out)+n < max && (next == nil || before(m.place(&c[n]).Timestamp, p, *next)) {
			n++
		}
		out = append(out, c[:n]...)
		m.drop(q, n)
		if n < len(c) {
			break // stopped inside the chunk: next comes first, or out is full
		}
	}
	return out
}

// drop removes the first n records of q's first chunk.
func (m *Merge[T]) drop(q *queue[T], n int) {
	c := q.chunks[0]
	size := q.sizes[0] // all of it, the usual case: sized when it was added
	if n < len(c) {
		size = m.sizeOf(c[:n])
	}
	q.n -= n
	q.bytes -= size
	m.n -= n
	m.total -= size
	if n < len(c) {
		q.chunks[0], q.sizes[0] = c[n:], q.sizes[0]-size
		return
	}
	q.chunks[0] = nil // release what the queue no longer holds
	q.chunks, q.sizes = q.chunks[1:], q.sizes[1:]
}

// before reports whether a record of partition p stamped ts goes out
// before the head h of another partition.
func before(ts int64, p int32, h head) bool {
	return ts < h.ts || ts == h.ts && p < h.partition
}

// head is a partition's oldest queued record's timestamp.
type head struct {
	partition int32
	ts        int64
}

type headHeap []head

func (h headHeap) Len() int           { return len(h) }
func (h headHeap) Less(i, j int) bool { return before(h[i].ts, h[i].partition, h[j]) }
func (h headHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *headHeap) Push(x any)        { *h = append(*h, x.(head)) }
func (h *headHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
