package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
)

// health is how a demo consumer group behaves.
type health int

const (
	keepsUp     health = iota // consumes everything as it arrives
	fallsBehind               // consumes slower than its topic is written
	stopped                   // committed offsets long ago, has no members now
	rebalancing               // keeps up, but a member leaves and joins now and then
	queue                     // a share group (KIP-932): members share partitions, acknowledging each record
)

type group struct {
	name   string
	topic  string
	health health
	// nextGen joins with the KIP-848 consumer protocol: the broker
	// assigns the partitions, as Kafka 4 groups do.
	nextGen bool
}

var groups = []group{
	{"order-service", "orders", keepsUp, false},
	{"payment-reconciler", "payments", fallsBehind, false},
	{"analytics-etl", "clickstream", stopped, false},
	{"inventory-sync", "inventory.updates", rebalancing, false},
	{"audit-archiver", "audit.log", keepsUp, false},
	{"sensor-alerts", "sensor.readings", keepsUp, true},
	{"email-workers", "orders", queue, false},
}

// Where a group that is not keeping up had got to when the demo starts, as
// a fraction of each partition's history.
const (
	stoppedAt = 0.5
	behindAt  = 0.9
	// behindPace is how fast a falling-behind group consumes, relative to
	// its topic's write rate.
	behindPace = 0.6
	// churnEvery is the mean pause between a rebalancing group's member swaps.
	churnEvery = 25 * time.Second
)

// startGroups commits the starting offsets of the groups that are behind,
// then starts every group's members.
func (c *Cluster) startGroups(ctx context.Context, opts Options) error {
	adm, err := kgo.NewClient(kgo.SeedBrokers(c.addrs...))
	if err != nil {
		return err
	}
	defer adm.Close()
	for _, g := range groups {
		switch g.health {
		case stopped:
			err = commitFraction(ctx, kadm.NewClient(adm), g, stoppedAt)
		case fallsBehind:
			err = commitFraction(ctx, kadm.NewClient(adm), g, behindAt)
		}
		if err != nil {
			return fmt.Errorf("group %s: %w", g.name, err)
		}
	}
	churn := rand.New(rand.NewPCG(opts.Seed, uint64(len(topics))))
	for _, g := range groups {
		switch g.health {
		case keepsUp:
			c.member(ctx, g, unpaced)
		case fallsBehind:
			// One paced member per partition, like a service with as many
			// instances: a lone member taking a few records at a time
			// drains one broker's fetches and starves the others.
			n := partitionsOf(g.topic)
			for range n {
				c.member(ctx, g, rateOf(g.topic)*opts.Rate*behindPace/float64(n))
			}
		case rebalancing:
			c.wg.Go(func() { c.churn(ctx, g, churn) })
		case queue:
			c.shareMember(ctx, g)
			c.shareMember(ctx, g)
		}
	}
	return nil
}

// commitFraction commits, for every partition of the group's topic, the
// offset the given fraction of the way through what it holds.
func commitFraction(ctx context.Context, adm *kadm.Client, g group, fraction float64) error {
	ends, err := adm.ListEndOffsets(ctx, g.topic)
	if err != nil {
		return err
	}
	var offsets kadm.Offsets
	ends.Each(func(o kadm.ListedOffset) {
		offsets.AddOffset(o.Topic, o.Partition, int64(float64(o.Offset)*fraction), -1)
	})
	return adm.CommitAllOffsets(ctx, g.name, offsets)
}

// unpaced is the pace of a member that reads records as fast as they come.
const unpaced = -1

// member runs one group member until ctx ends. It consumes at pace records
// per second, or as fast as records come when pace is unpaced.
func (c *Cluster) member(ctx context.Context, g group, pace float64) {
	opts := []kgo.Opt{
		kgo.SeedBrokers(c.addrs...),
		kgo.ClientID(g.name),
		kgo.ConsumerGroup(g.name),
		kgo.ConsumeTopics(g.topic),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()),
		kgo.AutoCommitInterval(time.Second),
	}
	if g.nextGen {
		opts = append(opts, kgo.Balancers(kgo.RangeBalancer()), kgo.ServerSideBalancer())
	}
	cl, err := kgo.NewClient(opts...)
	if err != nil {
		return // only bad options fail here, and these are fixed
	}
	c.wg.Go(func() {
		defer cl.Close()
		if pace == unpaced {
			for ctx.Err() == nil {
				cl.PollFetches(ctx)
			}
			return
		}
		consumePaced(ctx, cl, pace)
	})
}

// shareMember runs one member of a share group until ctx ends: it reads
// what the broker hands it, which the next poll acknowledges.
func (c *Cluster) shareMember(ctx context.Context, g group) {
	cl, err := kgo.NewClient(
		kgo.SeedBrokers(c.addrs...),
		kgo.ClientID(g.name),
		kgo.ShareGroup(g.name),
		kgo.ConsumeTopics(g.topic),
	)
	if err != nil {
		return // only bad options fail here, and these are fixed
	}
	c.wg.Go(func() {
		defer cl.Close()
		for ctx.Err() == nil {
			cl.PollFetches(ctx)
		}
	})
}

// consumePaced takes at most pace records a second. Credit it could not
// spend (nothing to read) is capped, so a quiet spell is not followed by a
// burst that catches up.
func consumePaced(ctx context.Context, cl *kgo.Client, pace float64) {
	const tick = 250 * time.Millisecond
	perTick := pace * tick.Seconds()
	ticker := time.NewTicker(tick)
	defer ticker.Stop()
	owed := 0.0
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
		owed = min(owed+perTick, 4*perTick)
		if owed < 1 {
			continue
		}
		pollCtx, cancel := context.WithTimeout(ctx, tick)
		owed -= float64(len(cl.PollRecords(pollCtx, int(owed)).Records()))
		cancel()
	}
}

// churn keeps two members in the group and, every so often, swaps one for a
// new member, so the group rebalances.
func (c *Cluster) churn(ctx context.Context, g group, rnd *rand.Rand) {
	var stops []context.CancelFunc
	join := func() {
		mctx, stop := context.WithCancel(ctx)
		stops = append(stops, stop)
		c.member(mctx, g, unpaced)
	}
	join()
	join()
	for {
		pause := churnEvery/2 + time.Duration(rnd.Int64N(int64(churnEvery)))
		select {
		case <-ctx.Done():
			return
		case <-time.After(pause):
		}
		stops[0]()
		stops = stops[1:]
		join()
	}
}

func rateOf(name string) float64 { return topicNamed(name).rate }

func partitionsOf(name string) int { return int(topicNamed(name).partitions) }

func topicNamed(name string) topic {
	for _, t := range topics {
		if t.name == name {
			return t
		}
	}
	return topic{}
}
