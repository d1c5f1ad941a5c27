package kafka

import (
	"context"
	"errors"
	"fmt"
	"slices"
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
	plan := model.Purge{Topic: topic}
	var at time.Time
	if to.Kind == model.FromTime {
		at = to.Time
	}
	t, byTime, err := c.partitionsAt(ctx, topic, at)
	if err != nil {
		return plan, err
	}
	for _, p := range t.Partitions {
		if len(partitions) > 0 && !slices.Contains(partitions, p.ID) {
			continue
		}
		row := model.PurgeRow{Partition: p.ID, Low: p.Low, High: p.High, Bytes: -1}
		if row.New, row.Err = model.PurgeTo(to, p.Low, p.High, byTime(p.ID)); row.Err == nil && p.Sized && p.High > p.Low {
			row.Bytes = p.Bytes * row.Records() / (p.High - p.Low)
		}
		plan.Rows = append(plan.Rows, row)
	}
	if len(plan.Rows) == 0 {
		return plan, fmt.Errorf("topic %q has none of partitions %v", topic, partitions)
	}
	groups, err := c.Groups(ctx)
	if err != nil {
		return plan, err
	}
	for _, g := range groups {
		for _, pl := range g.Partitions {
			i := slices.IndexFunc(plan.Rows, func(r model.PurgeRow) bool { return r.Partition == pl.Partition })
			if pl.Topic != topic || i < 0 || plan.Rows[i].Err != nil {
				continue
			}
			if r := plan.Rows[i]; pl.Committed >= r.Low && pl.Committed < r.New {
				plan.Inside = append(plan.Inside, model.PurgeCommit{Group: g.Name, Partition: pl.Partition, Committed: pl.Committed})
			}
		}
	}
	return plan, nil
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
