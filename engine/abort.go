package engine

import (
	"context"
	"fmt"

	"github.com/kscope/kscope/model"
)

// ProducerLister lists the producers writing to a topic's partitions.
type ProducerLister interface {
	Producers(ctx context.Context, topic string, partitions ...int32) ([]model.Producer, error)
}

// Aborter aborts open transactions, as kafka-transactions.sh abort does
// for a hanging one.
type Aborter interface {
	ProducerLister
	AbortTransaction(ctx context.Context, tp model.TopicPartition, from int64) error
}

// OpenOn is the producer whose transaction is open on tp from offset
// from, or an error saying none is.
func OpenOn(ctx context.Context, l ProducerLister, tp model.TopicPartition, from int64) (model.Producer, error) {
	ps, err := l.Producers(ctx, tp.Topic, tp.Partition)
	if err != nil {
		return model.Producer{}, err
	}
	for _, p := range ps {
		if p.OpenFrom == from {
			return p, nil
		}
	}
	return model.Producer{}, fmt.Errorf("no transaction is open on %s/%d from offset %d", model.Sanitize(tp.Topic), tp.Partition, from)
}

// OpenOf is where a transactional id's producer has its transaction open
// now, asked of each partition's leader; an error when it has ended.
func OpenOf(ctx context.Context, l ProducerLister, t model.Transaction) ([]model.Producer, error) {
	byTopic := map[string][]int32{}
	var topics []string
	for _, tp := range t.Partitions {
		if _, ok := byTopic[tp.Topic]; !ok {
			topics = append(topics, tp.Topic)
		}
		byTopic[tp.Topic] = append(byTopic[tp.Topic], tp.Partition)
	}
	var open []model.Producer
	for _, topic := range topics {
		ps, err := l.Producers(ctx, topic, byTopic[topic]...)
		if err != nil {
			return nil, err
		}
		for _, p := range ps {
			if p.ID == t.ProducerID && p.OpenFrom >= 0 {
				open = append(open, p)
			}
		}
	}
	if len(open) == 0 {
		return nil, fmt.Errorf("producer %d of %s has no transaction open on its partitions now: it has ended", t.ProducerID, model.Sanitize(t.ID))
	}
	return open, nil
}

// Abort writes an abort marker where each producer has its transaction
// open; stopped by a refusal, it says how many it aborted first.
func Abort(ctx context.Context, a Aborter, open []model.Producer) error {
	for i, p := range open {
		if err := a.AbortTransaction(ctx, p.TopicPartition, p.OpenFrom); err != nil {
			return fmt.Errorf("aborted %d of %d: %w", i, len(open), err)
		}
	}
	return nil
}
