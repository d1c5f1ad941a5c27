package kafkatest

import (
	"context"
	"fmt"
	"slices"

	"github.com/kscope/kscope/model"
)

// SetTransactions replaces the transactional ids the fake reports.
func (f *Fake) SetTransactions(txns ...model.Transaction) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.txns = slices.Clone(txns)
}

// Transactions answers like kafka.Client.Transactions.
func (f *Fake) Transactions(context.Context) ([]model.Transaction, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return nil, f.err
	}
	return slices.Clone(f.txns), nil
}

// SetProducers replaces the producers the fake reports, of every topic.
func (f *Fake) SetProducers(ps ...model.Producer) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.prods = slices.Clone(ps)
}

// Producers answers like kafka.Client.Producers.
func (f *Fake) Producers(_ context.Context, topic string, partitions ...int32) ([]model.Producer, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return nil, f.err
	}
	if f.topicIndex(topic) < 0 {
		return nil, fmt.Errorf("topic %q does not exist", topic)
	}
	var out []model.Producer
	for _, p := range f.prods {
		if p.Topic == topic && (len(partitions) == 0 || slices.Contains(partitions, p.Partition)) {
			out = append(out, p)
		}
	}
	return out, nil
}

// AbortTransaction answers like kafka.Client.AbortTransaction: the
// producer's transaction on the partition ends, and the partition leaves
// its transactional id's.
func (f *Fake) AbortTransaction(_ context.Context, tp model.TopicPartition, from int64) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return f.err
	}
	i := slices.IndexFunc(f.prods, func(p model.Producer) bool { return p.TopicPartition == tp && p.OpenFrom == from })
	if i < 0 {
		return fmt.Errorf("no transaction is open on %s/%d from offset %d", tp.Topic, tp.Partition, from)
	}
	f.prods[i].OpenFrom = -1
	for j, t := range f.txns {
		if t.ProducerID == f.prods[i].ID {
			f.txns[j].Partitions = slices.DeleteFunc(slices.Clone(t.Partitions), func(p model.TopicPartition) bool { return p == tp })
		}
	}
	return nil
}
