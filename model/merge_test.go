package model

import (
	"reflect"
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
// Record.Size), until it is down to Resume; past Total in all, one with
// Resume queued; past twice Total, any with anything queued.
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
	// At the total, a partition with Resume queued waits and one nearly
	// dry is still fetched; past twice the total, any with anything
	// queued waits.
	m.Add(rec(1, 4, 1000), rec(1, 5, 1000)) // 0 holds one record, 1 two: three in all
	atTotal := MergeLimits{Ahead: 3 * size, Resume: 2 * size, Total: 3 * size}
	if m.RunsAhead(0, false, atTotal) || !m.RunsAhead(1, false, atTotal) || m.RunsAhead(2, false, atTotal) {
		t.Error("at the total: want partition 1, with two records queued, paused, and 0 (one) and 2 (none) fetched")
	}
	pastTwice := MergeLimits{Ahead: 3 * size, Resume: 2 * size, Total: size}
	if !m.RunsAhead(0, false, pastTwice) || !m.RunsAhead(1, false, pastTwice) || m.RunsAhead(2, false, pastTwice) {
		t.Error("past twice the total: want partitions 0 and 1, which have records queued, paused, and 2 not")
	}
}

// Add copies what it is given, so taking from the merge never touches
// the caller's records (the fake's log, a fetch's scratch).
func TestMergeCopiesWhatItQueues(t *testing.T) {
	var m Merge
	log := []Record{at(0, 0, 1), at(0, 1, 2), at(1, 0, 3)}
	m.Add(log...)
	if m.Len() != 3 || m.Queued(0) != 2 || m.Queued(1) != 1 {
		t.Fatalf("queued %d (%d and %d), want 3 (2 and 1)", m.Len(), m.Queued(0), m.Queued(1))
	}
	m.Take(3, func(int32) bool { return false }, []int32{0, 1})
	if got := placed(log); !slices.Equal(got, [][3]int64{{0, 0, 1}, {0, 1, 2}, {1, 0, 3}}) {
		t.Errorf("the caller's records became %v", got)
	}
	if m.Len() != 0 || m.Queued(0) != 0 {
		t.Errorf("%d left queued", m.Len())
	}
}

// A record comes out of the merge as it went in: its topic, and what it
// gained after its fetch (a decoding, a cut), which the merge keeps apart.
func TestMergeGivesBackWholeRecords(t *testing.T) {
	var m Merge
	decoded := &Decoded{JSON: []byte(`{"id":1}`)}
	in := []Record{
		{Topic: "orders", Partition: 0, Offset: 4, Timestamp: 1, Key: []byte("k"), Value: []byte("v"),
			Headers: []Header{{Key: "h", Value: []byte("x")}}, Txn: TxnCommitted, ProducerID: 7, LogAppendTime: true},
		{Topic: "orders", Partition: 0, Offset: 5, Timestamp: 2, DecodedValue: decoded, CutFrom: 9000},
	}
	m.Add(in...)
	out := m.Take(2, func(int32) bool { return false }, []int32{0})
	if len(out) != 2 {
		t.Fatalf("took %d records, want 2", len(out))
	}
	for i := range in {
		if !reflect.DeepEqual(out[i], in[i]) {
			t.Errorf("record %d came out as\n %+v\nwant\n %+v", i, out[i], in[i])
		}
	}
	if m.total != 0 {
		t.Errorf("%d bytes counted as queued once all went out", m.total)
	}
}
