package kafka

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"

	"github.com/kscope/kscope/kafka/clustertest"
	"github.com/kscope/kscope/model"
)

// tick waits for the millisecond clock to move on, so that what comes
// next has a later timestamp than what came before.
func tick() time.Time {
	start := time.Now().UnixMilli()
	for time.Now().UnixMilli() <= start+1 {
		time.Sleep(time.Millisecond)
	}
	return time.Now()
}

// A group's past positions come back from Apache Kafka's log of commits,
// and its partitions' past ends from their timestamps, so its history
// starts full: three seed times around two commits give exactly where it
// was at each.
func TestCommitLogGivesPastPositions(t *testing.T) {
	cluster := clustertest.Apache(t)
	topic := cluster.Topic(t, "seeded", 1, nil)
	group := clustertest.Unique("seeded-group")
	adm := cluster.Admin(t)
	ctx := context.Background()
	commit := func(at int64) {
		t.Helper()
		var o kadm.Offsets
		o.AddOffset(topic, 0, at, -1)
		if err := adm.CommitAllOffsets(ctx, group, o); err != nil {
			t.Fatal(err)
		}
	}
	t0 := tick()
	produce(t, cluster.Addrs, topic, map[int32]int{0: 5})
	tick()
	commit(2)
	t1 := tick()
	produce(t, cluster.Addrs, topic, map[int32]int{0: 3})
	tick()
	commit(6)
	t2 := tick()

	c := newClient(t, cluster.Addrs, 30*time.Second)
	groups, err := c.Groups(ctx, group)
	if err != nil {
		t.Fatal(err)
	}
	log, err := c.CommitLog(ctx, groups, []time.Time{t0, t1, t2})
	if err != nil {
		t.Fatal(err)
	}
	tp := model.TopicPartition{Topic: topic, Partition: 0}
	commits := log.Commits[group][tp]
	if len(commits) != 2 || commits[0].Offset != 2 || commits[1].Offset != 6 || !log.Complete {
		t.Fatalf("commits %+v, complete %v", commits, log.Complete)
	}
	if ends := log.Ends[tp]; len(ends) != 3 || ends[0] != 0 || ends[1] != 5 || ends[2] != 8 {
		t.Fatalf("ends at the seed times %v, want [0 5 8]", ends)
	}

	var h model.LagHistory
	h.Seed(groups, log)
	got := h.Group(group).Partitions[tp].Samples()
	// Before its first commit of the span the group's position is not
	// known: no sample.
	if len(got) != 2 || got[0].Committed != 2 || got[0].End != 5 || got[1].Committed != 6 || got[1].End != 8 {
		t.Fatalf("seeded samples %+v", got)
	}
}

// kfake keeps commits in memory: it has no log of commits, or, as the
// demo makes for its looks, an empty stand-in, which is no log either.
func TestCommitLogOfKfakeIsMissing(t *testing.T) {
	cluster := clustertest.Fake(t)
	c := newClient(t, cluster.Addrs, 30*time.Second)
	g := model.Group{Name: "g", Partitions: []model.PartitionLag{{TopicPartition: model.TopicPartition{Topic: "t"}}}}
	look := func() error {
		_, err := c.CommitLog(context.Background(), []model.Group{g}, []time.Time{time.Now().Add(-time.Minute)})
		return err
	}
	if err := look(); !errors.Is(err, model.ErrNoCommitLog) {
		t.Fatalf("err %v, want ErrNoCommitLog", err)
	}
	if _, err := cluster.Admin(t).CreateTopic(context.Background(), 3, 1, nil, "__consumer_offsets"); err != nil {
		t.Fatal(err)
	}
	if err := look(); !errors.Is(err, model.ErrNoCommitLog) {
		t.Fatalf("with an empty stand-in: err %v, want ErrNoCommitLog", err)
	}
}
