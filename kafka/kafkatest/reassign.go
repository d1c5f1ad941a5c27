package kafkatest

import (
	"context"
	"slices"

	"github.com/kscope/kscope/model"
)

// SetMoving sets the partitions being reassigned now.
func (f *Fake) SetMoving(ms ...model.Moving) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.moving = ms
}

// SetThrottle sets the replication throttle in place.
func (f *Fake) SetThrottle(th model.Throttle) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.throttle = th
}

// Reassign moves the plan's partitions at once, and sets its throttle,
// as a move that copies nothing would.
func (f *Fake) Reassign(_ context.Context, plan model.Reassignment, rate int64) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, m := range plan.Moves {
		i := f.topicIndex(m.Topic)
		if i < 0 {
			return model.NoSuchTopic(m.Topic)
		}
		if p := f.topics[i].Partition(m.Partition); p != nil {
			p.Replicas, p.ISR, p.Leader = m.To, m.To, m.To[0]
		}
	}
	if rate > 0 {
		f.throttle = model.Throttle{Rate: rate, Brokers: plan.Brokers()}
		for _, m := range plan.Moves {
			if !slices.Contains(f.throttle.Topics, m.Topic) {
				f.throttle.Topics = append(f.throttle.Topics, m.Topic)
			}
		}
	}
	return nil
}

func (f *Fake) Reassignments(context.Context) ([]model.Moving, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.moving), f.err
}

// CancelReassignments stops the moves named.
func (f *Fake) CancelReassignments(_ context.Context, moving []model.Moving) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.moving = slices.DeleteFunc(f.moving, func(m model.Moving) bool {
		return slices.ContainsFunc(moving, func(c model.Moving) bool { return c.Topic == m.Topic && c.Partition == m.Partition })
	})
	return nil
}

func (f *Fake) Throttled(context.Context) (model.Throttle, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.throttle, f.err
}

func (f *Fake) ClearThrottle(context.Context, model.Throttle) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.throttle = model.Throttle{}
	return nil
}
