package kafka

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"

	"github.com/kscope/kscope/model"
)

// Transactions lists every transactional id with its state, producer and,
// for an open transaction, when it began and what it writes to. It needs
// DESCRIBE on the transactional ids; those denied are left out by the
// brokers.
func (c *Client) Transactions(ctx context.Context) ([]model.Transaction, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	listed, err := c.adm.ListTransactions(ctx, nil, nil)
	if err != nil && len(listed) == 0 {
		return nil, c.explain("list transactions", err)
	}
	ids := make([]string, 0, len(listed))
	for id := range listed {
		ids = append(ids, id)
	}
	if len(ids) == 0 {
		return []model.Transaction{}, nil
	}
	described, err := c.adm.DescribeTransactions(ctx, ids...)
	if err != nil && len(described) == 0 {
		return nil, c.explain("describe transactions", err)
	}
	out := make([]model.Transaction, 0, len(ids))
	for _, id := range ids {
		d, ok := described[id]
		if !ok {
			l := listed[id]
			out = append(out, model.Transaction{ID: id, State: l.State, ProducerID: l.ProducerID, ProducerEpoch: -1})
			continue
		}
		out = append(out, transactionOf(d))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

func transactionOf(d kadm.DescribedTransaction) model.Transaction {
	t := model.Transaction{ID: d.TxnID, State: d.State, ProducerID: d.ProducerID, ProducerEpoch: d.ProducerEpoch,
		Timeout: time.Duration(d.TimeoutMillis) * time.Millisecond, Err: d.Err}
	if d.StartTimestamp > 0 {
		t.Started = time.UnixMilli(d.StartTimestamp)
	}
	d.Topics.Each(func(topic string, p int32) {
		t.Partitions = append(t.Partitions, model.TopicPartition{Topic: topic, Partition: p})
	})
	model.SortTopicPartitions(t.Partitions)
	return t
}

// Producers lists the producers writing to a topic's partitions (all, or
// those named), each as its partition's leader knows it.
func (c *Client) Producers(ctx context.Context, topic string, partitions ...int32) ([]model.Producer, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	if len(partitions) == 0 {
		// Only the partitions' numbers are wanted: metadata, without the
		// watermarks Topics also lists.
		md, err := c.adm.Metadata(ctx, topic)
		if err != nil {
			return nil, c.explain("describe "+topic, err)
		}
		td := md.Topics[topic]
		if td.Err != nil {
			return nil, c.topicError(topic, td.Err)
		}
		partitions = td.Partitions.Numbers()
	}
	set := make(kadm.TopicsSet)
	set.Add(topic, partitions...)
	described, err := c.adm.DescribeProducers(ctx, set)
	if err != nil && len(described) == 0 {
		return nil, c.explain("describe producers of "+topic, err)
	}
	var out []model.Producer
	var firstErr error
	described.EachPartition(func(p kadm.DescribedProducersPartition) {
		if p.Err != nil && firstErr == nil {
			firstErr = c.explain(fmt.Sprintf("describe producers of %s/%d", p.Topic, p.Partition), p.Err)
		}
		for _, d := range p.ActiveProducers {
			out = append(out, model.Producer{TopicPartition: model.TopicPartition{Topic: d.Topic, Partition: d.Partition},
				ID: d.ProducerID, Epoch: d.ProducerEpoch, LastSequence: d.LastSequence,
				LastWrite: time.UnixMilli(d.LastTimestamp), OpenFrom: d.CurrentTxnStartOffset, CoordinatorEpoch: d.CoordinatorEpoch})
		}
	})
	if len(out) == 0 && firstErr != nil {
		return nil, firstErr
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		return a.Partition < b.Partition || a.Partition == b.Partition && a.ID < b.ID
	})
	return out, nil
}

// AbortTransaction ends with an abort marker the transaction a producer
// has open on a partition from offset from, as kafka-transactions.sh
// abort does for a hanging transaction its coordinator will not end. The
// records it wrote there are then never read by read_committed readers,
// which can get past them.
func (c *Client) AbortTransaction(ctx context.Context, tp model.TopicPartition, from int64) error {
	if err := c.guard("abort a transaction"); err != nil {
		return err
	}
	producers, err := c.Producers(ctx, tp.Topic, tp.Partition)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(producers, func(p model.Producer) bool { return p.OpenFrom == from })
	if i < 0 {
		return fmt.Errorf("no transaction is open on %s/%d from offset %d", tp.Topic, tp.Partition, from)
	}
	p := producers[i]
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	set := make(kadm.TopicsSet)
	set.Add(tp.Topic, tp.Partition)
	resps, err := c.adm.WriteTxnMarkers(ctx, kadm.TxnMarkers{ProducerID: p.ID, ProducerEpoch: p.Epoch, CoordinatorEpoch: p.CoordinatorEpoch, Topics: set})
	if err == nil {
		resps.EachPartition(func(r kadm.TxnMarkersPartitionResponse) {
			if r.Err != nil && err == nil {
				err = r.Err
			}
		})
	}
	if err != nil {
		return c.explain(fmt.Sprintf("abort the transaction on %s/%d from offset %d", tp.Topic, tp.Partition, from), err)
	}
	return nil
}
