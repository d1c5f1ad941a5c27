package engine

import (
	"context"
	"fmt"

	"github.com/kscope/kscope/model"
)

// TopicLister describes topics: what a write checks its destinations
// with before it sends anything.
type TopicLister interface {
	Topics(ctx context.Context, names ...string) ([]model.Topic, error)
}

// Unsendable checks the topics records would go to, and says why the
// cluster would not take records for each it cannot: a topic that does
// not exist, or one this principal may not describe. A redrive checks
// every destination before it sends anything, so one missing origin
// does not stop it partway.
func Unsendable(ctx context.Context, l TopicLister, topics []string) (map[string]error, error) {
	if len(topics) == 0 {
		return nil, nil
	}
	described, err := l.Topics(ctx, topics...)
	if err != nil {
		return nil, err
	}
	out := map[string]error{}
	for _, t := range described {
		if t.Err != nil {
			out[t.Name] = t.Err
		}
	}
	return out, nil
}

// CheckDestination refuses, before anything is sent, a topic records
// cannot go to: one that does not exist (or this principal may not
// see), or, keeping partitions, one with fewer than they came from.
func CheckDestination(ctx context.Context, l TopicLister, topic string, keepPartition bool, records []model.Record) error {
	ts, err := l.Topics(ctx, topic)
	if err != nil {
		return err
	}
	if ts[0].Err != nil {
		return fmt.Errorf("%s: %w", model.Sanitize(topic), ts[0].Err)
	}
	if !keepPartition {
		return nil
	}
	need := int32(0)
	for _, r := range records {
		need = max(need, r.Partition+1)
	}
	if have := int32(len(ts[0].Partitions)); have < need {
		return fmt.Errorf("%s has %s, and the records come from partitions up to %d: keep their partitions only to a topic with %d or more",
			model.Sanitize(topic), model.Plural(have, "partition"), need-1, need)
	}
	return nil
}
