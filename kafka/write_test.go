package kafka

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kscope/kscope/model"
)

// independent is a client of the test's own, to check what kscope did
// without kscope's code.
func independent(t *testing.T, addrs []string, opts ...kgo.Opt) (*kgo.Client, *kadm.Client) {
	t.Helper()
	cl, err := kgo.NewClient(append([]kgo.Opt{kgo.SeedBrokers(addrs...)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cl.Close)
	return cl, kadm.NewClient(cl)
}

// freshMetadata describes topics with a new client each time, so kgo's
// metadata cache cannot answer for the cluster.
func freshMetadata(t *testing.T, addrs []string, topics ...string) kadm.Metadata {
	t.Helper()
	cl, err := kgo.NewClient(kgo.SeedBrokers(addrs...))
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	md, err := kadm.NewClient(cl).Metadata(context.Background(), topics...)
	if err != nil {
		t.Fatal(err)
	}
	return md
}

func TestProduceLandsWhereItSays(t *testing.T) {
	fake := newFake(t, map[string]int32{"orders": 3})
	c := newClient(t, fake.ListenAddrs(), 5*time.Second)
	at := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	recs := []model.Record{
		{Topic: "orders", Partition: 2, Key: []byte("k"), Value: []byte(`{"a":1}`), Timestamp: at.UnixMilli(),
			Headers: []model.Header{{Key: "h", Value: []byte("1")}, {Key: "h", Value: []byte("2")}}},
		{Topic: "orders", Partition: -1, Key: []byte("by-key"), Value: nil, Timestamp: at.UnixMilli()},
	}
	got, err := c.Produce(context.Background(), recs)
	if err != nil || len(got) != 2 || got[0].Err != nil || got[1].Err != nil {
		t.Fatalf("produce: %+v %v", got, err)
	}
	if got[0].Partition != 2 || got[0].Offset != 0 {
		t.Errorf("first landed at %d@%d, want 2@0", got[0].Partition, got[0].Offset)
	}
	// Read both back through a consumer of our own, where kscope said.
	reader, _ := independent(t, fake.ListenAddrs(), kgo.ConsumePartitions(map[string]map[int32]kgo.Offset{
		"orders": {got[0].Partition: kgo.NewOffset().At(got[0].Offset), got[1].Partition: kgo.NewOffset().At(got[1].Offset)},
	}))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var read []*kgo.Record
	for len(read) < 2 {
		fs := reader.PollFetches(ctx)
		if err := fs.Err0(); err != nil {
			t.Fatal(err)
		}
		read = append(read, fs.Records()...)
	}
	for _, r := range read {
		switch string(r.Key) {
		case "k":
			if string(r.Value) != `{"a":1}` || len(r.Headers) != 2 || string(r.Headers[1].Value) != "2" || !r.Timestamp.Equal(at) {
				t.Errorf("record k read back as %+v", r)
			}
		case "by-key":
			if r.Value != nil || r.Partition != got[1].Partition || r.Offset != got[1].Offset {
				t.Errorf("tombstone read back as %+v, produce said %+v", r, got[1])
			}
		}
	}
}

func TestTopicLifecycle(t *testing.T) {
	fake := newFake(t, nil)
	c := newClient(t, fake.ListenAddrs(), 5*time.Second)
	_, adm := independent(t, fake.ListenAddrs())
	ctx := context.Background()

	err := c.CreateTopic(ctx, model.NewTopic{Name: "billing", Partitions: 4, ReplicationFactor: 2,
		Configs: map[string]string{"cleanup.policy": "compact", "retention.ms": "3600000"}})
	if err != nil {
		t.Fatal(err)
	}
	md, err := adm.Metadata(ctx, "billing")
	if err != nil || len(md.Topics["billing"].Partitions) != 4 || len(md.Topics["billing"].Partitions[0].Replicas) != 2 {
		t.Fatalf("created: %+v %v", md.Topics["billing"], err)
	}
	if err := c.CreateTopic(ctx, model.NewTopic{Name: "billing", Partitions: 1, ReplicationFactor: 1}); err == nil {
		t.Error("created a topic twice")
	}

	configs, err := c.TopicConfigs(ctx, "billing")
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]model.ConfigEntry{}
	for _, e := range configs {
		byName[e.Name] = e
	}
	if e := byName["retention.ms"]; e.Value != "3600000" || e.Source != "topic" || e.IsDefault() {
		t.Errorf("retention.ms = %+v, want 3600000 set on the topic", e)
	}

	value := "86400000"
	if err := c.SetTopicConfig(ctx, "billing", "retention.ms", &value); err != nil {
		t.Fatal(err)
	}
	rcs, err := adm.DescribeTopicConfigs(ctx, "billing")
	if err != nil {
		t.Fatal(err)
	}
	rc, _ := rcs.On("billing", nil)
	for _, cfg := range rc.Configs {
		if cfg.Key == "retention.ms" && cfg.MaybeValue() != "86400000" {
			t.Errorf("retention.ms read back as %s", cfg.MaybeValue())
		}
	}

	if err := c.SetPartitions(ctx, "billing", 6); err != nil {
		t.Fatal(err)
	}
	if md := freshMetadata(t, fake.ListenAddrs(), "billing"); len(md.Topics["billing"].Partitions) != 6 {
		t.Errorf("after adding: %d partitions", len(md.Topics["billing"].Partitions))
	}

	if err := c.DeleteTopic(ctx, "billing"); err != nil {
		t.Fatal(err)
	}
	if md := freshMetadata(t, fake.ListenAddrs(), "billing"); md.Topics["billing"].Err == nil {
		t.Error("the topic is still there")
	}
}

func TestResetOffsets(t *testing.T) {
	fake := newFake(t, map[string]int32{"orders": 2})
	addrs := fake.ListenAddrs()
	produce(t, addrs, "orders", map[int32]int{0: 10, 1: 20})
	_, adm := independent(t, addrs)
	ctx := context.Background()
	var start kadm.Offsets
	start.Add(kadm.Offset{Topic: "orders", Partition: 0, At: 8, LeaderEpoch: -1, Metadata: "app-v1"})
	start.AddOffset("orders", 1, 15, -1)
	if err := adm.CommitAllOffsets(ctx, "billing", start); err != nil {
		t.Fatal(err)
	}
	c := newClient(t, addrs, 5*time.Second)

	plan, err := c.PlanReset(ctx, "billing", "orders", nil, model.ResetTarget{Kind: model.ShiftBy, Shift: -5})
	if err != nil {
		t.Fatal(err)
	}
	want := map[int32][2]int64{0: {8, 3}, 1: {15, 10}} // current, new
	for _, r := range plan.Rows {
		if w := want[r.Partition]; r.Current != w[0] || r.New != w[1] || r.Err != nil {
			t.Errorf("plan for %d: %+v, want %v", r.Partition, r, w)
		}
	}
	// Planning changed nothing.
	if got, _ := adm.FetchOffsets(ctx, "billing"); got["orders"][0].At != 8 {
		t.Errorf("planning committed %d", got["orders"][0].At)
	}
	if err := c.ApplyReset(ctx, plan); err != nil {
		t.Fatal(err)
	}
	got, err := adm.FetchOffsets(ctx, "billing")
	if err != nil {
		t.Fatal(err)
	}
	for p, w := range want {
		if at := got["orders"][p].At; at != w[1] {
			t.Errorf("partition %d committed at %d after the reset, the preview said %d", p, at, w[1])
		}
	}
	// The application's commit metadata is kept; where there was none,
	// kscope says the commit is its own.
	if m := got["orders"][0].Metadata; m != "app-v1" {
		t.Errorf("partition 0 metadata %q after the reset, want app-v1 kept", m)
	}
	if m := got["orders"][1].Metadata; m != "kscope reset" {
		t.Errorf("partition 1 metadata %q after the reset, want kscope's marker", m)
	}

	// One partition only, to latest.
	plan, err = c.PlanReset(ctx, "billing", "orders", []int32{1}, model.ResetTarget{Kind: model.ToLatest})
	if err != nil || len(plan.Rows) != 1 || plan.Rows[0].New != 20 || plan.Rows[0].LagAfter() != 0 {
		t.Errorf("partition 1 to latest: %+v %v", plan, err)
	}

	if err := c.DeleteGroup(ctx, "billing"); err != nil {
		t.Fatal(err)
	}
	if groups, _ := adm.ListGroups(ctx); len(groups) != 0 {
		t.Errorf("groups after delete: %v", groups.Groups())
	}
}

func TestActiveGroupsAreNotReset(t *testing.T) {
	fake := newFake(t, map[string]int32{"orders": 1})
	addrs := fake.ListenAddrs()
	produce(t, addrs, "orders", map[int32]int{0: 3})
	member, _ := independent(t, addrs, kgo.ConsumerGroup("live"), kgo.ConsumeTopics("orders"), kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for read := 0; read < 3; {
		read += len(member.PollFetches(ctx).Records())
	}
	c := newClient(t, addrs, 5*time.Second)
	_, err := c.PlanReset(ctx, "live", "orders", nil, model.ResetTarget{Kind: model.ToEarliest})
	if !errors.Is(err, ErrGroupActive) || err.Error() != `group "live" has 1 active members; stop them first: the group has active members` {
		t.Errorf("plan on an active group: %v", err)
	}
	if err := c.DeleteGroup(ctx, "live"); !errors.Is(err, ErrGroupActive) {
		t.Errorf("delete an active group: %v", err)
	}
}

func TestReadOnlyRefusesEveryWrite(t *testing.T) {
	fake := newFake(t, map[string]int32{"orders": 1})
	addrs := fake.ListenAddrs()
	c, err := New(Config{Brokers: addrs, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx := context.Background()
	value := "1"
	writes := map[string]error{
		"produce":       func() error { _, err := c.Produce(ctx, []model.Record{{Topic: "orders", Partition: -1}}); return err }(),
		"create topic":  c.CreateTopic(ctx, model.NewTopic{Name: "new", Partitions: 1, ReplicationFactor: 1}),
		"delete topic":  c.DeleteTopic(ctx, "orders"),
		"partitions":    c.SetPartitions(ctx, "orders", 3),
		"config":        c.SetTopicConfig(ctx, "orders", "retention.ms", &value),
		"broker config": c.SetBrokerConfig(ctx, 0, "log.cleaner.backoff.ms", &value),
		"scram user":    c.SetSCRAMPassword(ctx, "bob", "SCRAM-SHA-512", "secret"),
		"abort txn":     c.AbortTransaction(ctx, model.TopicPartition{Topic: "orders"}, 0),
		"quota":         c.SetQuota(ctx, []model.QuotaPart{{Type: "user", Name: "bob"}}, map[string]float64{"producer_byte_rate": 1}, nil),
		"delete user":   c.DeleteSCRAMUser(ctx, "bob"),
		"create acl":    c.CreateACL(ctx, model.ACL{Principal: "User:bob", Host: "*", ResourceType: "TOPIC", ResourceName: "t", Pattern: "LITERAL", Operation: "READ", Permission: "ALLOW"}),
		"reset offsets": c.ApplyReset(ctx, model.ResetPlan{Group: "g"}),
		"delete group":  c.DeleteGroup(ctx, "g"),
	}
	for what, err := range writes {
		if !errors.Is(err, model.ErrReadOnly) {
			t.Errorf("%s in read-only mode: %v", what, err)
		}
	}
	_, adm := independent(t, addrs)
	md := freshMetadata(t, addrs)
	if _, ok := md.Topics["new"]; ok || len(md.Topics["orders"].Partitions) != 1 {
		t.Error("a read-only client changed the cluster")
	}
	if ends, _ := adm.ListEndOffsets(ctx, "orders"); ends["orders"][0].Offset != 0 {
		t.Error("a read-only client produced")
	}
}
