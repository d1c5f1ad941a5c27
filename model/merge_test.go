package model

import (
	"slices"
	"testing"
)

func at(p int32, offset, ts int64) Record { return Record{Partition: p, Offset: offset, Timestamp: ts} }

func placed(rs []Record) [][3]int64 {
	out := make([][3]int64, len(rs))
	for i, r := range rs {
		out[i] = [3]int64{int64(r.Partition), r.Offset, r.Timestamp}
	}
	return out
}

func TestMergeOrdersByTimeKeepingPartitionOrder(t *testing.T) {
	var m Merge
	m.Add(at(0, 0, 10), at(0, 1, 30), at(0, 2, 20)) // a producer's clock went back: offset order stays
	m.Add(at(1, 0, 15), at(1, 1, 25))
	never := func(int32) bool { return false }
	got := placed(m.Take(100, never, []int32{0, 1}))
	want := [][3]int64{{0, 0, 10}, {1, 0, 15}, {1, 1, 25}, {0, 1, 30}, {0, 2, 20}}
	if !slices.Equal(got, want) {
		t.Errorf("placed %v, want %v", got, want)
	}
	if m.Len() != 0 {
		t.Errorf("%d left queued", m.Len())
	}
}

// A partition that has more to read and nothing queued holds the merge
// back; records go out only as far as they surely come first.
func TestMergeWaitsForPartitionsStillReading(t *testing.T) {
	var m Merge
	reading := map[int32]bool{0: true, 1: true, 2: true}
	holds := func(p int32) bool { return reading[p] }
	all := []int32{0, 1, 2}
	m.Add(at(0, 0, 10), at(0, 1, 40))
	m.Add(at(1, 0, 20))
	if got := m.Take(100, holds, all); len(got) != 0 {
		t.Fatalf("placed %v while partition 2 is unread", placed(got))
	}
	m.Add(at(2, 0, 5), at(2, 1, 50))
	// 5, 10, 20: then partition 1 is empty and still reading.
	if got, want := placed(m.Take(100, holds, all)), [][3]int64{{2, 0, 5}, {0, 0, 10}, {1, 0, 20}}; !slices.Equal(got, want) {
		t.Fatalf("placed %v, want %v", got, want)
	}
	reading[1] = false // it has read all it had
	if got, want := placed(m.Take(100, holds, all)), [][3]int64{{0, 1, 40}}; !slices.Equal(got, want) {
		t.Fatalf("placed %v, want %v (then partition 0 holds)", got, want)
	}
	if got := placed(m.Take(1, func(int32) bool { return false }, all)); !slices.Equal(got, [][3]int64{{2, 1, 50}}) {
		t.Fatalf("placed %v", got)
	}
}

// What each partition has queued is counted in bytes (Record.Size) as
// records come and go, for the reader to pause the partitions that run
// ahead.
func TestMergeCountsQueuedBytes(t *testing.T) {
	var m Merge
	a := Record{Partition: 0, Timestamp: 1, Value: make([]byte, 100)}
	b := Record{Partition: 0, Timestamp: 3, Value: make([]byte, 50)}
	c := Record{Partition: 1, Timestamp: 2, Key: make([]byte, 10)}
	m.Add(a, b, c)
	if m.QueuedBytes(0) != a.Size()+b.Size() || m.QueuedBytes(1) != c.Size() {
		t.Fatalf("queued %d and %d bytes, want %d and %d", m.QueuedBytes(0), m.QueuedBytes(1), a.Size()+b.Size(), c.Size())
	}
	never := func(int32) bool { return false }
	m.Take(2, never, []int32{0, 1}) // partition 0's first, then 1's
	if m.QueuedBytes(0) != b.Size() || m.QueuedBytes(1) != 0 {
		t.Errorf("after two were taken: %d and %d bytes, want %d and 0", m.QueuedBytes(0), m.QueuedBytes(1), b.Size())
	}
}
