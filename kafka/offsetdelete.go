package kafka

import (
	"context"
	"errors"
	"fmt"

	"github.com/twmb/franz-go/pkg/kadm"

	"github.com/kscope/kscope/model"
)

// PlanOffsetDelete works out which of a group's committed offsets on a
// topic (all its partitions, or those named) a deletion would remove:
// a partition a member is assigned is consuming, and stays.
func (c *Client) PlanOffsetDelete(ctx context.Context, group, topic string, partitions []int32) (model.OffsetDeletion, error) {
	groups, err := c.Groups(ctx, group)
	if err != nil {
		return model.OffsetDeletion{Group: group, Topic: topic}, err
	}
	if groups[0].Err != nil {
		return model.OffsetDeletion{Group: group, Topic: topic}, groups[0].Err
	}
	return model.PlanOffsetDeletion(groups[0], topic, partitions)
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
