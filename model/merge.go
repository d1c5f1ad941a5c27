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
	queues map[int32][]Record
	bytes  map[int32]int // what each queue holds, by Record.Size
	total  int           // what all of them hold
}

// MergeLimits say when a reader should stop fetching a partition for the
// merge: when it has Ahead bytes queued, until it is down to Resume; or,
// when all queues together hold Total, as soon as it has anything queued.
// Room to run ahead keeps fetches flowing (a partition paused as soon as
// it has a record queued is fetched a round trip at a time); Total bounds
// the whole, however many partitions a topic has.
type MergeLimits struct {
	Ahead, Resume, Total int
}

// RunsAhead reports whether partition p should not be fetched for now,
// given whether it is paused.
func (m *Merge) RunsAhead(p int32, paused bool, l MergeLimits) bool {
	queued := m.bytes[p]
	switch {
	case m.total >= l.Total:
		return queued > 0
	case paused:
		return queued > l.Resume
	}
	return queued >= l.Ahead
}

// Add queues records, which must be in offset order within a partition.
func (m *Merge) Add(records ...Record) {
	if m.queues == nil {
		m.queues, m.bytes = make(map[int32][]Record), make(map[int32]int)
	}
	for _, r := range records {
		m.queues[r.Partition] = append(m.queues[r.Partition], r)
		m.bytes[r.Partition] += r.Size()
		m.total += r.Size()
	}
}

// Queued is how many records of partition p wait to be placed.
func (m *Merge) Queued(p int32) int { return len(m.queues[p]) }

// Len is how many records wait in all.
func (m *Merge) Len() int {
	n := 0
	for _, q := range m.queues {
		n += len(q)
	}
	return n
}

// Take removes and returns up to max records in timestamp order (ties by
// partition), stopping where the next record could be preceded by one not
// yet read: when some partition of partitions for which holds reports
// true has nothing queued. holds is asked only of partitions with empty
// queues. It costs O(max · log partitions).
func (m *Merge) Take(max int, holds func(partition int32) bool, partitions []int32) []Record {
	var heads headHeap
	for _, p := range partitions {
		switch q := m.queues[p]; {
		case len(q) > 0:
			heads = append(heads, head{p, q[0].Timestamp})
		case holds(p):
			return nil
		}
	}
	heap.Init(&heads)
	var out []Record
	for len(out) < max && len(heads) > 0 {
		p := heads[0].partition
		q := m.queues[p]
		out = append(out, q[0])
		m.bytes[p] -= q[0].Size()
		m.total -= q[0].Size()
		q[0] = Record{} // release what the queue no longer holds
		if q = q[1:]; len(q) > 0 {
			m.queues[p] = q
			heads[0].ts = q[0].Timestamp
			heap.Fix(&heads, 0)
			continue
		}
		delete(m.queues, p) // and let the backing array go
		delete(m.bytes, p)
		heap.Pop(&heads)
		if holds(p) {
			break
		}
	}
	return out
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
