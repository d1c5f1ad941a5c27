package kafka

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kscope/kscope/kafka/clustertest"
	"github.com/kscope/kscope/model"
)

// groupNamed describes one group, failing unless it is listed by the
// describe-all call too (which is where its type is learnt).
func groupNamed(c *Client, name string) (model.Group, error) {
	all, err := c.Groups(context.Background())
	if err != nil {
		return model.Group{}, err
	}
	for _, g := range all {
		if g.Name == name {
			return g, g.Err
		}
	}
	return model.Group{}, fmt.Errorf("group %s not listed", name)
}

func TestShareGroupsShowWhatTheyHaveNotAcknowledged(t *testing.T) {
	clustertest.Each(t, testShareGroups)
}

func testShareGroups(t *testing.T, cluster *clustertest.Cluster) {
	topic := cluster.Topic(t, "queue", 2, nil)
	produce(t, cluster.Addrs, topic, map[int32]int{0: 4, 1: 3})
	name := clustertest.Unique("share")
	// A share group starts at the end of the log unless told otherwise.
	setGroupConfig(t, cluster.Client(t), name, "share.auto.offset.reset", "earliest")
	consumer := cluster.Client(t, kgo.ShareGroup(name), kgo.ConsumeTopics(topic), kgo.ClientID("worker-1"))
	ctx, cancel := context.WithCancel(context.Background())
	var read atomic.Int64
	done := make(chan struct{})
	go func() {
		defer close(done)
		for ctx.Err() == nil {
			fs := consumer.PollFetches(ctx)
			fs.EachRecord(func(r *kgo.Record) { r.Ack(kgo.AckAccept) })
			_ = consumer.FlushAcks(ctx)
			read.Add(int64(fs.NumRecords()))
		}
	}()
	stop := func() { cancel(); <-done; consumer.Close() }
	defer func() {
		if ctx.Err() == nil {
			stop()
		}
	}()
	c := newClient(t, cluster.Addrs, 30*time.Second)

	clustertest.WaitFor(t, "the member to acknowledge all 7 records", func() error {
		g, err := groupNamed(c, name)
		if err != nil {
			return err
		}
		if g.Type != "share" || len(g.Members) != 1 || len(g.Members[0].Assigned) != 2 || len(g.Partitions) != 2 {
			return fmt.Errorf("%+v", g)
		}
		if m := g.Members[0]; m.ClientID != "worker-1" || m.Assigned[0] != (model.TopicPartition{Topic: topic, Partition: 0}) {
			return fmt.Errorf("member %+v", m)
		}
		if read.Load() != 7 || g.Partitions[0].Committed != 4 || g.Partitions[1].Committed != 3 || g.TotalLag() != 0 {
			return fmt.Errorf("read %d; %+v", read.Load(), g.Partitions)
		}
		return nil
	})
	stop()

	// Nobody consumes now: what is produced stays unacknowledged, and is
	// as old as when it was written.
	before := time.Now().Add(-time.Second)
	produce(t, cluster.Addrs, topic, map[int32]int{0: 5})
	clustertest.WaitFor(t, "5 unacknowledged records on partition 0", func() error {
		g, err := groupNamed(c, name)
		if err != nil {
			return err
		}
		p := g.Partitions[0]
		if len(g.Members) != 0 || p.Committed != 4 || p.End != 9 || p.Lag != 5 || g.TotalLag() != 5 {
			return fmt.Errorf("%+v", g)
		}
		if p.Oldest < before.UnixMilli() {
			return fmt.Errorf("oldest unacknowledged at %d, written after %d", p.Oldest, before.UnixMilli())
		}
		return nil
	})

	// A reset moves the start offsets, which share groups have instead of
	// commits: back to the beginning, all 12 records are to deliver again.
	plan, err := c.PlanReset(context.Background(), name, topic, nil, model.ResetTarget{Kind: model.ToEarliest})
	if err != nil {
		t.Fatal(err)
	}
	if r := plan.Rows[0]; r.Current != 4 || r.New != 0 {
		t.Fatalf("plan %+v", plan.Rows)
	}
	if err := c.ApplyReset(context.Background(), plan); err != nil {
		t.Fatal(err)
	}
	clustertest.WaitFor(t, "all 12 records to be unacknowledged again", func() error {
		g, err := groupNamed(c, name)
		if err != nil {
			return err
		}
		if g.TotalLag() != 12 {
			return fmt.Errorf("%+v", g.Partitions)
		}
		return nil
	})
}

// Streams groups (KIP-1071) are what Kafka Streams applications become on
// the new rebalance protocol. kfake does not speak it; Apache Kafka 4.4
// does by default. The member here is what a Streams instance sends: a
// topology of one subtopology reading the topic, and its commits.
func TestStreamsGroupsAreListedWithTheirTasksAndLag(t *testing.T) {
	cluster := clustertest.Apache(t)
	topic := cluster.Topic(t, "streams-in", 2, nil)
	produce(t, cluster.Addrs, topic, map[int32]int{0: 6, 1: 4})
	name := clustertest.Unique("streams-app")
	cl := cluster.Client(t)
	ctx := context.Background()
	co := kadm.NewClient(cl).FindGroupCoordinators(ctx, name)[name]
	if co.Err != nil {
		t.Fatal(co.Err)
	}
	broker := cl.Broker(int(co.NodeID))

	memberID, epoch := "kscope-test-streams-member-0001", int32(0)
	heartbeat := func() *kmsg.StreamsGroupHeartbeatResponse {
		req := kmsg.NewPtrStreamsGroupHeartbeatRequest()
		req.Group, req.MemberID, req.MemberEpoch = name, memberID, epoch
		if epoch == 0 {
			req.RebalanceTimeoutMillis = 30_000
			process := "process-1"
			req.ProcessID = &process
			sub := kmsg.NewStreamsGroupHeartbeatRequestTopologySubtopology()
			sub.SubtopologyID, sub.SourceTopics = "0", []string{topic}
			top := kmsg.NewStreamsGroupHeartbeatRequestTopology()
			top.Subtopologies = []kmsg.StreamsGroupHeartbeatRequestTopologySubtopology{sub}
			req.Topology = &top
			req.ActiveTasks, req.StandbyTasks, req.WarmupTasks = []kmsg.TaskIDs{}, []kmsg.TaskIDs{}, []kmsg.TaskIDs{}
		}
		resp, err := req.RequestWith(ctx, broker)
		if err != nil {
			t.Fatal(err)
		}
		if resp.ErrorCode != 0 {
			t.Fatalf("heartbeat: error %d %v", resp.ErrorCode, resp.ErrorMessage)
		}
		epoch = resp.MemberEpoch
		return resp
	}
	heartbeat()
	c := newClient(t, cluster.Addrs, 30*time.Second)
	clustertest.WaitFor(t, "the member to own both tasks", func() error {
		heartbeat()
		g, err := groupNamed(c, name)
		if err != nil {
			return err
		}
		if g.Type != "streams" || len(g.Members) != 1 || len(g.Members[0].Assigned) != 2 {
			return fmt.Errorf("%+v", g)
		}
		return nil
	})

	commit := kmsg.NewPtrOffsetCommitRequest()
	commit.Group, commit.MemberID, commit.Generation = name, memberID, epoch
	topics, err := kadm.NewClient(cl).ListTopics(ctx, topic)
	if err != nil {
		t.Fatal(err)
	}
	ct := kmsg.NewOffsetCommitRequestTopic()
	ct.Topic, ct.TopicID = topic, topics[topic].ID // v10 names topics by id
	for p, at := range map[int32]int64{0: 2, 1: 4} {
		cp := kmsg.NewOffsetCommitRequestTopicPartition()
		cp.Partition, cp.Offset = p, at
		ct.Partitions = append(ct.Partitions, cp)
	}
	commit.Topics = append(commit.Topics, ct)
	resp, err := commit.RequestWith(ctx, broker)
	if err != nil {
		t.Fatal(err)
	}
	for _, rt := range resp.Topics {
		for _, rp := range rt.Partitions {
			if rp.ErrorCode != 0 {
				t.Fatalf("commit %s/%d: error %d", rt.Topic, rp.Partition, rp.ErrorCode)
			}
		}
	}
	g, err := groupNamed(c, name)
	if err != nil {
		t.Fatal(err)
	}
	if g.State == "" || len(g.Partitions) != 2 || g.Partitions[0].Lag != 4 || g.Partitions[1].Lag != 0 || g.TotalLag() != 4 {
		t.Fatalf("%+v", g)
	}
	if g.Partitions[0].Member == nil || g.Partitions[0].Member.ID != memberID {
		t.Errorf("partition 0 is not shown as the member's task: %+v", g.Partitions[0])
	}
	// Named, it is described the same way.
	named, err := c.Groups(ctx, name)
	if err != nil || len(named) != 1 || named[0].Type != "streams" || named[0].TotalLag() != 4 {
		t.Fatalf("named: %+v %v", named, err)
	}
}

// setGroupConfig sets a group's config (KIP-848's group configs); kadm
// has no call for the GROUP resource.
func setGroupConfig(t *testing.T, cl *kgo.Client, group, name, value string) {
	t.Helper()
	req := kmsg.NewPtrIncrementalAlterConfigsRequest()
	r := kmsg.NewIncrementalAlterConfigsRequestResource()
	r.ResourceType, r.ResourceName = kmsg.ConfigResourceType(32), group // GROUP
	c := kmsg.NewIncrementalAlterConfigsRequestResourceConfig()
	c.Name, c.Value = name, &value
	r.Configs = append(r.Configs, c)
	req.Resources = append(req.Resources, r)
	resp, err := req.RequestWith(context.Background(), cl)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range resp.Resources {
		if r.ErrorCode != 0 {
			t.Fatalf("set %s of group %s: error %d %v", name, group, r.ErrorCode, r.ErrorMessage)
		}
	}
}
