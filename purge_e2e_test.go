package main

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kscope/kscope/kafka/clustertest"
)

// records delete moves each partition's log start as previewed, by
// offset and by time, on kfake and on Apache Kafka.
func TestRecordsDeleteOnBothLanes(t *testing.T) {
	clustertest.Each(t, func(t *testing.T, c *clustertest.Cluster) {
		ctx := context.Background()
		topic := c.Topic(t, "purge", 1, nil)
		base := time.Now().Add(-time.Hour).Truncate(time.Second)
		var records []*kgo.Record
		for i := range 30 {
			records = append(records, &kgo.Record{Topic: topic, Value: fmt.Appendf(nil, "v%d", i), Timestamp: base.Add(time.Duration(i) * time.Minute)})
		}
		if err := c.Client(t).ProduceSync(ctx, records...).FirstErr(); err != nil {
			t.Fatal(err)
		}
		group := clustertest.Unique("purge-readers")
		var offsets kadm.Offsets
		offsets.Add(kadm.Offset{Topic: topic, Partition: 0, At: 5, LeaderEpoch: -1})
		if err := c.Admin(t).CommitAllOffsets(ctx, group, offsets); err != nil {
			t.Fatal(err)
		}
		addr := strings.Join(c.Addrs, ",")
		ks := func(args ...string) string { t.Helper(); return kscopeOn(t, addr, args...) }
		logStart := func() int64 {
			starts, err := c.Admin(t).ListStartOffsets(ctx, topic)
			if err != nil {
				t.Fatal(err)
			}
			o, _ := starts.Lookup(topic, 0)
			return o.Offset
		}
		if out := ks("records", "delete", topic, "--to", "10"); !strings.Contains(out, "10 records go") || !strings.Contains(out, "group "+group+" has committed offset 5") || logStart() != 0 {
			t.Fatalf("the preview:\n%s\nlog start %d", out, logStart())
		}
		ks("records", "delete", topic, "--to", "10", "--execute")
		if got := logStart(); got != 10 {
			t.Errorf("log start %d after deleting to 10", got)
		}
		// The 20th record was written 20 minutes after the first: deleting
		// up to its time keeps it.
		at := base.Add(20 * time.Minute).UTC().Format(time.RFC3339)
		if out := ks("records", "delete", topic, "--to", at, "--execute"); !strings.Contains(out, "deleted 10 records") {
			t.Errorf("by time:\n%s", out)
		}
		if got := logStart(); got != 20 {
			t.Errorf("log start %d after deleting to %s, want 20", got, at)
		}
	})
}

// offsets-delete removes the commits of partitions nobody consumes, and
// leaves those a member is assigned, on kfake and on Apache Kafka.
func TestOffsetsDeleteOnBothLanes(t *testing.T) {
	clustertest.Each(t, func(t *testing.T, c *clustertest.Cluster) {
		ctx := context.Background()
		consumed, idle := c.Topic(t, "offdel-used", 1, nil), c.Topic(t, "offdel-idle", 1, nil)
		group := clustertest.Unique("offdel")
		var offsets kadm.Offsets
		for _, topic := range []string{consumed, idle} {
			offsets.Add(kadm.Offset{Topic: topic, Partition: 0, At: 0, LeaderEpoch: -1})
		}
		if err := c.Admin(t).CommitAllOffsets(ctx, group, offsets); err != nil {
			t.Fatal(err)
		}
		// A member of the group consumes one of the topics.
		member := c.Client(t, kgo.ConsumerGroup(group), kgo.ConsumeTopics(consumed))
		clustertest.WaitFor(t, "the member to be assigned its partition", func() error {
			groups, err := c.Admin(t).DescribeGroups(ctx, group)
			if err != nil {
				return err
			}
			if g := groups[group]; len(g.Members) == 0 || g.State != "Stable" {
				pollCtx, cancel := context.WithTimeout(ctx, time.Second)
				member.PollFetches(pollCtx)
				cancel()
				return fmt.Errorf("state %s, %d members", g.State, len(g.Members))
			}
			return nil
		})
		addr := strings.Join(c.Addrs, ",")
		out, errOut, code := run(t, "", kscope, "group", "offsets-delete", group, "--topic", consumed, "--execute", "-b", addr)
		if code != 1 || !strings.Contains(out, "stays: consumed by a member") || !strings.Contains(errOut, "stop its consumers first") {
			t.Errorf("the consumed topic: exit %d\n%s%s", code, out, errOut)
		}
		out, errOut, code = run(t, "", kscope, "group", "offsets-delete", group, "--topic", idle, "--execute", "-b", addr)
		if code != 0 || !strings.Contains(out, "deleted 1 committed offset") {
			t.Errorf("the idle topic: exit %d\n%s%s", code, out, errOut)
		}
		fetched, err := c.Admin(t).FetchOffsets(ctx, group)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := fetched.Lookup(idle, 0); ok {
			t.Errorf("the idle topic's commit is still there")
		}
		if _, ok := fetched.Lookup(consumed, 0); !ok {
			t.Errorf("the consumed topic's commit is gone")
		}
	})
}

// After a reassignment puts another replica first, a preferred election
// moves the leadership to it, previewed, then held: on Apache Kafka, as
// kfake does not move replicas.
func TestPreferredElectionOnBothLanes(t *testing.T) {
	clustertest.Each(t, func(t *testing.T, c *clustertest.Cluster) {
		ctx := context.Background()
		if len(c.Addrs) < 2 {
			t.Skip("one broker: no replica to prefer")
		}
		topic := c.Topic(t, "elect", 1, map[string]*string{})
		adm := c.Admin(t)
		leaderAndReplicas := func() (int32, []int32) {
			ts, err := adm.ListTopics(ctx, topic)
			if err != nil {
				t.Fatal(err)
			}
			p := ts[topic].Partitions[0]
			return p.Leader, p.Replicas
		}
		leader, replicas := leaderAndReplicas()
		if len(replicas) < 2 {
			t.Skipf("replicas %v: none other to prefer", replicas)
		}
		addr := strings.Join(c.Addrs, ",")
		if c.Real == nil {
			// kfake takes a reassignment without moving replicas: what it
			// can show is a partition its preferred replica leads.
			out, errOut, code := run(t, "", kscope, "topic", "elect", topic, "-b", addr)
			if code != 0 || !strings.Contains(out, "stays: its preferred replica leads") || !strings.Contains(out, "nothing to elect") {
				t.Errorf("exit %d\n%s%s", code, out, errOut)
			}
			return
		}
		// The same replicas, another first.
		reordered := append([]int32{}, replicas[1:]...)
		reordered = append(reordered, replicas[0])
		var req kadm.AlterPartitionAssignmentsReq
		req.Assign(topic, 0, reordered)
		if _, err := adm.AlterPartitionAssignments(ctx, req); err != nil {
			t.Fatal(err)
		}
		clustertest.WaitFor(t, "the reassignment to reorder the replicas", func() error {
			if l, rs := leaderAndReplicas(); rs[0] != reordered[0] || l != leader {
				return fmt.Errorf("leader %d, replicas %v", l, rs)
			}
			return nil
		})
		out, errOut, code := run(t, "", kscope, "topic", "elect", topic, "-b", addr)
		if code != 0 || !strings.Contains(out, fmt.Sprintf("0          %d       %d", leader, reordered[0])) || !strings.Contains(out, "1 partition would change leader") {
			t.Fatalf("the preview: exit %d\n%s%s", code, out, errOut)
		}
		if out, errOut, code = run(t, "", kscope, "topic", "elect", topic, "--execute", "-b", addr); code != 0 || !strings.Contains(out, "elected leaders of 1 partition") {
			t.Fatalf("the election: exit %d\n%s%s", code, out, errOut)
		}
		clustertest.WaitFor(t, "the preferred replica to lead", func() error {
			if l, _ := leaderAndReplicas(); l != reordered[0] {
				return fmt.Errorf("leader %d, want %d", l, reordered[0])
			}
			return nil
		})
	})
}
