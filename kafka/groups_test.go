package kafka

import (
	"context"
	"slices"
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
