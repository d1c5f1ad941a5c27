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

// A partition runs ahead of the merge once it has Ahead bytes queued (by
// Record.Size), until it is down to Resume; and any partition with
// anything queued once all of them hold Total, however many there are.
func TestMergeSaysWhichPartitionsRunAhead(t *testing.T) {
	var m Merge
	rec := func(p int32, ts int64, n int) Record {
		return Record{Partition: p, Timestamp: ts, Value: make([]byte, n)}
	}
	one := rec(0, 0, 1000)
	size := one.Size()
	limits := MergeLimits{Ahead: 3 * size, Resume: size, Total: 100 * size}
	m.Add(rec(0, 1, 1000), rec(0, 2, 1000))
	if m.RunsAhead(0, false, limits) {
		t.Error("two records queued of three allowed: ran ahead")
	}
	m.Add(rec(0, 3, 1000))
	if !m.RunsAhead(0, false, limits) {
		t.Error("three records queued: did not run ahead")
	}
	never := func(int32) bool { return false }
	m.Take(1, never, []int32{0})
	if !m.RunsAhead(0, true, limits) {
		t.Error("paused, down to two: resumed before it was down to one")
	}
	m.Take(1, never, []int32{0})
	if m.RunsAhead(0, true, limits) {
		t.Error("paused, down to one: not resumed")
	}
	// A small budget for all: any partition with anything queued waits.
	small := MergeLimits{Ahead: 3 * size, Resume: size, Total: 2 * size}
	m.Add(rec(1, 4, 1000))
	if !m.RunsAhead(0, false, small) || !m.RunsAhead(1, false, small) || m.RunsAhead(2, false, small) {
		t.Error("past the total: want partitions 0 and 1, which have records queued, paused, and 2 not")
	}
}
