package kafkatest

import (
	"context"
	"fmt"
	"slices"

	"github.com/kscope/kscope/model"
)

// PlanPurge works like kafka.Client.PlanPurge over the fake's topics and
// groups; a time finds the first record at or after it in the fake's log.
func (f *Fake) PlanPurge(_ context.Context, topic string, partitions []int32, to model.Start) (model.Purge, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	i := f.topicIndex(topic)
	if i < 0 {
		return model.Purge{Topic: topic}, model.NoSuchTopic(topic)
	}
	byTime := func(p int32) int64 {
		for off, r := range f.partitionLog(topic, p) {
			if to.Kind == model.FromTime && r.Timestamp >= to.Time.UnixMilli() {
				return int64(off)
			}
		}
		return -1
	}
	return model.PlanPurge(described(f.topics[i]), partitions, to, byTime, f.groups)
}

// Purge moves the partitions' log starts as the plan says.
func (f *Fake) Purge(_ context.Context, plan model.Purge) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	i := f.topicIndex(plan.Topic)
	if i < 0 {
		return model.NoSuchTopic(plan.Topic)
	}
	for _, r := range plan.Rows {
		if p := f.topics[i].Partition(r.Partition); p != nil && r.Err == nil {
			p.Low = max(p.Low, r.New)
		}
	}
	return nil
}

// PlanOffsetDelete works like kafka.Client.PlanOffsetDelete over the
// fake's groups.
func (f *Fake) PlanOffsetDelete(_ context.Context, group, topic string, partitions []int32) (model.OffsetDeletion, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	i := f.groupIndex(group)
	if i < 0 {
		return model.OffsetDeletion{Group: group, Topic: topic}, fmt.Errorf("group %q does not exist", group)
	}
	return model.PlanOffsetDeletion(f.groups[i], topic, partitions)
}

// DeleteOffsets drops the group's commits the plan says.
func (f *Fake) DeleteOffsets(_ context.Context, plan model.OffsetDeletion) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	i := f.groupIndex(plan.Group)
	if i < 0 {
		return fmt.Errorf("group %q does not exist", plan.Group)
	}
	gone := plan.Deletable()
	g := &f.groups[i]
	g.Partitions = slices.DeleteFunc(g.Partitions, func(p model.PartitionLag) bool {
		return p.Topic == plan.Topic && slices.Contains(gone, p.Partition)
	})
	return nil
}

// Elect makes each partition the plan moves led by the replica it names.
func (f *Fake) Elect(_ context.Context, plan model.Election) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	i := f.topicIndex(plan.Topic)
	if i < 0 {
		return model.NoSuchTopic(plan.Topic)
	}
	for _, r := range plan.Rows {
		if p := f.topics[i].Partition(r.Partition); p != nil && r.Stays == "" && r.Next >= 0 {
			p.Leader = r.Next
		}
	}
	return nil
}
