package kafka

import (
	"context"
	"errors"
	"fmt"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"

	"github.com/kscope/kscope/model"
)

// Elect holds the election a plan says, on the partitions it moves
// (ElectLeaders, as kafka-leader-election.sh); the cluster's refusals are
// named by partition in its error.
func (c *Client) Elect(ctx context.Context, plan model.Election) error {
	if err := c.guard("elect leaders"); err != nil {
		return err
	}
	moving := plan.Moving()
	if len(moving) == 0 {
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	how := kadm.ElectPreferredReplica
	if plan.Unclean {
		how = kadm.ElectLiveReplica
	}
	set := kadm.TopicsSet{}
	set.Add(plan.Topic, moving...)
	res, err := c.adm.ElectLeaders(ctx, how, set)
	if err != nil {
		return c.explain(fmt.Sprintf("elect leaders of %q", plan.Topic), err)
	}
	var failed []error
	for _, byPartition := range res {
		for p, r := range byPartition {
			if r.Err != nil && !errors.Is(r.Err, kerr.ElectionNotNeeded) {
				failed = append(failed, fmt.Errorf("partition %d: %w", p, c.explain("elect a leader", r.Err)))
			}
		}
	}
	return errors.Join(failed...)
}
