package kafka

import (
	"context"
	"errors"
	"net"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kscope/kscope/kafka/clustertest"
	"github.com/kscope/kscope/model"
)

// newFake starts a 3-broker kfake cluster on loopback with the given topics
// and their partition counts.
func newFake(t *testing.T, topics map[string]int32) *kfake.Cluster {
	t.Helper()
	c, err := kfake.NewCluster(kfake.NumBrokers(3), kfake.ClusterID("test-cluster"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	for name, parts := range topics {
		if err := c.CreateTopic(name, parts, nil); err != nil {
			t.Fatal(err)
		}
	}
	return c
}

func newClient(t *testing.T, addrs []string, timeout time.Duration) *Client {
	t.Helper()
	c, err := New(Config{Brokers: addrs, Timeout: timeout})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	return c
}

// produce writes n records to each listed partition of topic.
func produce(t *testing.T, addrs []string, topic string, perPartition map[int32]int) {
	t.Helper()
	cl, err := kgo.NewClient(kgo.SeedBrokers(addrs...), kgo.RecordPartitioner(kgo.ManualPartitioner()))
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	var recs []*kgo.Record
	for p, n := range perPartition {
		for range n {
			recs = append(recs, &kgo.Record{Topic: topic, Partition: p, Value: []byte("v")})
		}
	}
	if err := cl.ProduceSync(context.Background(), recs...).FirstErr(); err != nil {
		t.Fatal(err)
	}
}

func TestClusterDescribesBrokers(t *testing.T) {
	fake := newFake(t, nil)
	c := newClient(t, fake.ListenAddrs(), 5*time.Second)
	cl, err := c.Cluster(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if cl.ID != "test-cluster" {
		t.Errorf("ID = %q, want test-cluster", cl.ID)
	}
	if len(cl.Brokers) != 3 {
		t.Fatalf("got %d brokers, want 3", len(cl.Brokers))
	}
	for i, b := range cl.Brokers {
		if b.Addr() != fake.ListenAddrs()[i] {
			t.Errorf("broker %d at %s, want %s", b.ID, b.Addr(), fake.ListenAddrs()[i])
		}
	}
	if !slices.ContainsFunc(cl.Brokers, func(b model.Broker) bool { return b.ID == cl.Controller }) {
		t.Errorf("controller %d is not among the brokers", cl.Controller)
	}
}

func TestTopicsReportPartitionsAndWatermarks(t *testing.T) {
	clustertest.Each(t, func(t *testing.T, cluster *clustertest.Cluster) {
		addrs := cluster.Addrs
		orders := cluster.Topic(t, "orders", 3, nil)
		audit := cluster.Topic(t, "audit", 1, nil)
		produce(t, addrs, orders, map[int32]int{0: 5, 2: 7})
		produce(t, addrs, audit, map[int32]int{0: 4})
		c := newClient(t, addrs, 10*time.Second)

		all, err := c.Topics(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if !slices.IsSortedFunc(all, func(a, b model.Topic) int { return strings.Compare(a.Name, b.Name) }) {
			t.Errorf("topics are not in name order")
		}
		topics, err := c.Topics(context.Background(), orders, audit)
		if err != nil {
			t.Fatal(err)
		}
		if len(topics) != 2 || topics[0].Name != audit || topics[1].Name != orders {
			t.Fatalf("got topics %+v, want audit and orders in name order", topics)
		}
		o := topics[1]
		wantHigh := []int64{5, 0, 7}
		if len(o.Partitions) != 3 {
			t.Fatalf("orders has %d partitions, want 3", len(o.Partitions))
		}
		for i, p := range o.Partitions {
			if p.ID != int32(i) || p.Low != 0 || p.High != wantHigh[i] || p.Err != nil {
				t.Errorf("partition %d = %+v, want id %d low 0 high %d", i, p, i, wantHigh[i])
			}
			if len(p.Replicas) != 3 || !slices.Contains(p.Replicas, p.Leader) || p.UnderReplicated() {
				t.Errorf("partition %d replicas %v leader %d isr %v", i, p.Replicas, p.Leader, p.ISR)
			}
		}
		if o.Messages() != 12 || topics[0].Messages() != 4 {
			t.Errorf("messages orders=%d audit=%d, want 12 and 4", o.Messages(), topics[0].Messages())
		}

		// Deleting records moves the low watermark.
		var to kadm.Offsets
		to.AddOffset(orders, 2, 3, -1)
		if _, err := cluster.Admin(t).DeleteRecords(context.Background(), to); err != nil {
			t.Fatal(err)
		}
		topics, err = c.Topics(context.Background(), orders)
		if err != nil {
			t.Fatal(err)
		}
		if p := topics[0].Partitions[2]; p.Low != 3 || p.High != 7 || p.Messages() != 4 {
			t.Errorf("after delete-records partition 2 = low %d high %d, want 3 and 7", p.Low, p.High)
		}
	})
}

func TestUnknownTopicIsReportedPerTopic(t *testing.T) {
	fake := newFake(t, map[string]int32{"orders": 1})
	c := newClient(t, fake.ListenAddrs(), 5*time.Second)
	topics, err := c.Topics(context.Background(), "orders", "nope")
	if err != nil {
		t.Fatal(err)
	}
	if len(topics) != 2 || topics[0].Name != "nope" {
		t.Fatalf("got %+v", topics)
	}
	if !errors.Is(topics[0].Err, kerr.UnknownTopicOrPartition) || !strings.Contains(topics[0].Err.Error(), `topic "nope" does not exist`) {
		t.Errorf("nope: err = %v", topics[0].Err)
	}
	if topics[1].Err != nil || len(topics[1].Partitions) != 1 {
		t.Errorf("orders should still be described: %+v", topics[1])
	}
}

func TestUnreachableClusterSaysWhy(t *testing.T) {
	// A port that was just free: nothing listens there.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()

	c := newClient(t, []string{addr}, 1500*time.Millisecond)
	start := time.Now()
	_, err = c.Topics(context.Background())
	if err == nil {
		t.Fatal("listing topics of a dead cluster succeeded")
	}
	want := "list topics: cannot reach any broker at " + addr + ": connection refused"
	if err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}
	if !errors.Is(err, syscall.ECONNREFUSED) && !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error %v lost its cause", err)
	}
	// A bound for a hang, not a speed test: refused dials fail at once,
	// and the timeout stops anything else long before this.
	if elapsed := time.Since(start); elapsed > 30*time.Second {
		t.Errorf("gave up after %s; the timeout was 1.5s", elapsed)
	}
}

func TestNewRejectsEmptyBrokers(t *testing.T) {
	if _, err := New(Config{Brokers: []string{" , "}}); err == nil {
		t.Error("New accepted no broker address")
	}
}

func TestSeedsSplitCommas(t *testing.T) {
	c := newClient(t, []string{"a:1, b:2", "c:3"}, time.Second)
	if got := strings.Join(c.seeds, " "); got != "a:1 b:2 c:3" {
		t.Errorf("seeds = %q", got)
	}
}

func TestClientRecoversWhenTheClusterReturns(t *testing.T) {
	fake := newFake(t, map[string]int32{"orders": 2})
	addrs := fake.ListenAddrs()
	var ports []int
	for _, a := range addrs {
		_, p, _ := net.SplitHostPort(a)
		port, _ := strconv.Atoi(p)
		ports = append(ports, port)
	}
	c := newClient(t, addrs, time.Second)
	if _, err := c.Topics(context.Background()); err != nil {
		t.Fatal(err)
	}

	if _, err := c.Cluster(context.Background()); err != nil {
		t.Fatal(err)
	}

	fake.Close()
	_, err := c.Topics(context.Background())
	if err == nil || !strings.Contains(err.Error(), "cannot reach any broker") {
		t.Fatalf("with the cluster down: %v", err)
	}
	// The health check must ask the cluster, not a cache: kadm's metadata
	// calls without topics are answered from kgo's cache forever.
	if _, err := c.Cluster(context.Background()); err == nil || !strings.Contains(err.Error(), "cannot reach any broker") {
		t.Fatalf("Cluster with the cluster down: %v", err)
	}

	back, err := kfake.NewCluster(kfake.Ports(ports...), kfake.SeedTopics(3, "orders"))
	if err != nil {
		t.Fatal(err)
	}
	defer back.Close()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		topics, err := c.Topics(context.Background())
		if err == nil && len(topics) == 1 && len(topics[0].Partitions) == 3 {
			return // the same client sees the new cluster
		}
		if time.Now().After(deadline) {
			t.Fatalf("never recovered: %v %+v", err, topics)
		}
		time.Sleep(50 * time.Millisecond) // polling a condition, bounded by the deadline
	}
}

func TestUnknownHostSaysSo(t *testing.T) {
	c := newClient(t, []string{"no-such-broker.invalid:9092"}, 2*time.Second)
	_, err := c.Topics(context.Background())
	want := "list topics: cannot reach any broker at no-such-broker.invalid:9092: no such host no-such-broker.invalid"
	if err == nil || err.Error() != want {
		t.Errorf("error = %v, want %q", err, want)
	}
}
