package kafka

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"

	"github.com/kscope/kscope/model"
)

// PlanPurge works out what deleting a topic's records up to a target
// would delete in each partition (all, or those named), and which groups'
// commits lie in it, without changing anything.
func (c *Client) PlanPurge(ctx context.Context, topic string, partitions []int32, to model.Start) (model.Purge, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	var at time.Time
	if to.Kind == model.FromTime {
		at = to.Time
	}
	t, byTime, err := c.partitionsAt(ctx, topic, at)
	if err != nil {
		return model.Purge{Topic: topic}, err
	}
	groups, err := c.Groups(ctx)
	if err != nil {
		return model.Purge{Topic: topic}, err
	}
	return model.PlanPurge(t, partitions, to, byTime, groups)
}

// Purge deletes the records a plan says, partition by partition; the
// partitions it leaves alone, and those the cluster refused, are named in
// its error.
func (c *Client) Purge(ctx context.Context, plan model.Purge) error {
	if err := c.guard("delete records"); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	var offsets kadm.Offsets
	for _, r := range plan.Rows {
		if r.Err == nil && r.Records() > 0 {
			offsets.Add(kadm.Offset{Topic: plan.Topic, Partition: r.Partition, At: r.New, LeaderEpoch: -1})
		}
	}
	if len(offsets) == 0 {
		return nil
	}
	res, err := c.adm.DeleteRecords(ctx, offsets)
	if err != nil {
		return c.explain(fmt.Sprintf("delete records of %q", plan.Topic), err)
	}
	var failed []error
	for _, d := range res.Sorted() {
		if d.Err != nil {
			failed = append(failed, fmt.Errorf("partition %d: %w", d.Partition, c.explain("delete records", d.Err)))
		}
	}
	return errors.Join(failed...)
}
