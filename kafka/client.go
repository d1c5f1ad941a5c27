// Package kafka is kscope's adapter to a Kafka cluster: a franz-go client
// that answers in model types, so nothing above it sees franz-go.
package kafka

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"maps"
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
// asked; a cluster that cannot say (ZooKeeper-based, kfake, or a
// principal without DESCRIBE on the cluster) keeps what Metadata said.
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
	if err != nil || resp.ErrorCode != 0 || len(resp.Topics) != 1 || len(resp.Topics[0].Partitions) != 1 {
		return fromMetadata
	}
	if p := resp.Topics[0].Partitions[0]; p.ErrorCode == 0 && p.LeaderID >= 0 {
		return p.LeaderID
	}
	return fromMetadata
}

// Topics describes the named topics, or every topic when none is named,
// with their partitions' replicas and watermarks, sorted by name. A topic
// that cannot be described (it does not exist, or access is denied) comes
// back with Err set rather than failing the whole call.
func (c *Client) Topics(ctx context.Context, names ...string) ([]model.Topic, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	md, err := c.adm.Metadata(ctx, names...)
	if isAuthorization(err) {
		md, err = c.metadataAllowed(ctx, names)
	}
	if err != nil {
		return nil, c.explain("list topics", err)
	}
	starts, ends, err := c.knownWatermarks(ctx, md.Topics)
	if err != nil {
		return nil, c.explain("list offsets", err)
	}
	topics := make([]model.Topic, 0, len(md.Topics))
	for _, td := range md.Topics {
		topics = append(topics, c.topicOf(td, starts, ends))
	}
	sort.Slice(topics, func(i, j int) bool { return topics[i].Name < topics[j].Name })
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

// metadataAllowed describes what the cluster lets kscope see when kadm
// failed a whole request because one topic was denied. Named topics are
// described one by one, so one denied topic does not hide the others.
// Listing every topic should not meet a denial (brokers leave out what
// the principal may not describe), but kgo's metadata cache can add a
// topic denied earlier: the names are then asked for afresh, uncached.
func (c *Client) metadataAllowed(ctx context.Context, names []string) (kadm.Metadata, error) {
	if len(names) == 0 {
		req := kmsg.NewPtrMetadataRequest()
		resp, err := req.RequestWith(ctx, c.kgo)
		if err != nil {
			return kadm.Metadata{}, err
		}
		for _, t := range resp.Topics {
			if t.Topic != nil && t.ErrorCode == 0 {
				names = append(names, *t.Topic)
			}
		}
		if len(names) == 0 {
			return kadm.Metadata{Topics: kadm.TopicDetails{}}, nil
		}
	}
	var md kadm.Metadata
	for _, name := range names {
		one, err := c.adm.Metadata(ctx, name)
		switch {
		case isAuthorization(err):
			one.Topics = kadm.TopicDetails{name: {Topic: name, Err: kerr.TopicAuthorizationFailed}}
		case err != nil:
			return md, err
		}
		if md.Topics == nil {
			md = one
			continue
		}
		maps.Copy(md.Topics, one.Topics)
	}
	return md, nil
}

func (c *Client) topicOf(td kadm.TopicDetail, starts, ends kadm.ListedOffsets) model.Topic {
	t := model.Topic{Name: td.Topic, Internal: td.IsInternal}
	if td.Err != nil {
		t.Err = c.topicError(td.Topic, td.Err)
		return t
	}
	for _, pd := range td.Partitions.Sorted() {
		p := model.Partition{
			ID:       pd.Partition,
			Leader:   pd.Leader,
			Replicas: pd.Replicas,
			ISR:      pd.ISR,
			Offline:  pd.OfflineReplicas,
			Low:      offsetOf(starts, td.Topic, pd.Partition),
			High:     offsetOf(ends, td.Topic, pd.Partition),
			Err:      pd.Err,
		}
		if p.Err == nil && (p.Low < 0 || p.High < 0) {
			p.Err = errors.New("watermarks unavailable")
		}
		t.Partitions = append(t.Partitions, p)
	}
	return t
}

func offsetOf(offsets kadm.ListedOffsets, topic string, partition int32) int64 {
	o, ok := offsets.Lookup(topic, partition)
	if !ok {
		return -1
	}
	return listed(o)
}
