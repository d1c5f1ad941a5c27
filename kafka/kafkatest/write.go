package kafkatest

import (
	"context"
	"fmt"
	"hash/fnv"
	"slices"
	"sort"

	"github.com/kscope/kscope/model"
)

// defaultConfigs are what every fake topic reports unless set.
var defaultConfigs = map[string]string{"cleanup.policy": "delete", "retention.ms": "604800000", "max.message.bytes": "1048588"}

func (f *Fake) topicIndex(name string) int {
	return slices.IndexFunc(f.topics, func(t model.Topic) bool { return t.Name == name })
}

// Refusal is how a fake partition refuses what is produced to it, as a
// broker that fails does: it takes After more records, then refuses every
// record after them in each of the next Times calls (0: until Heal), as an
// idempotent producer fails the rest of a partition after a failure.
type Refusal struct {
	After     int
	Times     int
	Err       error
	Retriable bool
}

// Refuse makes partition p of topic refuse records as r says.
func (f *Fake) Refuse(topic string, p int32, r Refusal) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.refuse == nil {
		f.refuse = map[model.TopicPartition]*Refusal{}
	}
	f.refuse[model.TopicPartition{Topic: topic, Partition: p}] = &r
}

// Heal ends every refusal.
func (f *Fake) Heal() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.refuse = nil
}

// refused reports whether the partition refuses the next record, counting
// one call's refusals as one of its Times when the call ends (done).
func (f *Fake) refused(tp model.TopicPartition, refusing map[model.TopicPartition]bool) (*Refusal, bool) {
	r := f.refuse[tp]
	switch {
	case r == nil:
		return nil, false
	case refusing[tp]:
		return r, true
	case r.After > 0:
		r.After--
		return nil, false
	}
	refusing[tp] = true
	return r, true
}

// Produce answers like kafka.Client.Produce, appending to the topics'
// logs; a record with Partition -1 goes to the partition its key hashes to.
// A partition told to Refuse refuses.
func (f *Fake) Produce(_ context.Context, records []model.Record) ([]model.Produced, error) {
	f.mu.Lock()
	out := make([]model.Produced, len(records))
	var placed []model.Record
	refusing := map[model.TopicPartition]bool{}
	defer func() {
		f.mu.Lock()
		defer f.mu.Unlock()
		for tp := range refusing {
			if r := f.refuse[tp]; r != nil && r.Times > 0 {
				if r.Times--; r.Times == 0 {
					delete(f.refuse, tp)
				}
			}
		}
	}()
	for i, r := range records {
		ti := f.topicIndex(r.Topic)
		if ti < 0 {
			out[i].Err = fmt.Errorf("topic %q does not exist", r.Topic)
			continue
		}
		n := int32(len(f.topics[ti].Partitions))
		if r.Partition < 0 {
			h := fnv.New32a()
			h.Write(r.Key)
			r.Partition = int32(h.Sum32() % uint32(n))
		}
		if r.Partition >= n {
			out[i].Err = fmt.Errorf("topic %q has no partition %d", r.Topic, r.Partition)
			continue
		}
		if no, ok := f.refused(model.TopicPartition{Topic: r.Topic, Partition: r.Partition}, refusing); ok {
			out[i] = model.Produced{Partition: r.Partition, Offset: -1, Err: no.Err, Retriable: no.Retriable}
			continue
		}
		out[i].Partition = r.Partition
		out[i].Offset = int64(len(f.partitionLog(r.Topic, r.Partition))) + countIn(placed, r.Topic, r.Partition)
		placed = append(placed, r)
	}
	f.mu.Unlock()
	f.Append(placed...)
	return out, nil
}

func (f *Fake) partitionLog(topic string, p int32) []model.Record {
	parts := f.logs[topic]
	if int(p) < len(parts) {
		return parts[p]
	}
	return nil
}

func countIn(rs []model.Record, topic string, p int32) int64 {
	var n int64
	for _, r := range rs {
		if r.Topic == topic && r.Partition == p {
			n++
		}
	}
	return n
}

func (f *Fake) CreateTopic(_ context.Context, t model.NewTopic) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.topicIndex(t.Name) >= 0 {
		return fmt.Errorf("create topic %q: the topic already exists", t.Name)
	}
	parts, rf := max(int(t.Partitions), 1), max(int(t.ReplicationFactor), 1)
	f.topics = append(f.topics, Topic(t.Name, parts, rf, 0, 0))
	f.configs[t.Name] = map[string]string{}
	for k, v := range t.Configs {
		f.configs[t.Name][k] = v
	}
	return nil
}

func (f *Fake) DeleteTopic(_ context.Context, topic string) error {
	f.mu.Lock()
	i := f.topicIndex(topic)
	if i >= 0 {
		f.topics = slices.Delete(f.topics, i, i+1)
	}
	f.mu.Unlock()
	if i < 0 {
		return fmt.Errorf("delete topic %q: it does not exist", topic)
	}
	f.DeleteTopicLog(topic)
	return nil
}

func (f *Fake) SetPartitions(_ context.Context, topic string, total int) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	i := f.topicIndex(topic)
	if i < 0 {
		return fmt.Errorf("topic %q does not exist", topic)
	}
	t := &f.topics[i]
	if total <= len(t.Partitions) {
		return fmt.Errorf("set %q to %d partitions: it has %d, and Kafka cannot lower the count", topic, total, len(t.Partitions))
	}
	grown := Topic(topic, total, t.ReplicationFactor(), 0, 0)
	t.Partitions = append(t.Partitions, grown.Partitions[len(t.Partitions):]...)
	return nil
}

func (f *Fake) TopicConfigs(_ context.Context, topic string) ([]model.ConfigEntry, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.topicIndex(topic) < 0 {
		return nil, fmt.Errorf("topic %q does not exist", topic)
	}
	var out []model.ConfigEntry
	for k, v := range defaultConfigs {
		if _, set := f.configs[topic][k]; !set {
			out = append(out, model.ConfigEntry{Name: k, Value: v, Source: "default"})
		}
	}
	for k, v := range f.configs[topic] {
		out = append(out, model.ConfigEntry{Name: k, Value: v, Source: "topic"})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

func (f *Fake) SetTopicConfig(_ context.Context, topic, name string, value *string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.topicIndex(topic) < 0 {
		return fmt.Errorf("topic %q does not exist", topic)
	}
	if f.configs[topic] == nil {
		f.configs[topic] = map[string]string{}
	}
	if value == nil {
		delete(f.configs[topic], name)
		return nil
	}
	f.configs[topic][name] = *value
	return nil
}

func (f *Fake) groupIndex(name string) int {
	return slices.IndexFunc(f.groups, func(g model.Group) bool { return g.Name == name })
}

// PlanReset works like kafka.Client.PlanReset over the fake's groups: a
// partition holds [0, End).
func (f *Fake) PlanReset(_ context.Context, group, topic string, partitions []int32, target model.ResetTarget) (model.ResetPlan, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	plan := model.ResetPlan{Group: group, Target: target}
	i := f.groupIndex(group)
	if i < 0 {
		return plan, fmt.Errorf("group %q does not exist", group)
	}
	g := f.groups[i]
	if err := g.Busy(); err != nil {
		return plan, err
	}
	for _, p := range g.Partitions {
		if p.Topic != topic || len(partitions) > 0 && !slices.Contains(partitions, p.Partition) {
			continue
		}
		row := model.ResetRow{TopicPartition: p.TopicPartition, Current: p.Committed, Start: 0, End: p.End}
		row.New, row.Err = target.NewOffset(p.Committed, 0, p.End, -1)
		plan.Rows = append(plan.Rows, row)
	}
	return plan, nil
}

func (f *Fake) ApplyReset(_ context.Context, plan model.ResetPlan) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	i := f.groupIndex(plan.Group)
	if i < 0 {
		return fmt.Errorf("group %q does not exist", plan.Group)
	}
	g := &f.groups[i]
	for _, r := range plan.Rows {
		for j := range g.Partitions {
			if p := &g.Partitions[j]; p.TopicPartition == r.TopicPartition && r.Err == nil {
				p.Committed, p.Lag = r.New, r.End-r.New
			}
		}
	}
	return nil
}

func (f *Fake) DeleteGroup(_ context.Context, group string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	i := f.groupIndex(group)
	if i < 0 {
		return fmt.Errorf("group %q does not exist", group)
	}
	if len(f.groups[i].Members) > 0 {
		return fmt.Errorf("group %q has active members", group)
	}
	f.groups = slices.Delete(f.groups, i, i+1)
	return nil
}
