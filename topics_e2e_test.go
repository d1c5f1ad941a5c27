package main

import (
	"crypto/rand"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kscope/kscope/kafka/clustertest"
)

// kscope topics -o json says what a topic takes on Apache Kafka's disks:
// its leader replicas, at least the records written, and all three
// replicas, three times that.
func TestTopicsSizesOnDisk(t *testing.T) {
	cluster := clustertest.Apache(t)
	topic := cluster.Topic(t, "sizes", 2, nil)
	var recs []*kgo.Record
	for range 50 {
		value := make([]byte, 200)
		_, _ = rand.Read(value) // incompressible
		recs = append(recs, &kgo.Record{Topic: topic, Value: value})
	}
	if err := cluster.Client(t).ProduceSync(t.Context(), recs...).FirstErr(); err != nil {
		t.Fatal(err)
	}
	type sized struct {
		Name     string `json:"name"`
		Size     *int64 `json:"size_bytes"`
		Replicas *int64 `json:"replicas_size_bytes"`
	}
	clustertest.WaitFor(t, "the topic sized on all replicas", func() error {
		out, errOut, code := run(t, "", kscope, "topics", "-b", strings.Join(cluster.Addrs, ","), "-o", "json")
		if code != 0 {
			return fmt.Errorf("exit %d: %s", code, errOut)
		}
		var all []sized
		if err := json.Unmarshal([]byte(out), &all); err != nil {
			return err
		}
		for _, s := range all {
			if s.Name != topic {
				continue
			}
			if s.Size == nil || *s.Size < 50*200 || s.Replicas == nil || *s.Replicas != 3**s.Size {
				return fmt.Errorf("%s: size %v, replicas %v", topic, deref(s.Size), deref(s.Replicas))
			}
			return nil
		}
		return fmt.Errorf("%s not listed", topic)
	})
}

func deref(n *int64) any {
	if n == nil {
		return nil
	}
	return *n
}
