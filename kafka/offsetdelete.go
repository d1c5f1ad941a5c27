package kafka

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/twmb/franz-go/pkg/kadm"

	"github.com/kscope/kscope/model"
)

// PlanOffsetDelete works out which of a group's committed offsets on a
// topic (all its partitions, or those named) a deletion would remove:
// a partition a member is assigned is consuming, and stays.
func (c *Client) PlanOffsetDelete(ctx context.Context, group, topic string, partitions []int32) (model.OffsetDeletion, error) {
	plan := model.OffsetDeletion{Group: group, Topic: topic}
	groups, err := c.Groups(ctx, group)
	if err != nil {
		return plan, err
	}
	g := groups[0]
	if g.Err != nil {
		return plan, g.Err
	}
	consumed := map[int32]string{}
	for _, m := range g.Members {
		for _, tp := range m.Assigned {
			if tp.Topic == topic {
				consumed[tp.Partition] = m.ClientID
			}
		}
	}
	for _, p := range g.Partitions {
		if p.Topic != topic || p.Committed < 0 || len(partitions) > 0 && !slices.Contains(partitions, p.Partition) {
			continue
		}
		row := model.OffsetDeletionRow{Partition: p.Partition, Committed: p.Committed}
		if client, ok := consumed[p.Partition]; ok {
			row.Err = fmt.Errorf("consumed by a member (client id %s): stop it first", model.Sanitize(client))
		}
		plan.Rows = append(plan.Rows, row)
	}
	if len(plan.Rows) == 0 {
		return plan, fmt.Errorf("group %q has committed no offset on %q%s", group, topic, partitionsText(partitions))
	}
	return plan, nil
}

func partitionsText(ps []int32) string {
	if len(ps) == 0 {
		return ""
	}
	return fmt.Sprintf(" partitions %v", ps)
}

// DeleteOffsets deletes the commits a plan says; the cluster's refusals
// are named by partition in its error.
func (c *Client) DeleteOffsets(ctx context.Context, plan model.OffsetDeletion) error {
	if err := c.guard("delete offsets"); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	parts := plan.Deletable()
	if len(parts) == 0 {
		return fmt.Errorf("nothing to delete: every partition of the plan is consumed")
	}
	set := kadm.TopicsSet{}
	set.Add(plan.Topic, parts...)
	res, err := c.adm.DeleteOffsets(ctx, plan.Group, set)
	if err != nil {
		return c.explain(fmt.Sprintf("delete offsets of %q", plan.Group), err)
	}
	var failed []error
	res.EachError(func(_ string, p int32, err error) {
		failed = append(failed, fmt.Errorf("partition %d: %w", p, c.explain("delete offsets", err)))
	})
	return errors.Join(failed...)
}
