package kafka

import (
	"context"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kscope/kscope/kafka/clustertest"
)

// A topic described by name says its min.insync.replicas, read from its
// configs, and a topic not named (the listing of all) leaves it unknown.
func TestNamedTopicsSayTheirMinISR(t *testing.T) {
	clustertest.Each(t, func(t *testing.T, cluster *clustertest.Cluster) {
		two := "2"
		strict := cluster.Topic(t, "strict", 2, map[string]*string{"min.insync.replicas": &two})
		c := newClient(t, cluster.Addrs, 10*time.Second)
		// Both answer DescribeTopicPartitions, which alone carries ELRs.
		if !c.answers(context.Background(), kmsg.DescribeTopicPartitions) {
			t.Error("the cluster is taken not to answer DescribeTopicPartitions")
		}
		topics, err := c.Topics(context.Background(), strict)
		if err != nil {
			t.Fatal(err)
		}
		if topics[0].MinISR != 2 || len(topics[0].Partitions) != 2 || topics[0].BelowMinISR() != 0 {
			t.Errorf("%s: min ISR %d, %d partitions, %d below; want 2, 2, 0", strict, topics[0].MinISR, len(topics[0].Partitions), topics[0].BelowMinISR())
		}
		for _, p := range topics[0].Partitions {
			if len(p.ISR) != 3 || len(p.ELR) != 0 || p.Low != 0 || p.High != 0 {
				t.Errorf("partition %+v: want ISR of 3, no ELR, watermarks 0", p)
			}
		}
		all, err := c.Topics(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, tp := range all {
			if tp.MinISR != 0 {
				t.Errorf("%s listed with min ISR %d: the listing of all does not read configs", tp.Name, tp.MinISR)
			}
		}
	})
}

// A broker answers DescribeTopicPartitions 2000 partitions at a time; a
// topic of more comes back whole, in order, from its pages.
func TestANamedTopicOfManyPartitionsIsDescribedWhole(t *testing.T) {
	cluster := clustertest.Fake(t)
	big := cluster.Topic(t, "big", 2345, nil)
	c := newClient(t, cluster.Addrs, 30*time.Second)
	topics, err := c.Topics(context.Background(), big, "missing")
	if err != nil {
		t.Fatal(err)
	}
	if len(topics) != 2 || topics[0].Name != big || topics[1].Name != "missing" || topics[1].Err == nil {
		t.Fatalf("got %d topics %v; want %s and missing, with its error", len(topics), topics, big)
	}
	ps := topics[0].Partitions
	if len(ps) != 2345 {
		t.Fatalf("%d partitions described, want 2345", len(ps))
	}
	for i, p := range ps {
		if p.ID != int32(i) || p.Leader < 0 || p.High != 0 {
			t.Fatalf("partition at %d is %+v", i, p)
		}
	}
}
