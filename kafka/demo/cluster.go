// Package demo runs kscope's embedded demo cluster: franz-go's kfake, a real
// Kafka wire-protocol broker in this process, seeded with realistic topics,
// live producers and consumer groups in different health.
package demo

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
)

// ErrListen marks a listen address that cannot be used as given.
var ErrListen = errors.New("bad listen address")

// Options shape the demo cluster. The zero value is a quiet cluster on
// loopback ephemeral ports: history and groups, but no live traffic.
type Options struct {
	// Listen is host:port for the first broker; the others take the next
	// ports. The host is also what brokers advertise, so it must be an
	// address clients can reach. Empty: 127.0.0.1 on ephemeral ports.
	Listen string
	// Advertise is the host brokers tell clients to reach them at, when
	// that is not the one they listen on: listening on 0.0.0.0 in a
	// container, the host's name. Empty: the listen host.
	Advertise string
	Brokers   int     // defaults to 3
	Seed      uint64  // same seed, same records; 0 picks one from the clock
	Rate      float64 // live traffic multiplier: 1 is about 110 records/s in all, 0 is none
}

// Cluster is a running demo cluster.
type Cluster struct {
	fake     *kfake.Cluster
	addrs    []string
	registry *registry
	connect  *http.Server
	// connectURL is where the demo's Kafka Connect worker answers.
	connectURL string
	cancel     context.CancelFunc
	wg         sync.WaitGroup
}

// Start starts the cluster, writes its history and its groups' offsets, and
// sets its producers and consumers going. They stop with Close.
func Start(opts Options) (*Cluster, error) {
	if opts.Rate < 0 {
		return nil, errors.New("demo: traffic rate must not be negative")
	}
	if opts.Brokers <= 0 {
		opts.Brokers = 3
	}
	if opts.Seed == 0 {
		opts.Seed = uint64(time.Now().UnixNano())
	}
	listen, host, port, err := listenOpts(opts.Listen, opts.Advertise, opts.Brokers)
	if err != nil {
		return nil, err
	}
	fake, err := kfake.NewCluster(append(listen,
		kfake.ClusterID("kscope-demo"),
		// Like a broker with default settings, producing to a new topic
		// creates it with one partition, so `kcat -P` works out of the box.
		kfake.AllowAutoTopicCreation(),
		kfake.DefaultNumPartitions(1),
	)...)
	if err != nil {
		return nil, fmt.Errorf("demo: start brokers: %w", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	c := &Cluster{fake: fake, addrs: fake.ListenAddrs(), cancel: cancel}
	// The registry listens where the brokers do, on the port after
	// theirs when they have fixed ones (a container publishes a range),
	// and is reached where they are advertised.
	registryPort := 0
	if port > 0 {
		registryPort = port + opts.Brokers
	}
	if c.registry, err = startRegistry(host, cmp.Or(opts.Advertise, host), registryPort); err != nil {
		c.Close()
		return nil, fmt.Errorf("demo: start the schema registry: %w", err)
	}
	connectPort := 0
	if port > 0 {
		connectPort = registryPort + 1
	}
	if c.connect, c.connectURL, err = startConnect(host, cmp.Or(opts.Advertise, host), connectPort); err != nil {
		c.Close()
		return nil, fmt.Errorf("demo: start the Connect worker: %w", err)
	}
	if err := c.seed(ctx, opts); err != nil {
		c.Close()
		return nil, fmt.Errorf("demo: %w", err)
	}
	return c, nil
}

// listenOpts binds the brokers to host on consecutive ports from port, or
// on ephemeral ports when port is 0, and says the host and first port it
// read from addr, for the registry beside them.
func listenOpts(addr, advertise string, brokers int) (opts []kfake.Opt, host string, port int, err error) {
	host = "127.0.0.1"
	if addr != "" {
		h, p, err := net.SplitHostPort(addr)
		if err != nil {
			return nil, "", 0, fmt.Errorf("demo: listen address %q: want host:port: %w", addr, ErrListen)
		}
		if port, err = strconv.Atoi(p); err != nil || port < 0 || port+brokers-1 > 65535 {
			return nil, "", 0, fmt.Errorf("demo: listen address %q: bad port: %w", addr, ErrListen)
		}
		if ip := net.ParseIP(h); (h == "" || ip != nil && ip.IsUnspecified()) && advertise == "" {
			return nil, "", 0, fmt.Errorf("demo: listen address %q: brokers advertise this host, so give one clients can reach, e.g. 127.0.0.1, or --advertise the host they reach: %w", addr, ErrListen)
		}
		host = h
	}
	opts = []kfake.Opt{
		kfake.NumBrokers(brokers),
		kfake.ListenFn(func(network, address string) (net.Listener, error) {
			_, p, _ := net.SplitHostPort(address)
			ln, err := net.Listen(network, net.JoinHostPort(host, p))
			if err != nil || advertise == "" {
				return ln, err
			}
			return advertised{ln, advertise}, nil
		}),
	}
	if port > 0 {
		ports := make([]int, brokers)
		for i := range ports {
			ports[i] = port + i
		}
		opts = append(opts, kfake.Ports(ports...))
	}
	return opts, host, port, nil
}

// advertised is a listener that says it is at the advertised host, on
// its own port: kfake tells clients the address its listener says.
type advertised struct {
	net.Listener
	host string
}

func (a advertised) Addr() net.Addr {
	_, port, _ := net.SplitHostPort(a.Listener.Addr().String())
	return advertisedAddr(net.JoinHostPort(a.host, port))
}

type advertisedAddr string

func (advertisedAddr) Network() string  { return "tcp" }
func (a advertisedAddr) String() string { return string(a) }

// Addrs are the brokers' host:port addresses; any one bootstraps a client.
func (c *Cluster) Addrs() []string { return c.addrs }

// RegistryURL is where the demo's schema registry answers.
func (c *Cluster) RegistryURL() string { return c.registry.addr }

// ConnectURL is where the demo's Kafka Connect worker answers.
func (c *Cluster) ConnectURL() string { return c.connectURL }

// Close stops the traffic, the registry, the Connect worker and the
// brokers.
func (c *Cluster) Close() {
	c.cancel()
	c.wg.Wait()
	if c.connect != nil {
		c.connect.Close()
	}
	if c.registry != nil {
		c.registry.close()
	}
	c.fake.Close()
}

// seed creates the topics, writes their history, then starts live traffic
// and the consumer groups.
func (c *Cluster) seed(ctx context.Context, opts Options) error {
	for _, t := range append([]topic{offsetsTopic}, topics...) {
		if err := c.fake.CreateTopic(t.name, t.partitions, t.configs); err != nil {
			return fmt.Errorf("create topic %s: %w", t.name, err)
		}
	}
	producer, err := kgo.NewClient(kgo.SeedBrokers(c.addrs...), kgo.ProducerLinger(20*time.Millisecond))
	if err != nil {
		return err
	}
	codecs, err := registerSchemas(c.registry)
	if err != nil {
		producer.Close()
		return err
	}
	gens := make([]*gen, len(topics))
	for i := range topics {
		gens[i] = &gen{rnd: rand.New(rand.NewPCG(opts.Seed, uint64(i))), codecs: codecs}
	}
	if err := writeHistory(ctx, producer, gens, time.Now()); err != nil {
		producer.Close()
		return fmt.Errorf("write history: %w", err)
	}
	if err := c.startGroups(ctx, opts); err != nil {
		producer.Close()
		return err
	}
	c.wg.Go(func() {
		defer producer.Close()
		produceLive(ctx, producer, gens, opts.Rate)
	})
	return nil
}
