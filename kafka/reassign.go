package kafka

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kscope/kscope/model"
)

// Reassign starts a plan's moves (AlterPartitionReassignments, as
// kafka-reassign-partitions.sh --execute). With a rate (bytes a second)
// it first throttles the replication the moves cause, on the brokers and
// replicas they involve; the throttle stays until ClearThrottle, once the
// moves are done. The cluster's refusals are named by partition.
func (c *Client) Reassign(ctx context.Context, plan model.Reassignment, rate int64) error {
	if err := c.guard("reassign partitions"); err != nil {
		return err
	}
	if len(plan.Moves) == 0 {
		return nil
	}
	if rate > 0 {
		if err := c.throttle(ctx, plan, rate); err != nil {
			return err
		}
	}
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	var req kadm.AlterPartitionAssignmentsReq
	for _, m := range plan.Moves {
		req.Assign(m.Topic, m.Partition, m.To)
	}
	return c.alterAssignments(ctx, "reassign", req, nil)
}

// CancelReassignments stops the moves of the partitions named: each goes
// back to the replicas it had, and what was copied is dropped.
func (c *Client) CancelReassignments(ctx context.Context, moving []model.Moving) error {
	if err := c.guard("cancel reassignments"); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	var req kadm.AlterPartitionAssignmentsReq
	for _, m := range moving {
		req.Assign(m.Topic, m.Partition, nil) // nil replicas: cancel
	}
	// A move that finished since it was listed has nothing to cancel.
	return c.alterAssignments(ctx, "cancel the reassignment", req, kerr.NoReassignmentInProgress)
}

// alterAssignments sends the assignments, and names each partition the
// cluster refused with why, but for the refusal named fine.
func (c *Client) alterAssignments(ctx context.Context, verb string, req kadm.AlterPartitionAssignmentsReq, fine error) error {
	res, err := c.adm.AlterPartitionAssignments(ctx, req)
	if err != nil {
		return c.explain(verb, err)
	}
	var failed []error
	for _, r := range res.Sorted() {
		if r.Err == nil || fine != nil && errors.Is(r.Err, fine) {
			continue
		}
		err := r.Err
		if r.ErrMessage != "" {
			err = fmt.Errorf("%w: %s", r.Err, r.ErrMessage)
		}
		failed = append(failed, fmt.Errorf("%s partition %d: %w", model.Sanitize(r.Topic), r.Partition, c.explain(verb, err)))
	}
	return errors.Join(failed...)
}

// Reassignments are the partitions being moved now, with what their new
// replicas still have to copy, by topic and partition.
func (c *Client) Reassignments(ctx context.Context) ([]model.Moving, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	req := kmsg.NewPtrListPartitionReassignmentsRequest() // nil Topics: all
	req.TimeoutMillis = int32(c.timeout.Milliseconds())
	resp, err := req.RequestWith(ctx, c.kgo)
	if err == nil {
		err = kerr.ErrorForCode(resp.ErrorCode)
	}
	if err != nil {
		return nil, c.explain("list partition reassignments", err)
	}
	var out []model.Moving
	var names []string
	for _, t := range resp.Topics {
		names = append(names, t.Topic)
		for _, p := range t.Partitions {
			out = append(out, model.Moving{Topic: t.Topic, Partition: p.Partition, Replicas: p.Replicas,
				Adding: p.AddingReplicas, Removing: p.RemovingReplicas, BytesLeft: -1})
		}
	}
	if len(out) == 0 {
		return nil, nil
	}
	slices.SortFunc(out, func(a, b model.Moving) int {
		if a.Topic != b.Topic {
			return strings.Compare(a.Topic, b.Topic)
		}
		return int(a.Partition - b.Partition)
	})
	c.bytesLeft(ctx, names, out)
	return out, nil
}

// bytesLeft fills in what each moving partition's new replicas have still
// to copy, where the brokers say: the leader's size less each one's.
func (c *Client) bytesLeft(ctx context.Context, names []string, moving []model.Moving) {
	topics, err := c.describeTopics(ctx, names)
	if err != nil {
		return
	}
	usage, err := c.DiskUsage(ctx, topics...)
	if err != nil {
		return
	}
	for i := range moving {
		m := &moving[i]
		t := topics[slices.IndexFunc(topics, func(t model.Topic) bool { return t.Name == m.Topic })]
		p := t.Partition(m.Partition)
		if p == nil {
			continue
		}
		tp := model.TopicPartition{Topic: m.Topic, Partition: m.Partition}
		leader, ok := usage.ReplicaBytes(tp, p.Leader)
		if !ok {
			continue
		}
		left := int64(0)
		for _, b := range m.Adding {
			has, _ := usage.ReplicaBytes(tp, b) // none yet: all of it is left
			left += max(leader-has, 0)
		}
		m.BytesLeft = left
	}
}

// throttle sets a replication throttle for a plan's moves, as
// kafka-reassign-partitions.sh --throttle does: the rate on every broker
// the moves involve, and which replicas it holds back on each topic.
func (c *Client) throttle(ctx context.Context, plan model.Reassignment, rate int64) error {
	value := strconv.FormatInt(rate, 10)
	rates := []kadm.AlterConfig{
		{Op: kadm.SetConfig, Name: model.LeaderThrottleRate, Value: &value},
		{Op: kadm.SetConfig, Name: model.FollowerThrottleRate, Value: &value},
	}
	for _, b := range plan.Brokers() {
		err := c.alterConfigs(ctx, fmt.Sprintf("throttle replication on broker %d", b), rates,
			func(ctx context.Context, alter []kadm.AlterConfig) (kadm.AlterConfigsResponses, error) {
				return c.adm.AlterBrokerConfigs(ctx, alter, b)
			})
		if err != nil {
			return err
		}
	}
	leader, follower := plan.ThrottledReplicas()
	for topic, replicas := range leader {
		changes := []kadm.AlterConfig{{Op: kadm.SetConfig, Name: model.LeaderThrottledReplicas, Value: &replicas}}
		if f, ok := follower[topic]; ok {
			changes = append(changes, kadm.AlterConfig{Op: kadm.SetConfig, Name: model.FollowerThrottledReplicas, Value: &f})
		}
		err := c.alterConfigs(ctx, fmt.Sprintf("throttle replication of %q", topic), changes,
			func(ctx context.Context, alter []kadm.AlterConfig) (kadm.AlterConfigsResponses, error) {
				return c.adm.AlterTopicConfigs(ctx, alter, topic)
			})
		if err != nil {
			return err
		}
	}
	return nil
}

// Throttled is the replication throttle in place: brokers with a
// throttled rate and topics with throttled replicas.
func (c *Client) Throttled(ctx context.Context) (model.Throttle, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	var th model.Throttle
	cl, err := c.adm.BrokerMetadata(ctx)
	if err != nil {
		return th, c.explain("list brokers", err)
	}
	brokers, err := c.adm.DescribeBrokerConfigs(ctx, cl.Brokers.NodeIDs()...)
	if err != nil {
		return th, c.explain("describe broker configs", err)
	}
	for _, b := range brokers {
		for _, cfg := range b.Configs {
			if (cfg.Key == model.LeaderThrottleRate || cfg.Key == model.FollowerThrottleRate) && cfg.Source == kmsg.ConfigSourceDynamicBrokerConfig && cfg.Value != nil {
				if n, _ := strconv.ParseInt(*cfg.Value, 10, 64); n > th.Rate {
					th.Rate = n
				}
				id, _ := strconv.Atoi(b.Name)
				if !slices.Contains(th.Brokers, int32(id)) {
					th.Brokers = append(th.Brokers, int32(id))
				}
			}
		}
	}
	all, err := c.describeTopics(ctx, nil)
	if err != nil {
		return th, c.explain("list topics", err)
	}
	names := make([]string, len(all))
	for i, t := range all {
		names[i] = t.Name
	}
	topics, err := c.adm.DescribeTopicConfigs(ctx, names...)
	if err != nil {
		return th, c.explain("describe topic configs", err)
	}
	for _, t := range topics {
		if slices.ContainsFunc(t.Configs, func(cfg kadm.Config) bool {
			return (cfg.Key == model.LeaderThrottledReplicas || cfg.Key == model.FollowerThrottledReplicas) &&
				cfg.Source == kmsg.ConfigSourceDynamicTopicConfig
		}) {
			th.Topics = append(th.Topics, t.Name)
		}
	}
	slices.Sort(th.Brokers)
	slices.Sort(th.Topics)
	return th, nil
}

// ClearThrottle removes a replication throttle: its rates from the
// brokers and its throttled replicas from the topics.
func (c *Client) ClearThrottle(ctx context.Context, th model.Throttle) error {
	if err := c.guard("remove the replication throttle"); err != nil {
		return err
	}
	drop := func(names ...string) []kadm.AlterConfig {
		var out []kadm.AlterConfig
		for _, n := range names {
			out = append(out, kadm.AlterConfig{Op: kadm.DeleteConfig, Name: n})
		}
		return out
	}
	var failed []error
	for _, b := range th.Brokers {
		failed = append(failed, c.alterConfigs(ctx, fmt.Sprintf("remove the replication throttle of broker %d", b),
			drop(model.LeaderThrottleRate, model.FollowerThrottleRate),
			func(ctx context.Context, alter []kadm.AlterConfig) (kadm.AlterConfigsResponses, error) {
				return c.adm.AlterBrokerConfigs(ctx, alter, b)
			}))
	}
	for _, t := range th.Topics {
		failed = append(failed, c.alterConfigs(ctx, fmt.Sprintf("remove the replication throttle of %q", t),
			drop(model.LeaderThrottledReplicas, model.FollowerThrottledReplicas),
			func(ctx context.Context, alter []kadm.AlterConfig) (kadm.AlterConfigsResponses, error) {
				return c.adm.AlterTopicConfigs(ctx, alter, t)
			}))
	}
	return errors.Join(failed...)
}
