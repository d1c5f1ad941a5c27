package kafka

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/kscope/kscope/kafka/clustertest"
	"github.com/kscope/kscope/model"
	"github.com/twmb/franz-go/pkg/kgo"
)

func offsets(recs []model.Record) []int64 {
	out := make([]int64, len(recs))
	for i, r := range recs {
		out[i] = r.Offset
	}
	return out
}

func TestTailReadsCommittedDataAndEndsPastControlRecords(t *testing.T) {
	clustertest.Each(t, func(t *testing.T, cluster *clustertest.Cluster) {
		topic := cluster.Topic(t, "txn", 1, nil)
		cluster.Transactions(t, topic)
		c := newClient(t, cluster.Addrs, 10*time.Second)

		// By default a tail reads as kcat does: committed data only, up to
		// the last stable offset, where the open transaction begins.
		tail, err := c.Tail(context.Background(), model.TailRequest{Topic: topic, Start: model.Start{Kind: model.FromBeginning}})
		if err != nil {
			t.Fatal(err)
		}
		defer tail.Close()
		if got := tail.Started()[0].StartHigh; got != 10 {
			t.Errorf("committed tail starts with end %d, want the last stable offset 10", got)
		}
		got := readAll(t, tail)
		if want := []int64{0, 1, 2, 8}; !slices.Equal(offsets(got), want) {
			t.Errorf("committed read offsets %v, want %v", offsets(got), want)
		}
		for _, r := range got {
			if r.Txn != model.TxnNone && r.Txn != model.TxnCommitted {
				t.Errorf("offset %d marked %v in a committed read", r.Offset, r.Txn)
			}
		}

		// Uncommitted: everything, with aborted records marked once their
		// marker is read, and the open transaction's record marked open.
		tail, err = c.Tail(context.Background(), model.TailRequest{Topic: topic, Start: model.Start{Kind: model.FromBeginning}, Uncommitted: true})
		if err != nil {
			t.Fatal(err)
		}
		defer tail.Close()
		if got := tail.Started()[0].StartHigh; got != 11 {
			t.Errorf("uncommitted tail starts with end %d, want the high watermark 11", got)
		}
		var recs []model.Record
		var ends []model.TxnEnd
		readBatches(t, tail, func(b model.Batch) {
			recs = append(recs, b.Records...)
			ends = append(ends, b.TxnEnds...)
		})
		if want := []int64{0, 1, 2, 4, 5, 6, 8, 10}; !slices.Equal(offsets(recs), want) {
			t.Fatalf("uncommitted read offsets %v, want %v", offsets(recs), want)
		}
		if len(ends) != 3 || ends[0].Offset != 3 || ends[0].Aborted || ends[1].Offset != 7 || !ends[1].Aborted || ends[2].Offset != 9 {
			t.Fatalf("transaction ends %+v, want commit at 3, abort at 7, commit at 9", ends)
		}
		model.ResolveTxns(recs, ends)
		want := []model.TxnState{model.TxnCommitted, model.TxnCommitted, model.TxnCommitted,
			model.TxnAborted, model.TxnAborted, model.TxnAborted, model.TxnCommitted, model.TxnOpen}
		for i, r := range recs {
			if r.Txn != want[i] {
				t.Errorf("offset %d: %v, want %v", r.Offset, r.Txn, want[i])
			}
		}
	})
}

// readBatches hands every batch to fn until the tail has caught up.
func readBatches(t *testing.T, tail model.RecordStream, fn func(model.Batch)) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	for !model.AllCaught(tail.Started()) {
		b, err := tail.Next(ctx)
		if err != nil {
			t.Fatal(err)
		}
		fn(b)
		if model.AllCaught(b.Positions) {
			return
		}
	}
}

// A range whose last batch is an aborted transaction ends: the fetch that
// brings only its marker (the aborted records are dropped in a committed
// read) moves the position to the end, and Next says so, though it has
// no record to hand.
func TestTailEndsWhenTheLastTransactionAborted(t *testing.T) {
	clustertest.Each(t, func(t *testing.T, cluster *clustertest.Cluster) {
		topic := cluster.Topic(t, "txn-aborted", 1, nil)
		cl := cluster.Client(t, kgo.TransactionalID(clustertest.Unique("txn")), kgo.DefaultProduceTopic(topic))
		ctx := context.Background()
		for _, step := range []struct {
			value string
			end   kgo.TransactionEndTry
		}{{"kept", kgo.TryCommit}, {"dropped", kgo.TryAbort}} {
			if err := cl.BeginTransaction(); err != nil {
				t.Fatal(err)
			}
			if err := cl.ProduceSync(ctx, &kgo.Record{Value: []byte(step.value)}).FirstErr(); err != nil {
				t.Fatal(err)
			}
			if err := cl.EndTransaction(ctx, step.end); err != nil {
				t.Fatal(err)
			}
		}
		// 0 kept, 1 its commit marker, 2 dropped, 3 its abort marker.
		c := newClient(t, cluster.Addrs, 10*time.Second)
		end := model.Start{Kind: model.FromEnd}
		for from, want := range map[int64][]int64{0: {0}, 2: {}} {
			tail, err := c.Tail(ctx, model.TailRequest{Topic: topic, Start: model.Start{Kind: model.FromOffset, Offset: from}, Until: &end})
			if err != nil {
				t.Fatal(err)
			}
			defer tail.Close()
			if got := readAll(t, tail); !slices.Equal(offsets(got), want) {
				t.Errorf("from %d: read offsets %v, want %v", from, offsets(got), want)
			}
		}
	})
}
