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
// min.insync.replicas, and whether it has remote storage, are read too,
// where the principal may read them.
func (c *Client) describeNamed(ctx context.Context, names []string) ([]model.Topic, error) {
	describe := c.describeTopics
	if c.answers(ctx, kmsg.DescribeTopicPartitions) {
		describe = c.describeTopicPartitions
	}
	topics, err := describe(ctx, names)
	if err != nil {
		return nil, err
	}
	configs := c.namedConfigs(ctx, names)
	for i := range topics {
		cfg := configs[topics[i].Name]
		topics[i].MinISR, topics[i].Tiered = cfg.minISR, cfg.tiered
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

// namedConfig is what describing a topic by name reads of its configs.
type namedConfig struct {
	minISR int  // min.insync.replicas
	tiered bool // remote.storage.enable
}

// namedConfigs reads the topics' min.insync.replicas and whether they
// use remote storage, by name. A topic whose configs the principal may
// not read, or a cluster that does not answer, is left out: unknown, and
// nothing is judged by it.
func (c *Client) namedConfigs(ctx context.Context, names []string) map[string]namedConfig {
	req := kmsg.NewPtrDescribeConfigsRequest()
	for _, name := range names {
		r := kmsg.NewDescribeConfigsRequestResource()
		r.ResourceType, r.ResourceName = kmsg.ConfigResourceTypeTopic, name
		r.ConfigNames = []string{"min.insync.replicas", "remote.storage.enable"}
		req.Resources = append(req.Resources, r)
	}
	resp, err := req.RequestWith(ctx, c.kgo)
	if err != nil {
		return nil
	}
	out := map[string]namedConfig{}
	for _, r := range resp.Resources {
		if r.ErrorCode != 0 {
			continue
		}
		var cfg namedConfig
		for _, e := range r.Configs {
			if e.Value == nil {
				continue
			}
			switch e.Name {
			case "min.insync.replicas":
				if n, err := strconv.Atoi(*e.Value); err == nil && n > 0 {
					cfg.minISR = n
				}
			case "remote.storage.enable":
				cfg.tiered = *e.Value == "true"
			}
		}
		out[r.ResourceName] = cfg
	}
	return out
}

// fillTiered sets, on the partitions of topics with remote storage, the
// first offset still on local disk and the last one copied to remote
// storage (ListOffsets' earliest-local and latest-tiered specs, Kafka 3.6
// and 3.8 on). A partition the brokers do not say keeps -1.
func (c *Client) fillTiered(ctx context.Context, topics []model.Topic) {
	const earliestLocal, latestTiered = -4, -5
	ask := func(spec int64) map[model.TopicPartition]int64 {
		req := kmsg.NewPtrListOffsetsRequest()
		req.ReplicaID = -1
		for _, t := range topics {
			if !t.Tiered {
				continue
			}
			rt := kmsg.NewListOffsetsRequestTopic()
			rt.Topic = t.Name
			for _, p := range t.Partitions {
				rp := kmsg.NewListOffsetsRequestTopicPartition()
				rp.Partition, rp.Timestamp = p.ID, spec
				rt.Partitions = append(rt.Partitions, rp)
			}
			req.Topics = append(req.Topics, rt)
		}
		out := map[model.TopicPartition]int64{}
		resp, err := req.RequestWith(ctx, c.kgo)
		if err != nil {
			return out
		}
		for _, rt := range resp.Topics {
			for _, rp := range rt.Partitions {
				if rp.ErrorCode == 0 {
					out[model.TopicPartition{Topic: rt.Topic, Partition: rp.Partition}] = rp.Offset
				}
			}
		}
		return out
	}
	local, tiered := ask(earliestLocal), ask(latestTiered)
	for i := range topics {
		for j := range topics[i].Partitions {
			p := &topics[i].Partitions[j]
			p.LocalLow, p.TieredHigh = -1, -1
			tp := model.TopicPartition{Topic: topics[i].Name, Partition: p.ID}
			if o, ok := local[tp]; ok {
				p.LocalLow = o
			}
			if o, ok := tiered[tp]; ok {
				p.TieredHigh = o
			}
		}
	}
}

// answers says whether the cluster answers a request, by its key: asked
// of a broker once (ApiVersions), and remembered. A cluster that cannot
// be asked is taken not to, this time: the older request it surely
// answers then fails with the reason.
func (c *Client) answers(ctx context.Context, key kmsg.Key) bool {
	c.apis.Lock()
	defer c.apis.Unlock()
	if c.apis.max == nil {
		// Asked as Metadata is, of one broker: through the client a
		// broker that refuses the handshake is tried until the deadline.
		req := kmsg.NewPtrApiVersionsRequest()
		// Kafka refuses ApiVersions v3+ without a client's name and version.
		req.ClientSoftwareName, req.ClientSoftwareVersion = "kscope", "1"
		answer, err := c.askAny(ctx, req)
		if err != nil {
			return false
		}
		resp := answer.(*kmsg.ApiVersionsResponse)
		if resp.ErrorCode != 0 {
			return false
		}
		c.apis.max = map[int16]int16{}
		for _, k := range resp.ApiKeys {
			c.apis.max[k.ApiKey] = k.MaxVersion
		}
	}
	_, ok := c.apis.max[int16(key)]
	return ok
}
