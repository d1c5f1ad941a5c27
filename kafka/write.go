package kafka

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kscope/kscope/model"
)

// guard refuses a write in read-only mode. Every method that changes the
// cluster calls it first, so no caller can forget.
func (c *Client) guard(action string) error {
	switch {
	case c.readOnly:
		return fmt.Errorf("%s: %w", action, model.ErrReadOnly)
	case c.producers.isClosed():
		// kgo may still take a write after Close; what it does with it
		// then is not something to leave to chance.
		return fmt.Errorf("%s: %w", action, errClosed)
	}
	return nil
}

// producers are the clients that produce: the default partitioner for
// records that let Kafka choose, a manual one for those that name their
// partition. The manual one is made on first use, never after Close (a
// context switch closes a client that a dialog may still send through).
type producers struct {
	mu     sync.Mutex
	closed bool
	manual *kgo.Client
}

// errClosed answers a request made through a client already closed.
var errClosed = errors.New("kscope has closed its connection to this cluster")

func (p *producers) manualFor(base []kgo.Opt) (*kgo.Client, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return nil, errClosed
	}
	if p.manual == nil {
		cl, err := kgo.NewClient(append(base, kgo.RecordPartitioner(kgo.ManualPartitioner()))...)
		if err != nil {
			return nil, err
		}
		p.manual = cl
	}
	return p.manual, nil
}

func (p *producers) isClosed() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.closed
}

func (p *producers) close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.closed = true
	if p.manual != nil {
		p.manual.Close()
	}
}

// Produce sends records to their topics and says where each landed. A
// record with Partition -1 goes where the default partitioner (by key)
// puts it; any other to its partition. The topics must exist: kscope does
// not create topics by producing to them.
func (c *Client) Produce(ctx context.Context, records []model.Record) ([]model.Produced, error) {
	if err := c.guard("produce"); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	var byKey, manual []*kgo.Record
	index := make(map[*kgo.Record]int, len(records))
	for i, r := range records {
		kr := &kgo.Record{Topic: r.Topic, Partition: r.Partition, Key: r.Key, Value: r.Value}
		if r.Timestamp != 0 { // else kgo stamps it now
			kr.Timestamp = time.UnixMilli(r.Timestamp)
		}
		for _, h := range r.Headers {
			kr.Headers = append(kr.Headers, kgo.RecordHeader{Key: h.Key, Value: h.Value})
		}
		index[kr] = i
		if r.Partition < 0 {
			byKey = append(byKey, kr)
		} else {
			manual = append(manual, kr)
		}
	}
	out := make([]model.Produced, len(records))
	collect := func(results kgo.ProduceResults) {
		for _, res := range results {
			i := index[res.Record]
			out[i] = model.Produced{Partition: res.Record.Partition, Offset: res.Record.Offset}
			if res.Err != nil {
				out[i].Err = c.explain("produce", res.Err)
				out[i].Retriable = kerr.IsRetriable(res.Err)
			}
		}
	}
	if len(byKey) > 0 {
		collect(c.kgo.ProduceSync(ctx, byKey...))
	}
	if len(manual) > 0 {
		cl, err := c.producers.manualFor(c.base)
		if err != nil {
			return nil, err
		}
		collect(cl.ProduceSync(ctx, manual...))
	}
	return out, nil
}

// CreateTopic creates a topic.
func (c *Client) CreateTopic(ctx context.Context, t model.NewTopic) error {
	if err := c.guard("create topic"); err != nil {
		return err
	}
	if err := t.Check(); err != nil {
		return fmt.Errorf("create topic %q: %w", t.Name, err)
	}
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	configs := make(map[string]*string, len(t.Configs))
	for k, v := range t.Configs {
		configs[k] = kadm.StringPtr(v)
	}
	resp, err := c.adm.CreateTopic(ctx, t.Partitions, t.ReplicationFactor, configs, t.Name)
	if err == nil {
		err = resp.Err
	}
	if err != nil {
		return c.explain(fmt.Sprintf("create topic %q", t.Name), err)
	}
	return nil
}

// DeleteTopic deletes a topic and every record in it.
func (c *Client) DeleteTopic(ctx context.Context, topic string) error {
	if err := c.guard("delete topic"); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	resps, err := c.adm.DeleteTopics(ctx, topic)
	if err == nil {
		err = resps.Error()
	}
	if err != nil {
		return c.explain(fmt.Sprintf("delete topic %q", topic), err)
	}
	return nil
}

// SetPartitions raises a topic's partition count to total. Kafka cannot
// lower it.
func (c *Client) SetPartitions(ctx context.Context, topic string, total int) error {
	if err := c.guard("add partitions"); err != nil {
		return err
	}
	if err := model.CheckPartitions(total); err != nil {
		return fmt.Errorf("add partitions to %q: %w", topic, err)
	}
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	resps, err := c.adm.UpdatePartitions(ctx, total, topic)
	if err == nil {
		err = resps.Error()
	}
	if err != nil {
		return c.explain(fmt.Sprintf("set %q to %d partitions", topic, total), err)
	}
	return nil
}

// TopicConfigs lists a topic's configuration, by name, with where each
// value comes from.
func (c *Client) TopicConfigs(ctx context.Context, topic string) ([]model.ConfigEntry, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	rcs, err := c.adm.DescribeTopicConfigs(ctx, topic)
	if err != nil {
		return nil, c.explain(fmt.Sprintf("describe configs of %q", topic), err)
	}
	rc, err := rcs.On(topic, nil)
	if err == nil {
		err = rc.Err
	}
	if err != nil {
		return nil, c.explain(fmt.Sprintf("describe configs of %q", topic), err)
	}
	out := make([]model.ConfigEntry, 0, len(rc.Configs))
	for _, cfg := range rc.Configs {
		out = append(out, model.ConfigEntry{Name: cfg.Key, Value: cfg.MaybeValue(), Source: sourceName(cfg.Source), Sensitive: cfg.Sensitive})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

func sourceName(s kmsg.ConfigSource) string {
	switch s {
	case kmsg.ConfigSourceDynamicTopicConfig:
		return "topic"
	case kmsg.ConfigSourceDynamicBrokerConfig:
		return "broker"
	case kmsg.ConfigSourceDynamicDefaultBrokerConfig:
		return "broker default"
	case kmsg.ConfigSourceStaticBrokerConfig:
		return "static broker"
	}
	return "default"
}

// SetTopicConfig sets one configuration value of a topic, or removes the
// topic's own value (back to the default) when value is nil.
func (c *Client) SetTopicConfig(ctx context.Context, topic, name string, value *string) error {
	if err := c.guard("change topic config"); err != nil {
		return err
	}
	return c.alterConfig(ctx, fmt.Sprintf("set %s of %q", name, topic), name, value,
		func(ctx context.Context, alter []kadm.AlterConfig) (kadm.AlterConfigsResponses, error) {
			return c.adm.AlterTopicConfigs(ctx, alter, topic)
		})
}

// alterConfig sets one config, or deletes it when value is nil, through
// an incremental alter of one resource, and says what failed as what.
func (c *Client) alterConfig(ctx context.Context, what, name string, value *string,
	alter func(context.Context, []kadm.AlterConfig) (kadm.AlterConfigsResponses, error)) error {
	op := kadm.SetConfig
	if value == nil {
		op = kadm.DeleteConfig
	}
	return c.alterConfigs(ctx, what, []kadm.AlterConfig{{Op: op, Name: name, Value: value}}, alter)
}

// alterConfigs makes incremental changes to configs, and says what failed
// as what.
func (c *Client) alterConfigs(ctx context.Context, what string, changes []kadm.AlterConfig,
	alter func(context.Context, []kadm.AlterConfig) (kadm.AlterConfigsResponses, error)) error {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	resps, err := alter(ctx, changes)
	if err == nil {
		for _, r := range resps {
			if r.Err != nil {
				err = r.Err
				if r.ErrMessage != "" {
					err = fmt.Errorf("%w: %s", r.Err, r.ErrMessage)
				}
			}
		}
	}
	if err != nil {
		return c.explain(what, err)
	}
	return nil
}

// ErrGroupActive is the cause of a refusal to change a group that has
// members: Kafka would reject it, or worse, the members would overwrite it.
var ErrGroupActive = errors.New("the group has active members")

// PlanReset works out where a reset would move a group's offsets on a
// topic (all its partitions, or those named), without changing anything.
// It refuses a group with members.
func (c *Client) PlanReset(ctx context.Context, group, topic string, partitions []int32, target model.ResetTarget) (model.ResetPlan, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	plan := model.ResetPlan{Group: group, Target: target}
	g, err := c.inactive(ctx, group)
	if err != nil {
		return plan, err
	}
	current, err := c.positions(ctx, g)
	if err != nil {
		return plan, err
	}
	var at time.Time
	if target.Kind == model.ToTime {
		at = target.Time
	}
	t, byTime, err := c.partitionsAt(ctx, topic, at)
	if err != nil {
		return plan, err
	}
	for _, p := range t.Partitions {
		if len(partitions) > 0 && !slices.Contains(partitions, p.ID) {
			continue
		}
		row := model.ResetRow{TopicPartition: model.TopicPartition{Topic: topic, Partition: p.ID}, Current: -1, Start: p.Low, End: p.High}
		if at, ok := current[model.TopicPartition{Topic: topic, Partition: p.ID}]; ok {
			row.Current = at
		}
		row.New, row.Err = target.NewOffset(row.Current, p.Low, p.High, byTime(p.ID))
		plan.Rows = append(plan.Rows, row)
	}
	if len(plan.Rows) == 0 {
		return plan, fmt.Errorf("topic %q has none of partitions %v", topic, partitions)
	}
	return plan, nil
}

// partitionsAt describes a topic and, when at is set, finds in each
// partition the first offset at or after that time: byTime answers -1
// for a partition it could not find one in. A reset and a deletion of
// records move offsets to a time alike.
func (c *Client) partitionsAt(ctx context.Context, topic string, at time.Time) (model.Topic, func(partition int32) int64, error) {
	topics, err := c.Topics(ctx, topic)
	if err != nil {
		return model.Topic{}, nil, err
	}
	if topics[0].Err != nil {
		return model.Topic{}, nil, topics[0].Err
	}
	var listed kadm.ListedOffsets
	if !at.IsZero() {
		if listed, err = c.adm.ListOffsetsAfterMilli(ctx, at.UnixMilli(), topic); err != nil {
			return model.Topic{}, nil, c.explain("find offsets by time", err)
		}
	}
	byTime := func(partition int32) int64 {
		if o, ok := listed.Lookup(topic, partition); ok && o.Err == nil {
			return o.Offset
		}
		return -1
	}
	return topics[0], byTime, nil
}

// resetMetadata marks the commits kscope made where there was no metadata.
const resetMetadata = "kscope reset"

// ApplyReset commits a plan's new offsets, after checking again that the
// group has no members. Rows that could not be planned are left as they are.
func (c *Client) ApplyReset(ctx context.Context, plan model.ResetPlan) error {
	if err := c.guard("reset offsets"); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	g, err := c.inactive(ctx, plan.Group)
	if err != nil {
		return err
	}
	if g.Type == "share" {
		return c.resetShareGroup(ctx, plan)
	}
	// A commit's metadata belongs to the application that wrote it: keep
	// it, and mark only commits that had none as kscope's.
	before, err := c.adm.FetchOffsets(ctx, plan.Group)
	if err != nil {
		return c.explain(fmt.Sprintf("fetch offsets of %q", plan.Group), err)
	}
	var offsets kadm.Offsets
	for _, r := range plan.Rows {
		if r.Err != nil {
			continue
		}
		o := kadm.Offset{Topic: r.Topic, Partition: r.Partition, At: r.New, LeaderEpoch: -1, Metadata: resetMetadata}
		if old, ok := before.Lookup(r.Topic, r.Partition); ok && old.Err == nil && old.Metadata != "" {
			o.Metadata = old.Metadata
		}
		offsets.Add(o)
	}
	if err := c.adm.CommitAllOffsets(ctx, plan.Group, offsets); err != nil {
		return c.explain(fmt.Sprintf("reset offsets of %q", plan.Group), err)
	}
	return nil
}

// DeleteGroup deletes a group that has no members, and its offsets.
func (c *Client) DeleteGroup(ctx context.Context, group string) error {
	if err := c.guard("delete group"); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	if _, err := c.inactive(ctx, group); err != nil {
		return err
	}
	resps, err := c.adm.DeleteGroups(ctx, group)
	if err == nil {
		err = resps.Error()
	}
	if err != nil {
		return c.explain(fmt.Sprintf("delete group %q", group), err)
	}
	return nil
}

// inactive returns the group, or refuses it when it has members, saying
// how many. It asks through Groups, which knows every kind of group.
func (c *Client) inactive(ctx context.Context, group string) (model.Group, error) {
	groups, err := c.Groups(ctx, group)
	if err != nil {
		return model.Group{}, err
	}
	g := groups[0]
	switch {
	case g.Err != nil:
		return g, g.Err
	case g.State == "Dead":
		return g, fmt.Errorf("group %q does not exist", group)
	}
	if err := g.Busy(); err != nil {
		return g, fmt.Errorf("%w: %w", err, ErrGroupActive)
	}
	return g, nil
}

// positions is where the group is on each partition: its commits, or for
// a share group the position Groups worked out.
func (c *Client) positions(ctx context.Context, g model.Group) (map[model.TopicPartition]int64, error) {
	out := map[model.TopicPartition]int64{}
	if g.Type == "share" {
		for _, p := range g.Partitions {
			if p.Committed >= 0 {
				out[p.TopicPartition] = p.Committed
			}
		}
		return out, nil
	}
	committed := c.commitsOf(ctx, []string{g.Name})[g.Name]
	if committed.err != nil {
		return nil, c.explain(fmt.Sprintf("fetch offsets of %q", g.Name), committed.err)
	}
	return committed.at, nil
}

// resetShareGroup moves a share group's start offsets: share groups keep
// no commits, so OffsetCommit cannot move them (KIP-932's
// AlterShareGroupOffsets, Kafka 4.1+).
func (c *Client) resetShareGroup(ctx context.Context, plan model.ResetPlan) error {
	var offsets kadm.Offsets
	for _, r := range plan.Rows {
		if r.Err == nil {
			offsets.AddOffset(r.Topic, r.Partition, r.New, -1)
		}
	}
	resps, err := c.adm.AlterShareGroupOffsets(ctx, plan.Group, offsets)
	if err == nil {
		err = resps.Error()
	}
	if err != nil {
		return c.explain(fmt.Sprintf("reset offsets of share group %q", plan.Group), err)
	}
	return nil
}
