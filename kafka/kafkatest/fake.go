// Package kafkatest is an in-memory stand-in for the kafka adapter, with
// answers and failures a test sets, so panes can be tested without a broker.
package kafkatest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/kscope/kscope/model"
)

// Fake answers like kafka.Client, from what was set on it. It is safe for
// concurrent use, as commands run on their own goroutines.
type Fake struct {
	mu      sync.Mutex
	cluster model.Cluster
	topics  []model.Topic
	err     error
	groups  []model.Group
	acls    []model.ACL
	txns    []model.Transaction
	prods   []model.Producer
	quotas  []model.Quota
	users   []model.SCRAMUser
	commits func(times []time.Time) model.CommitLog // nil: no log of commits
	configs map[string]map[string]string
	logs    map[string][][]model.Record // topic, partition, offset
	grew    chan struct{}               // closed when a log grows
	ends    map[string][]model.TxnEnd   // transaction markers, by topic
	refuse  map[model.TopicPartition]*Refusal
	// principal is who the cluster takes the client for; "" unknown.
	principal string
	// keyPartition is where a key is written, for a tail's KeyOf; nil:
	// a tail by key reads every partition.
	keyPartition func(key []byte, partitions int) int32
	features     []model.Feature
	quorum       *model.Quorum // nil: none, as kfake
	// decoder reads the records tails hand out, as kafka.Config.Decoder
	// does; nil: none.
	decoder model.Decoder
	// moving are the partitions being reassigned, throttle the
	// replication throttle in place.
	moving   []model.Moving
	throttle model.Throttle
}

// SetKeyPartitioner makes a tail's KeyOf read only the partition partition
// names for the key, as kafka.Client does with Kafka's default
// partitioner (pass kafka.KeyPartition for the same answer).
func (f *Fake) SetKeyPartitioner(partition func(key []byte, partitions int) int32) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.keyPartition = partition
}

// SetDecoder makes tails that are not raw hand their records through d, as
// kafka.Client does with its Config.Decoder: a masking policy, say.
func (f *Fake) SetDecoder(d model.Decoder) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.decoder = d
}

// SetPrincipal sets who the fake says the client is, as kafka.Client
// knows it for a SASL user.
func (f *Fake) SetPrincipal(p string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.principal = p
}

// Principal is who the client is: see SetPrincipal.
func (f *Fake) Principal() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.principal
}

// New returns a fake cluster with the given metadata and topics.
func New(cluster model.Cluster, topics ...model.Topic) *Fake {
	return &Fake{cluster: cluster, topics: topics, configs: map[string]map[string]string{}, logs: map[string][][]model.Record{}, ends: map[string][]model.TxnEnd{}, grew: make(chan struct{})}
}

// SetCluster replaces the cluster metadata.
func (f *Fake) SetCluster(c model.Cluster) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.cluster = c
}

// SetTopics replaces the topics.
func (f *Fake) SetTopics(ts ...model.Topic) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.topics = ts
}

// Fail makes every call fail with err until Fail(nil).
func (f *Fake) Fail(err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.err = err
}

func (f *Fake) Cluster(context.Context) (model.Cluster, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return model.Cluster{}, f.err
	}
	return f.cluster, nil
}

// Topics answers like kafka.Client.Topics: all topics by name, or the named
// ones, an unknown name coming back with Err set.
func (f *Fake) Topics(_ context.Context, names ...string) ([]model.Topic, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return nil, f.err
	}
	if len(names) == 0 {
		out := make([]model.Topic, len(f.topics))
		for i, t := range f.topics {
			out[i] = described(t)
			out[i].MinISR = 0 // as the adapter: only topics named have it
		}
		slices.SortFunc(out, func(a, b model.Topic) int { return strings.Compare(a.Name, b.Name) })
		return out, nil
	}
	var out []model.Topic
	for _, n := range names {
		i := slices.IndexFunc(f.topics, func(t model.Topic) bool { return t.Name == n })
		if i < 0 {
			out = append(out, model.Topic{Name: n, Err: model.NoSuchTopic(n)})
			continue
		}
		out = append(out, described(f.topics[i]))
	}
	return out, nil
}

// Watermarks gives t's partitions the watermarks the fake has for them
// now, as the adapter's Watermarks does.
func (f *Fake) Watermarks(_ context.Context, t model.Topic) (model.Topic, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return t, f.err
	}
	i := slices.IndexFunc(f.topics, func(have model.Topic) bool { return have.Name == t.Name })
	if i < 0 {
		return t, fmt.Errorf("topic %q does not exist", t.Name)
	}
	t.Partitions = slices.Clone(t.Partitions)
	for j := range t.Partitions {
		if have := f.topics[i].Partition(t.Partitions[j].ID); have != nil {
			t.Partitions[j].Low, t.Partitions[j].High = have.Low, have.High
		}
	}
	return t, nil
}

// described is a topic as a describe returns it: its own partitions, as a
// real client's answer has, which a caller may fill in (sizes) without
// touching the fake's or an earlier answer's.
func described(t model.Topic) model.Topic {
	t.Partitions = slices.Clone(t.Partitions)
	return t
}
