package main

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/kscope/kscope/kafka"
	"github.com/kscope/kscope/kafka/clustertest"
	"github.com/kscope/kscope/model"
)

// Stopping a node of the real cluster shows up as under-replication and a
// missing broker, and both recover when it returns. kfake never shows
// this: its ISR always equals the replicas.
func TestNodeDownShowsAsUnderReplicationUntilItReturns(t *testing.T) {
	cluster := clustertest.Disruptive(t)
	topic := cluster.Topic(t, "urp", 6, nil)
	brokers := strings.Join(cluster.Addrs, ",")
	urp := func() (int, error) {
		out, errOut, code := run(t, "", kscope, "topics", "-o", "json", "-b", brokers)
		if code != 0 {
			return 0, fmt.Errorf("exit %d: %s", code, errOut)
		}
		type listed struct {
			Name            string `json:"name"`
			UnderReplicated int    `json:"under_replicated"`
		}
		var topics []listed
		if err := json.Unmarshal([]byte(out), &topics); err != nil {
			return 0, err
		}
		i := slices.IndexFunc(topics, func(tp listed) bool { return tp.Name == topic })
		if i < 0 {
			return 0, fmt.Errorf("%s not listed", topic)
		}
		return topics[i].UnderReplicated, nil
	}

	waitURP := func(want int) {
		t.Helper()
		clustertest.WaitFor(t, fmt.Sprintf("%d partitions of %s under-replicated", want, topic), func() error {
			n, err := urp()
			if err == nil && n != want {
				err = fmt.Errorf("%d of 6 partitions under-replicated", n)
			}
			return err
		})
	}

	cluster.StopNode(t, 3)
	waitURP(6)
	// The adapter sees the shrunk ISR and the leaders moved off node 3.
	c, err := kafka.New(kafka.Config{Brokers: cluster.Addrs})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if cl, err := c.Cluster(t.Context()); err != nil || len(cl.Brokers) != 2 || slices.ContainsFunc(cl.Brokers, func(b model.Broker) bool { return b.ID == 3 }) {
		t.Errorf("with node 3 stopped the cluster lists %+v (%v)", cl.Brokers, err)
	}
	topics, err := c.Topics(t.Context(), topic)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range topics[0].Partitions {
		if p.Leader == 3 || slices.Contains(p.ISR, 3) || len(p.ISR) != 2 {
			t.Errorf("partition %d: leader %d, ISR %v; want node 3 out", p.ID, p.Leader, p.ISR)
		}
	}

	cluster.StartNode(t, 3)
	waitURP(0)
}
