package kafka

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kscope/kscope/model"
)

// describeNamed describes the named topics with DescribeTopicPartitions
// (Kafka 3.7 and later), which adds what Metadata leaves out: each
// partition's eligible leader replicas. A cluster that does not know the
// request is asked for its Metadata instead. Each topic's
// min.insync.replicas is read too, where the principal may read it.
func (c *Client) describeNamed(ctx context.Context, names []string) ([]model.Topic, error) {
	topics, err := c.describeTopicPartitions(ctx, names)
	if err != nil {
		if ctx.Err() != nil {
			return nil, err
		}
		if topics, err = c.describeTopics(ctx, names); err != nil {
			return nil, err
		}
	}
	minISR := c.minISR(ctx, names)
	for i := range topics {
		topics[i].MinISR = minISR[topics[i].Name]
	}
	return topics, nil
}

// describeTopicPartitions pages through DescribeTopicPartitions: a broker
// answers at most ResponsePartitionLimit partitions, and a cursor where to
// go on.
func (c *Client) describeTopicPartitions(ctx context.Context, names []string) ([]model.Topic, error) {
	req := kmsg.NewPtrDescribeTopicPartitionsRequest()
	for _, name := range names {
		rt := kmsg.NewDescribeTopicPartitionsRequestTopic()
		rt.Topic = name
		req.Topics = append(req.Topics, rt)
	}
	byName := map[string]*model.Topic{}
	var order []string
	for {
		resp, err := req.RequestWith(ctx, c.kgo)
		if err != nil {
			return nil, err
		}
		for _, rt := range resp.Topics {
			if rt.Topic == nil {
				continue
			}
			t := byName[*rt.Topic]
			if t == nil {
				t = &model.Topic{Name: *rt.Topic, Internal: rt.IsInternal}
				byName[t.Name] = t
				order = append(order, t.Name)
			}
			if err := kerr.ErrorForCode(rt.ErrorCode); err != nil {
				t.Err = c.topicError(t.Name, err)
				continue
			}
			for _, rp := range rt.Partitions {
				t.Partitions = append(t.Partitions, model.Partition{ID: rp.Partition, Leader: rp.LeaderID,
					Replicas: rp.Replicas, ISR: rp.ISR, Offline: rp.OfflineReplicas,
					ELR: rp.EligibleLeaderReplicas, LastKnownELR: rp.LastKnownELR,
					Low: -1, High: -1, Err: kerr.ErrorForCode(rp.ErrorCode)})
			}
		}
		next := resp.NextCursor
		if next == nil {
			break
		}
		// The cursor never goes back, so the pages end.
		cursor := kmsg.NewDescribeTopicPartitionsRequestCursor()
		cursor.Topic, cursor.Partition = next.Topic, next.Partition
		req.Cursor = &cursor
	}
	topics := make([]model.Topic, 0, len(order))
	for _, name := range order {
		t := byName[name]
		slices.SortFunc(t.Partitions, func(a, b model.Partition) int { return cmp.Compare(a.ID, b.ID) })
		topics = append(topics, *t)
	}
	slices.SortFunc(topics, func(a, b model.Topic) int { return strings.Compare(a.Name, b.Name) })
	return topics, nil
}

// minISR reads the topics' min.insync.replicas, by name. A topic whose
// configs the principal may not read, or a cluster that does not answer,
// is left out: unknown, and nothing is judged by it.
func (c *Client) minISR(ctx context.Context, names []string) map[string]int {
	req := kmsg.NewPtrDescribeConfigsRequest()
	for _, name := range names {
		r := kmsg.NewDescribeConfigsRequestResource()
		r.ResourceType, r.ResourceName = kmsg.ConfigResourceTypeTopic, name
		r.ConfigNames = []string{"min.insync.replicas"}
		req.Resources = append(req.Resources, r)
	}
	resp, err := req.RequestWith(ctx, c.kgo)
	if err != nil {
		return nil
	}
	out := map[string]int{}
	for _, r := range resp.Resources {
		if r.ErrorCode != 0 {
			continue
		}
		for _, cfg := range r.Configs {
			if cfg.Name != "min.insync.replicas" || cfg.Value == nil {
				continue
			}
			if n, err := strconv.Atoi(*cfg.Value); err == nil && n > 0 {
				out[r.ResourceName] = n
			}
		}
	}
	return out
}
