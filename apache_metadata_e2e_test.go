package main

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/kscope/kscope/kafka"
	"github.com/kscope/kscope/kafka/clustertest"
)

// On Apache Kafka, the brokers, and each partition's leader, replicas and
// ISR that kscope's adapter reports are what kcat -L sees. The controller
// is the one place they differ on purpose: on KRaft a Metadata response
// names a random live broker (kcat's controllerid changes with the broker
// it asks), so kscope asks the metadata quorum for its leader, and every
// broker then gives the same answer.
func TestMetadataAsKcatSeesItAndTheRealController(t *testing.T) {
	needKcat(t)
	cluster := clustertest.Apache(t)
	topic := cluster.Topic(t, "meta", 5, nil)
	brokers := strings.Join(cluster.Addrs, ",")

	out, errOut, code := run(t, "", "kcat", "-L", "-J", "-b", brokers, "-t", topic)
	if code != 0 {
		t.Fatalf("kcat -L: exit %d: %s", code, errOut)
	}
	type id struct {
		ID int32 `json:"id"`
	}
	var md struct {
		Brokers []struct {
			ID   int32  `json:"id"`
			Name string `json:"name"`
		} `json:"brokers"`
		Topics []struct {
			Partitions []struct {
				Partition int32 `json:"partition"`
				Leader    int32 `json:"leader"`
				Replicas  []id  `json:"replicas"`
				ISRs      []id  `json:"isrs"`
			} `json:"partitions"`
		} `json:"topics"`
	}
	if err := json.Unmarshal([]byte(out), &md); err != nil {
		t.Fatalf("kcat -L -J: %v", err)
	}
	ids := func(xs []id) []int32 {
		out := make([]int32, len(xs))
		for i, x := range xs {
			out[i] = x.ID
		}
		return out
	}

	var controllers []int32
	for _, seed := range cluster.Addrs {
		c, err := kafka.New(kafka.Config{Brokers: []string{seed}})
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		for range 3 {
			cl, err := c.Cluster(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			controllers = append(controllers, cl.Controller)
			if len(cl.Brokers) != len(md.Brokers) {
				t.Fatalf("kscope sees brokers %+v, kcat %+v", cl.Brokers, md.Brokers)
			}
			for i, b := range cl.Brokers {
				if b.ID != md.Brokers[i].ID || b.Addr() != md.Brokers[i].Name {
					t.Errorf("broker %d: kscope %d at %s, kcat %d at %s", i, b.ID, b.Addr(), md.Brokers[i].ID, md.Brokers[i].Name)
				}
			}
		}
		topics, err := c.Topics(t.Context(), topic)
		if err != nil || len(topics[0].Partitions) != len(md.Topics[0].Partitions) {
			t.Fatalf("kscope: %v %+v", err, topics)
		}
		for i, p := range topics[0].Partitions {
			k := md.Topics[0].Partitions[i]
			if p.ID != k.Partition || p.Leader != k.Leader || !slices.Equal(p.Replicas, ids(k.Replicas)) || !slices.Equal(p.ISR, ids(k.ISRs)) {
				t.Errorf("partition %d: kscope leader %d replicas %v isr %v; kcat leader %d replicas %v isr %v",
					p.ID, p.Leader, p.Replicas, p.ISR, k.Leader, ids(k.Replicas), ids(k.ISRs))
			}
		}
	}
	for _, ctl := range controllers {
		if ctl != controllers[0] || ctl < 1 || ctl > 3 {
			t.Fatalf("the controller, asked of each broker three times: %v; want one node, the quorum's leader", controllers)
		}
	}
}
