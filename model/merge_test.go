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
	m := NewMerge(RecordPlacing)
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
	m := NewMerge(RecordPlacing)
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
	m := NewMerge(RecordPlacing)
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

// What Take hands out without copying is capped: appending to it (as a
// tail adds a later poll's records to its batch) never writes over the
// records still queued behind it.
func TestMergeHandsOutSlicesThatCannotOverwriteTheQueue(t *testing.T) {
	m := NewMerge(RecordPlacing)
	m.Add(at(0, 0, 1), at(0, 1, 2), at(0, 2, 3))
	never := func(int32) bool { return false }
	first := m.Take(1, never, []int32{0})
	_ = append(first, at(9, 9, 9))
	if got := placed(m.Take(10, never, []int32{0})); !slices.Equal(got, [][3]int64{{0, 1, 2}, {0, 2, 3}}) {
		t.Errorf("the queue became %v", got)
	}
	if m.Len() != 0 || m.Queued(0) != 0 || m.total != 0 {
		t.Errorf("%d records (%d bytes) left queued", m.Len(), m.total)
	}
}

// One partition's records, the only ones queued, go out as they were
// added when they fit (no copy, no heap), and across the slices they
// were added in when they do not.
func TestMergeOfOnePartitionHandsOutWhatWasAdded(t *testing.T) {
	m := NewMerge(RecordPlacing)
	fetch := []Record{at(0, 0, 5), at(0, 1, 4), at(0, 2, 6)}
	m.Add(fetch...)
	m.Add(at(0, 3, 1), at(0, 4, 2))
	never := func(int32) bool { return false }
	got := m.Take(2, never, []int32{0, 1})
	if &got[0] != &fetch[0] {
		t.Error("the first records were copied, not handed out as added")
	}
	if got, want := placed(m.Take(10, never, []int32{0, 1})), [][3]int64{{0, 2, 6}, {0, 3, 1}, {0, 4, 2}}; !slices.Equal(got, want) {
		t.Errorf("then placed %v, want %v (offset order, across what was added)", got, want)
	}
}

// Runs of one partition go out whole up to the next partition's head,
// ties to the lower partition, and max cuts a run anywhere.
func TestMergeTakesRunsUpToTheNextPartition(t *testing.T) {
	m := NewMerge(RecordPlacing)
	m.Add(at(0, 0, 1), at(0, 1, 2), at(0, 2, 3), at(0, 3, 7))
	m.Add(at(1, 0, 3), at(1, 1, 4))
	m.Add(at(2, 0, 2), at(2, 1, 8))
	never := func(int32) bool { return false }
	all := []int32{0, 1, 2}
	if got, want := placed(m.Take(3, never, all)), [][3]int64{{0, 0, 1}, {0, 1, 2}, {2, 0, 2}}; !slices.Equal(got, want) {
		t.Fatalf("placed %v, want %v", got, want)
	}
	want := [][3]int64{{0, 2, 3}, {1, 0, 3}, {1, 1, 4}, {0, 3, 7}, {2, 1, 8}}
	if got := placed(m.Take(100, never, all)); !slices.Equal(got, want) {
		t.Errorf("placed %v, want %v", got, want)
	}
	if m.Len() != 0 || m.total != 0 {
		t.Errorf("%d records, %d bytes counted as queued once all went out", m.Len(), m.total)
	}
}

// A record comes out of the merge as it went in: its topic, and what it
// gained after its fetch (a decoding, a cut), which the merge keeps apart.
func TestMergeGivesBackWholeRecords(t *testing.T) {
	m := NewMerge(RecordPlacing)
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
