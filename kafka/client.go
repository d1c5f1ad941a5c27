// Package kafka is kscope's adapter to a Kafka cluster: a franz-go client
// that answers in model types, so nothing above it sees franz-go.
package kafka

import (
	"cmp"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kscope/kscope/model"
)

// DefaultTimeout bounds every request when Config.Timeout is zero.
const DefaultTimeout = 10 * time.Second

// Config says how to reach a cluster.
type Config struct {
	Brokers  []string      // seed brokers, host:port
	ClientID string        // defaults to "kscope"
	Timeout  time.Duration // per request; defaults to DefaultTimeout
	TLS      *tls.Config   // nil: plaintext
	SASL     *SASL         // nil: no authentication
	ReadOnly bool          // refuse every write, whoever asks
	// MaxInflate bounds what one fetched batch may decompress to;
	// defaults to DefaultMaxInflate.
	MaxInflate int
	// Decoder reads the formats of the records a tail brings (Avro,
	// Protobuf, ...); nil leaves them as bytes.
	Decoder model.Decoder
	// Log, when set, takes franz-go's log at debug level: connections,
	// requests, retries. It must keep secrets out itself.
	Log io.Writer
}

// DefaultMaxInflate is the most one fetched batch may decompress to. A
// few kilobytes of zeros can inflate to gigabytes; franz-go's own bound is
// 1 GiB. Legitimate batches (a megabyte compressed, a hundredfold ratio)
// stay well under it.
const DefaultMaxInflate = 128 << 20

// Client talks to one cluster. Its methods are safe for concurrent use, and
// every one gives up after the configured timeout.
type Client struct {
	base      []kgo.Opt // how to reach the cluster, for the clients tails make
	tls       bool
	sasl      *SASL
	readOnly  bool
	producers producers
	kgo       *kgo.Client
	adm       *kadm.Client
	seeds     []string
	timeout   time.Duration
	inflate   int
	decoder   model.Decoder
	dials     *dialLog
	oldest    oldestCache // the timestamps at groups' commits
	// apis are the requests a broker said it answers, by key, to its
	// highest version; asked once (see answers).
	apis struct {
		sync.Mutex
		max map[int16]int16
	}
}

// New builds a client for cfg. It does not connect: the first request does,
// so a cluster that is down now can still be reached when it comes back.
func New(cfg Config) (*Client, error) {
	seeds := cleanSeeds(cfg.Brokers)
	if len(seeds) == 0 {
		return nil, errors.New("no broker address given")
	}
	if cfg.ClientID == "" {
		cfg.ClientID = "kscope"
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.MaxInflate <= 0 {
		cfg.MaxInflate = DefaultMaxInflate
	}
	dials := new(dialLog)
	base := []kgo.Opt{
		kgo.SeedBrokers(seeds...),
		kgo.ClientID(cfg.ClientID),
		// Shorter than a request, so a dial that hangs fails with its own
		// reason before the request gives up with none.
		kgo.DialTimeout(min(cfg.Timeout/2, 5*time.Second)),
		// kadm answers metadata from kgo's cache for this long; the default
		// 5s would show a topic for seconds after the user deleted it.
		kgo.MetadataMinAge(500 * time.Millisecond),
		kgo.WithHooks(dials),
	}
	if cfg.TLS != nil {
		base = append(base, kgo.DialTLSConfig(cfg.TLS.Clone()))
	}
	if cfg.Log != nil {
		base = append(base, kgo.WithLogger(kgo.BasicLogger(cfg.Log, kgo.LogLevelDebug, func() string {
			return time.Now().UTC().Format(time.RFC3339Nano) + " franz-go "
		})))
	}
	if cfg.SASL != nil {
		mech, err := cfg.SASL.mechanism()
		if err != nil {
			return nil, err
		}
		base = append(base, kgo.SASL(mech))
	}
	cl, err := kgo.NewClient(base...)
	if err != nil {
		return nil, fmt.Errorf("broker addresses %s: %w", strings.Join(seeds, ","), err)
	}
	return &Client{
		base: base, tls: cfg.TLS != nil, sasl: cfg.SASL, readOnly: cfg.ReadOnly,
		kgo: cl, adm: kadm.NewClient(cl), seeds: seeds, timeout: cfg.Timeout, inflate: cfg.MaxInflate, decoder: cfg.Decoder, dials: dials,
	}, nil
}

// cleanSeeds splits comma-separated entries and drops blanks, so both
// "-b a,b" and repeated flags work.
func cleanSeeds(brokers []string) []string {
	var seeds []string
	for _, b := range brokers {
		for s := range strings.SplitSeq(b, ",") {
			if s = strings.TrimSpace(s); s != "" {
				seeds = append(seeds, s)
			}
		}
	}
	return seeds
}

// Close releases the client's connections.
func (c *Client) Close() {
	c.kgo.Close()
	c.producers.close()
}

// Cluster describes the cluster: its id, controller and live brokers. It
// always asks a broker: kadm's metadata calls may be answered from kgo's
// cache (with no topics asked for, indefinitely), and this call is how
// kscope learns whether the cluster is still there.
func (c *Client) Cluster(ctx context.Context) (model.Cluster, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	req := kmsg.NewPtrMetadataRequest()
	req.Topics = []kmsg.MetadataRequestTopic{} // none: keep the answer small
	resp, err := req.RequestWith(ctx, c.kgo)
	if err != nil {
		return model.Cluster{}, c.explain("describe cluster", err)
	}
	out := model.Cluster{Controller: c.activeController(ctx, resp.ControllerID)}
	if resp.ClusterID != nil {
		out.ID = *resp.ClusterID
	}
	for _, b := range resp.Brokers {
		mb := model.Broker{ID: b.NodeID, Host: b.Host, Port: b.Port}
		if b.Rack != nil {
			mb.Rack = *b.Rack
		}
		out.Brokers = append(out.Brokers, mb)
	}
	sort.Slice(out.Brokers, func(i, j int) bool { return out.Brokers[i].ID < out.Brokers[j].ID })
	return out, nil
}

// activeController is the KRaft quorum's leader, the controller that
// acts. On KRaft a Metadata response names a random live broker as the
// controller (each broker may name another), so the metadata quorum is
// asked. A cluster that cannot answer that (ZooKeeper-based, kfake) keeps
// what Metadata said; one that will not (a principal without DESCRIBE on
// the cluster) has no controller kscope can name: -1, not a random one.
func (c *Client) activeController(ctx context.Context, fromMetadata int32) int32 {
	req := kmsg.NewPtrDescribeQuorumRequest()
	topic := kmsg.NewDescribeQuorumRequestTopic()
	topic.Topic = "__cluster_metadata"
	topic.Partitions = []kmsg.DescribeQuorumRequestTopicPartition{kmsg.NewDescribeQuorumRequestTopicPartition()}
	req.Topics = []kmsg.DescribeQuorumRequestTopic{topic}
	// A refinement, not the health check Metadata just passed: it may not
	// hold that check up for long.
	ctx, cancel := context.WithTimeout(ctx, c.timeout/4)
	defer cancel()
	resp, err := req.RequestWith(ctx, c.kgo)
	switch {
	case err != nil || len(resp.Topics) != 1 && resp.ErrorCode == 0:
		return fromMetadata // not KRaft, or too old to say: Metadata's is the controller
	case resp.ErrorCode != 0:
		// A KRaft cluster that will not say (no DESCRIBE on the cluster):
		// Metadata's answer is a random broker, different each time.
		return -1
	}
	if ps := resp.Topics[0].Partitions; len(ps) == 1 && ps[0].ErrorCode == 0 && ps[0].LeaderID >= 0 {
		return ps[0].LeaderID
	}
	return -1
}

// Topics describes the named topics, or every topic when none is named,
// with their partitions' replicas and watermarks, sorted by name. A topic
// that cannot be described (it does not exist, or access is denied) comes
// back with Err set rather than failing the whole call.
//
// It asks a broker directly, not through kadm: kadm's answer is maps of
// every partition, built again for the watermarks, and on 100,000
// partitions those maps were most of the time and the memory of a poll.
// A direct request also skips kgo's metadata cache, so a poll is fresh.
// Topics named are described in full: their eligible leader replicas and
// min.insync.replicas too.
func (c *Client) Topics(ctx context.Context, names ...string) ([]model.Topic, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	describe := c.describeTopics
	if len(names) > 0 {
		describe = c.describeNamed
	}
	topics, err := describe(ctx, names)
	if err != nil {
		return nil, c.explain("list topics", err)
	}
	if err := c.fillWatermarks(ctx, topics); err != nil {
		return nil, c.explain("list offsets", err)
	}
	if slices.ContainsFunc(topics, func(t model.Topic) bool { return t.Tiered }) {
		c.fillTiered(ctx, topics)
	}
	return topics, nil
}

// askAnyBroker asks one broker for metadata, directly: through the client
// kgo would keep a copy of the answer in its cache, 40 MB on 100,000
// partitions, for as long as kscope runs.
func (c *Client) askAnyBroker(ctx context.Context, req *kmsg.MetadataRequest) (*kmsg.MetadataResponse, error) {
	resp, err := c.askAny(ctx, req)
	if err != nil {
		return nil, err
	}
	return resp.(*kmsg.MetadataResponse), nil
}

// askAny asks one broker, any that answers. Before kgo knows any broker
// it learns them from a small request through the client.
func (c *Client) askAny(ctx context.Context, req kmsg.Request) (kmsg.Response, error) {
	brokers := c.kgo.DiscoveredBrokers()
	if len(brokers) == 0 {
		// Learn the brokers from a small answer, cached at no cost. (As
		// kadm does: a cached request gives up where a direct one would
		// retry a broker that hangs up on a wrong password until the
		// deadline.)
		learn := kmsg.NewPtrMetadataRequest()
		learn.Topics = []kmsg.MetadataRequestTopic{}
		if _, err := c.kgo.RequestCachedMetadata(ctx, learn, 0); err != nil {
			return nil, err
		}
		if brokers = c.kgo.DiscoveredBrokers(); len(brokers) == 0 {
			return c.kgo.Request(ctx, req)
		}
	}
	var err error
	for _, b := range brokers {
		var resp kmsg.Response
		if resp, err = b.RetriableRequest(ctx, req); err == nil {
			return resp, nil
		}
		if ctx.Err() != nil {
			break
		}
	}
	return nil, err
}

// describeTopics asks for the named topics' metadata, or every topic's.
// A topic the principal may not describe comes back with its error when
// named, and is left out by the broker when all are asked for.
func (c *Client) describeTopics(ctx context.Context, names []string) ([]model.Topic, error) {
	req := kmsg.NewPtrMetadataRequest() // nil Topics: all of them
	for _, name := range names {
		rt := kmsg.NewMetadataRequestTopic()
		rt.Topic = kmsg.StringPtr(name)
		req.Topics = append(req.Topics, rt)
	}
	resp, err := c.askAnyBroker(ctx, req)
	if err != nil {
		return nil, err
	}
	topics := make([]model.Topic, 0, len(resp.Topics))
	for _, rt := range resp.Topics {
		if rt.Topic == nil {
			continue
		}
		t := model.Topic{Name: *rt.Topic, Internal: rt.IsInternal}
		if err := kerr.ErrorForCode(rt.ErrorCode); err != nil {
			t.Err = c.topicError(t.Name, err)
			topics = append(topics, t)
			continue
		}
		t.Partitions = make([]model.Partition, len(rt.Partitions))
		for i, rp := range rt.Partitions {
			t.Partitions[i] = model.Partition{ID: rp.Partition, Leader: rp.Leader, Replicas: rp.Replicas, ISR: rp.ISR,
				Offline: rp.OfflineReplicas, Low: -1, High: -1, Err: kerr.ErrorForCode(rp.ErrorCode)}
		}
		slices.SortFunc(t.Partitions, func(a, b model.Partition) int { return cmp.Compare(a.ID, b.ID) })
		topics = append(topics, t)
	}
	slices.SortFunc(topics, func(a, b model.Topic) int { return strings.Compare(a.Name, b.Name) })
	return topics, nil
}

// watermarks lists the start and end offsets of topics concurrently. Partial
// answers are kept (a partition whose leader is down just shows no
// watermarks); only a call that learned nothing fails.
func (c *Client) watermarks(ctx context.Context, topics []string) (starts, ends kadm.ListedOffsets, err error) {
	return bothOffsets(
		func() (kadm.ListedOffsets, error) { return c.adm.ListStartOffsets(ctx, topics...) },
		func() (kadm.ListedOffsets, error) { return c.adm.ListEndOffsets(ctx, topics...) })
}

// bothOffsets lists start and end offsets at the same time. Partial
// answers are kept; only a listing that learned nothing fails.
func bothOffsets(start, end func() (kadm.ListedOffsets, error)) (starts, ends kadm.ListedOffsets, err error) {
	var startErr, endErr error
	var wg sync.WaitGroup
	wg.Go(func() { starts, startErr = start() })
	wg.Go(func() { ends, endErr = end() })
	wg.Wait()
	if len(starts) == 0 && startErr != nil {
		return nil, nil, startErr
	}
	if len(ends) == 0 && endErr != nil {
		return nil, nil, endErr
	}
	return starts, ends, nil
}

func offsetOf(offsets kadm.ListedOffsets, topic string, partition int32) int64 {
	o, ok := offsets.Lookup(topic, partition)
	if !ok {
		return -1
	}
	return listed(o)
}
