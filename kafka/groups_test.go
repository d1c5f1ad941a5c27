package kafka

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kscope/kscope/kafka/clustertest"
	"github.com/kscope/kscope/model"
)

func TestGroupsReportExactLag(t *testing.T) {
	clustertest.Each(t, testGroupsReportExactLag)
}

func testGroupsReportExactLag(t *testing.T, cluster *clustertest.Cluster) {
	addrs := cluster.Addrs
	orders := cluster.Topic(t, "orders", 2, nil)
	other := cluster.Topic(t, "other", 1, nil)
	produce(t, addrs, orders, map[int32]int{0: 10, 1: 7})
	produce(t, addrs, other, map[int32]int{0: 4})
	billingID, liveID := clustertest.Unique("billing"), clustertest.Unique("live")

	// "billing" committed known offsets and has no members; it has never
	// committed on "other".
	admCl, err := kgo.NewClient(kgo.SeedBrokers(addrs...))
	if err != nil {
		t.Fatal(err)
	}
	defer admCl.Close()
	var offsets kadm.Offsets
	offsets.AddOffset(orders, 0, 3, -1)
	offsets.AddOffset(orders, 1, 7, -1)
	if err := kadm.NewClient(admCl).CommitAllOffsets(context.Background(), billingID, offsets); err != nil {
		t.Fatal(err)
	}

	// "live" is a real member that reads everything and commits.
	member, err := kgo.NewClient(kgo.SeedBrokers(addrs...), kgo.ConsumerGroup(liveID), kgo.ClientID("live-1"),
		kgo.ConsumeTopics(orders), kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()), kgo.DisableAutoCommit())
	if err != nil {
		t.Fatal(err)
	}
	defer member.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	for read := 0; read < 17; {
		fs := member.PollFetches(ctx)
		if err := fs.Err0(); err != nil {
			t.Fatal(err)
		}
		read += len(fs.Records())
	}
	if err := member.CommitUncommittedOffsets(ctx); err != nil {
		t.Fatal(err)
	}

	c := newClient(t, addrs, 10*time.Second)
	all, err := c.Groups(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(all, func(g model.Group) bool { return g.Name == billingID }) {
		t.Errorf("listing every group misses %s", billingID)
	}
	groups, err := c.Groups(ctx, liveID, billingID)
	if err != nil {
		t.Fatal(err)
	}
	if len(groups) != 2 || groups[0].Name != billingID || groups[1].Name != liveID {
		t.Fatalf("groups %+v", groups)
	}
	billing, live := groups[0], groups[1]
	if billing.State != "Empty" || len(billing.Members) != 0 || billing.TotalLag() != 7 || billing.MaxLag() != 7 {
		t.Errorf("billing: state %s, %d members, lag %d (max %d); want Empty, 0, 7 (7)",
			billing.State, len(billing.Members), billing.TotalLag(), billing.MaxLag())
	}
	want := []model.PartitionLag{
		{TopicPartition: model.TopicPartition{Topic: orders, Partition: 0}, Committed: 3, End: 10, Lag: 7},
		{TopicPartition: model.TopicPartition{Topic: orders, Partition: 1}, Committed: 7, End: 7, Lag: 0},
	}
	if len(billing.Partitions) != len(want) {
		t.Fatalf("billing partitions %+v", billing.Partitions)
	}
	for i, w := range want {
		p := billing.Partitions[i]
		if p.TopicPartition != w.TopicPartition || p.Committed != w.Committed || p.End != w.End || p.Lag != w.Lag || p.Member != nil {
			t.Errorf("billing partition %d = %+v, want %+v", i, p, w)
		}
	}
	if live.State != "Stable" || len(live.Members) != 1 || live.TotalLag() != 0 || live.Members[0].ClientID != "live-1" {
		t.Errorf("live: %+v", live)
	}
	for _, p := range live.Partitions {
		if p.Member == nil || p.Member.ClientID != "live-1" {
			t.Errorf("live %v has no member", p.TopicPartition)
		}
	}
	if len(live.Members[0].Assigned) != 2 {
		t.Errorf("live member assigned %v, want both orders partitions", live.Members[0].Assigned)
	}

	// Naming a group that does not exist gives it back as Dead with nothing
	// to report, as Kafka answers, rather than failing the call.
	ghost := clustertest.Unique("ghost")
	named, err := c.Groups(ctx, billingID, ghost)
	if err != nil || len(named) != 2 || named[1].Name != ghost || len(named[1].Partitions) != 0 {
		t.Errorf("named groups %+v %v", named, err)
	}
}

// A group on the KIP-848 consumer protocol, made by librdkafka: kadm's Lag
// (DescribeGroups) reported it Dead with GROUP_ID_NOT_FOUND.
func TestConsumerProtocolGroupsShowStateMembersAndLag(t *testing.T) {
	cluster := clustertest.Apache(t) // kfake does not serve ConsumerGroupHeartbeat to librdkafka
	topic := cluster.Topic(t, "kip848", 3, nil)
	produce(t, cluster.Addrs, topic, map[int32]int{0: 10, 1: 10, 2: 10})
	group := clustertest.Unique("kip848")
	clustertest.Python(t, "consumer.py", "--bootstrap", strings.Join(cluster.Addrs, ","), "--topic", topic,
		"--group", group, "--protocol", "consumer", "--client-id", "py848")
	produce(t, cluster.Addrs, topic, map[int32]int{0: 4, 2: 1})

	c := newClient(t, cluster.Addrs, 10*time.Second)
	groups, err := c.Groups(context.Background(), group)
	if err != nil {
		t.Fatal(err)
	}
	g := groups[0]
	if g.Err != nil || g.Type != "consumer" || g.State != "Stable" || len(g.Members) != 1 || g.Members[0].ClientID != "py848-0" {
		t.Fatalf("group %+v", g)
	}
	if len(g.Members[0].Assigned) != 3 || g.TotalLag() != 5 || len(g.Partitions) != 3 {
		t.Errorf("assigned %v, lag %d over %d partitions; want 3 assigned, lag 5 over 3", g.Members[0].Assigned, g.TotalLag(), len(g.Partitions))
	}
	for _, p := range g.Partitions {
		if p.Member == nil || p.Committed != 10 {
			t.Errorf("%v: committed %d, member %v", p.TopicPartition, p.Committed, p.Member)
		}
	}
	// Listing every group finds it too, with its type.
	all, err := c.Groups(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(all, func(g model.Group) bool { return g.Name == group })
	if i < 0 || all[i].Type != "consumer" || all[i].TotalLag() != 5 {
		t.Errorf("listing all groups: %+v", all)
	}
}

// Retention (here delete-records) removed records past a group's commit:
// they are lost, not lag (redpanda #30624 is this bug elsewhere).
func TestExpiredCommitsAreNotPhantomLag(t *testing.T) {
	clustertest.Each(t, func(t *testing.T, cluster *clustertest.Cluster) {
		topic := cluster.Topic(t, "retained", 1, nil)
		produce(t, cluster.Addrs, topic, map[int32]int{0: 100})
		group := clustertest.Unique("slow")
		adm := cluster.Admin(t)
		var commit, trim kadm.Offsets
		commit.AddOffset(topic, 0, 10, -1)
		trim.AddOffset(topic, 0, 50, -1)
		ctx := context.Background()
		if err := adm.CommitAllOffsets(ctx, group, commit); err != nil {
			t.Fatal(err)
		}
		if _, err := adm.DeleteRecords(ctx, trim); err != nil {
			t.Fatal(err)
		}
		c := newClient(t, cluster.Addrs, 10*time.Second)
		groups, err := c.Groups(ctx, group)
		if err != nil {
			t.Fatal(err)
		}
		p := groups[0].Partitions[0]
		if p.Committed != 10 || p.Start != 50 || p.End != 100 || p.Lag != 50 || p.Lost != 40 || !p.Expired() {
			t.Errorf("partition %+v: want committed 10, start 50, end 100, lag 50, lost 40", p)
		}
	})
}

// Reset and delete work on KIP-848 groups: refused while a member is
// there (the classic describe called such a group missing), done once it
// is empty.
func TestConsumerProtocolGroupsCanBeResetAndDeleted(t *testing.T) {
	cluster := clustertest.Apache(t)
	topic := cluster.Topic(t, "kip848w", 2, nil)
	produce(t, cluster.Addrs, topic, map[int32]int{0: 3, 1: 4})
	group := clustertest.Unique("kip848w")
	stop := clustertest.Python(t, "consumer.py", "--bootstrap", strings.Join(cluster.Addrs, ","), "--topic", topic,
		"--group", group, "--protocol", "consumer", "--client-id", "py848")
	c := newClient(t, cluster.Addrs, 10*time.Second)
	ctx := context.Background()
	if _, err := c.PlanReset(ctx, group, topic, nil, model.ResetTarget{Kind: model.ToEarliest}); !errors.Is(err, ErrGroupActive) {
		t.Errorf("reset of an active KIP-848 group: %v, want refused as active", err)
	}
	stop()
	clustertest.WaitFor(t, group+" empty", func() error {
		groups, err := c.Groups(ctx, group)
		if err == nil && (groups[0].State != "Empty" || groups[0].Type != "consumer") {
			err = fmt.Errorf("state %s, type %s", groups[0].State, groups[0].Type)
		}
		return err
	})
	plan, err := c.PlanReset(ctx, group, topic, nil, model.ResetTarget{Kind: model.ToEarliest})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.ApplyReset(ctx, plan); err != nil {
		t.Fatal(err)
	}
	groups, err := c.Groups(ctx, group)
	if err != nil || groups[0].TotalLag() != 7 {
		t.Errorf("after the reset to earliest: %v %+v, want lag 7", err, groups)
	}
	if err := c.DeleteGroup(ctx, group); err != nil {
		t.Fatal(err)
	}
	if groups, err := c.Groups(ctx, group); err != nil || groups[0].State != "Dead" {
		t.Errorf("after delete: %v %+v", err, groups)
	}
}

// How far behind in time a group is comes from the record at its commit:
// planted timestamps give it exactly.
func TestGroupsTimeBehind(t *testing.T) {
	clustertest.Each(t, func(t *testing.T, cluster *clustertest.Cluster) {
		topic := cluster.Topic(t, "behind", 2, nil)
		base := time.Now().Add(-time.Hour).Truncate(time.Millisecond)
		var recs []*kgo.Record
		for p := range int32(2) {
			for i := range 10 {
				recs = append(recs, &kgo.Record{Topic: topic, Partition: p, Value: []byte("x"), Timestamp: base.Add(time.Duration(i) * time.Minute)})
			}
		}
		produceRecords(t, cluster.Addrs, recs...)
		adm := cluster.Admin(t)
		group := clustertest.Unique("behind")
		commit := func(at0, at1 int64) {
			t.Helper()
			offsets := kadm.Offsets{}
			offsets.Add(kadm.Offset{Topic: topic, Partition: 0, At: at0})
			offsets.Add(kadm.Offset{Topic: topic, Partition: 1, At: at1})
			if _, err := adm.CommitOffsets(context.Background(), group, offsets); err != nil {
				t.Fatal(err)
			}
		}
		c := newClient(t, cluster.Addrs, 30*time.Second)
		look := func() model.Group {
			t.Helper()
			groups, err := c.Groups(context.Background(), group)
			if err != nil || len(groups) != 1 || len(groups[0].Partitions) != 2 {
				t.Fatalf("%+v, %v", groups, err)
			}
			return groups[0]
		}
		commit(4, 10) // partition 1 caught up
		g := look()
		byPartition := map[int32]model.PartitionLag{}
		for _, p := range g.Partitions {
			byPartition[p.Partition] = p
		}
		if got := byPartition[0].Oldest; got != base.Add(4*time.Minute).UnixMilli() {
			t.Errorf("partition 0: oldest unread at %d, want the record at offset 4, %d", got, base.Add(4*time.Minute).UnixMilli())
		}
		if byPartition[1].Oldest > 0 || byPartition[1].Behind(time.Now()) != 0 {
			t.Errorf("a caught-up partition is behind: %+v", byPartition[1])
		}
		now := base.Add(time.Hour)
		if got := g.Behind(now); got != 56*time.Minute {
			t.Errorf("group behind %s, want 56m", got)
		}
		// The commit moves with no budget left to fetch: the time at the
		// old commit stands in, marked as an upper bound.
		commit(7, 10)
		c.oldest.budget = -1
		if p := look().Partitions; p[0].Oldest != base.Add(4*time.Minute).UnixMilli() || !p[0].OldestStale {
			t.Errorf("with the budget spent: %+v", p[0])
		}
		// With budget, the time is read again, at the new offset.
		c.oldest.budget = 0
		if p := look().Partitions; p[0].Oldest != base.Add(7*time.Minute).UnixMilli() || p[0].OldestStale {
			t.Errorf("after the commit moved: %+v", p[0])
		}
		// Retention deletes past the commit: the oldest unread record is
		// the log's first, not one that is gone, and the group is as far
		// behind as that record's age.
		deleted := kadm.Offsets{}
		deleted.Add(kadm.Offset{Topic: topic, Partition: 0, At: 9})
		if resps, err := adm.DeleteRecords(context.Background(), deleted); err != nil || resps.Error() != nil {
			t.Fatalf("delete records: %v %v", err, resps.Error())
		}
		clustertest.WaitFor(t, "the oldest unread record past retention", func() error {
			if p := look().Partitions; p[0].Oldest != base.Add(9*time.Minute).UnixMilli() || p[0].OldestStale {
				return fmt.Errorf("partition 0: %+v", p[0])
			}
			return nil
		})
	})
}

// A KIP-848 group whose assignment the broker gives by topic ID alone
// (kfake does) is shown by topic name, with its partitions' watermarks:
// not one nameless topic holding every partition.
func TestConsumerProtocolAssignmentsAreNamed(t *testing.T) {
	clustertest.Each(t, func(t *testing.T, cluster *clustertest.Cluster) {
		topic := cluster.Topic(t, "kip848", 3, nil)
		produceRecords(t, cluster.Addrs, &kgo.Record{Topic: topic, Value: []byte("x")})
		group := clustertest.Unique("kip848-group")
		cl := cluster.Client(t, kgo.ConsumerGroup(group), kgo.ConsumeTopics(topic), kgo.Balancers(kgo.RangeBalancer()),
			kgo.ServerSideBalancer(), kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()))
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute) // against a hang
		defer cancel()
		for fs := cl.PollFetches(ctx); fs.NumRecords() == 0 && ctx.Err() == nil; fs = cl.PollFetches(ctx) {
		}
		c := newClient(t, cluster.Addrs, 30*time.Second)
		clustertest.WaitFor(t, "the group's three partitions, named", func() error {
			gs, err := c.Groups(ctx, group)
			if err != nil {
				return err
			}
			g := gs[0]
			if g.Type != "consumer" || len(g.Partitions) != 3 {
				return fmt.Errorf("%+v", g)
			}
			for _, p := range g.Partitions {
				if p.Topic != topic || p.End < 0 || p.Member == nil {
					return fmt.Errorf("partition %+v", p)
				}
			}
			return nil
		})
	})
}
