package model

import "testing"

func TestResolveTxnsUsesEachProducersNextMarker(t *testing.T) {
	open := func(p int32, off, producer int64) Record {
		return Record{Partition: p, Offset: off, ProducerID: producer, Txn: TxnOpen}
	}
	recs := []Record{
		open(0, 0, 1), open(0, 1, 2), // producers 1 and 2 interleave
		open(0, 3, 1),             // producer 1's second transaction
		open(1, 0, 1),             // same producer, other partition: no marker yet
		{Partition: 0, Offset: 5}, // not transactional
		open(0, 6, 2),             // after producer 2's marker: still open
	}
	ResolveTxns(recs, []TxnEnd{
		{Partition: 0, Offset: 2, ProducerID: 1, Aborted: true},
		{Partition: 0, Offset: 4, ProducerID: 2},
		{Partition: 0, Offset: 5, ProducerID: 1},
	})
	want := []TxnState{TxnAborted, TxnCommitted, TxnCommitted, TxnOpen, TxnNone, TxnOpen}
	for i, r := range recs {
		if r.Txn != want[i] {
			t.Errorf("partition %d offset %d: %v, want %v", r.Partition, r.Offset, r.Txn, want[i])
		}
	}
}
