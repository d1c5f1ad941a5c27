package kafka

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/kscope/kscope/kafka/clustertest"
	"github.com/kscope/kscope/model"
)

// A transaction left open is listed as Ongoing with its producer, its
// start and the partition it writes; one that ended is not open.
func TestTransactionsListed(t *testing.T) {
	clustertest.Each(t, func(t *testing.T, cluster *clustertest.Cluster) {
		topic := cluster.Topic(t, "txns", 1, nil)
		before := time.Now().Add(-time.Second)
		cluster.Transactions(t, topic)
		c := newClient(t, cluster.Addrs, 30*time.Second)
		clustertest.WaitFor(t, "the open transaction and the ended one", func() error {
			txns, err := c.Transactions(context.Background())
			if err != nil {
				return err
			}
			var open, ended *model.Transaction
			for i, tx := range txns {
				if !strings.HasPrefix(tx.ID, "txn-") || len(tx.Partitions) > 0 && tx.Partitions[0].Topic != topic {
					continue
				}
				switch {
				case strings.HasSuffix(tx.ID, "-open") && tx.Open():
					open = &txns[i]
				case !strings.HasSuffix(tx.ID, "-open") && !tx.Open() && tx.State != "":
					ended = &txns[i]
				}
			}
			if open == nil || ended == nil {
				return fmt.Errorf("%+v", txns)
			}
			if open.State != "Ongoing" || open.ProducerID < 0 || open.Timeout != time.Minute || open.Started.Before(before) ||
				len(open.Partitions) != 1 || open.Partitions[0] != (model.TopicPartition{Topic: topic}) {
				return fmt.Errorf("open: %+v", *open)
			}
			if open.Hanging(time.Now()) || !open.Hanging(open.Started.Add(time.Minute+time.Second)) {
				return fmt.Errorf("hanging only past its timeout: %+v", *open)
			}
			return nil
		})
	})
}

// The producers writing to a partition include the one whose transaction
// is open there, from the first offset it wrote; the others have none
// open. kfake answers DescribeProducers with no producers at all.
func TestProducersOfAPartition(t *testing.T) {
	cluster := clustertest.Apache(t)
	topic := cluster.Topic(t, "producers", 1, nil)
	cluster.Transactions(t, topic)
	c := newClient(t, cluster.Addrs, 30*time.Second)
	clustertest.WaitFor(t, "the open transaction's producer", func() error {
		ps, err := c.Producers(context.Background(), topic)
		if err != nil {
			return err
		}
		open := 0
		for _, p := range ps {
			if p.OpenFrom >= 0 {
				open++
				// offset 10 after three transactions and their markers
				if p.OpenFrom != 10 || p.Topic != topic || p.LastWrite.IsZero() {
					return fmt.Errorf("%+v", p)
				}
			}
		}
		if len(ps) != 2 || open != 1 {
			return fmt.Errorf("%d producers, %d open: %+v", len(ps), open, ps)
		}
		return nil
	})
}

// A transaction left open is aborted by marker, as for a hanging one: its
// producer has nothing open there any more, and read_committed readers
// may read to the end.
func TestAbortAnOpenTransaction(t *testing.T) {
	cluster := clustertest.Apache(t)
	topic := cluster.Topic(t, "abort", 1, nil)
	cluster.Transactions(t, topic)
	c := newClient(t, cluster.Addrs, 30*time.Second)
	ctx := context.Background()
	tp := model.TopicPartition{Topic: topic}
	if err := c.AbortTransaction(ctx, tp, 9); err == nil {
		t.Error("aborted a transaction not open from offset 9")
	}
	if err := c.AbortTransaction(ctx, tp, 10); err != nil {
		t.Fatal(err)
	}
	clustertest.WaitFor(t, "nothing open, readers past it", func() error {
		ps, err := c.Producers(ctx, topic)
		if err != nil {
			return err
		}
		for _, p := range ps {
			if p.OpenFrom >= 0 {
				return fmt.Errorf("still open: %+v", p)
			}
		}
		stable, err := cluster.Admin(t).ListCommittedOffsets(ctx, topic)
		if err != nil {
			return err
		}
		if o, _ := stable.Lookup(topic, 0); o.Offset != 12 { // 0-10 written, the abort marker at 11
			return fmt.Errorf("last stable offset %d, want 12", o.Offset)
		}
		return nil
	})
}

func TestProducersOfAMissingTopic(t *testing.T) {
	c := newClient(t, clustertest.Fake(t).Addrs, 30*time.Second)
	if _, err := c.Producers(context.Background(), "nope"); err == nil || !strings.Contains(err.Error(), `topic "nope" does not exist`) {
		t.Fatalf("err %v", err)
	}
}
