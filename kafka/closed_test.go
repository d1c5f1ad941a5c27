package kafka

import (
	"context"
	"testing"
	"time"

	"github.com/kscope/kscope/model"
)

// A context switch closes a client that a dialog may still use: every
// call on a closed client fails with an error, none panics. A produce to
// a named partition used to dereference a producer never made.
func TestNoCallOnAClosedClientPanics(t *testing.T) {
	fake := newFake(t, map[string]int32{"orders": 3})
	c := newClient(t, fake.ListenAddrs(), 5*time.Second)
	c.Close()
	ctx := context.Background()
	calls := map[string]func() error{
		"produce by key": func() error {
			_, err := c.Produce(ctx, []model.Record{{Topic: "orders", Partition: -1, Value: []byte("v")}})
			return err
		},
		"produce to a partition": func() error {
			res, err := c.Produce(ctx, []model.Record{{Topic: "orders", Partition: 1, Value: []byte("v")}})
			if err == nil && len(res) == 1 {
				err = res[0].Err
			}
			return err
		},
		"cluster": func() error { _, err := c.Cluster(ctx); return err },
		"topics":  func() error { _, err := c.Topics(ctx); return err },
		"groups":  func() error { _, err := c.Groups(ctx); return err },
		"tail":    func() error { _, err := c.Tail(ctx, model.TailRequest{Topic: "orders"}); return err },
		"create": func() error {
			return c.CreateTopic(ctx, model.NewTopic{Name: "x", Partitions: 1, ReplicationFactor: 1})
		},
		"delete":       func() error { return c.DeleteTopic(ctx, "orders") },
		"partitions":   func() error { return c.SetPartitions(ctx, "orders", 4) },
		"configs":      func() error { _, err := c.TopicConfigs(ctx, "orders"); return err },
		"set config":   func() error { v := "1"; return c.SetTopicConfig(ctx, "orders", "retention.ms", &v) },
		"plan reset":   func() error { _, err := c.PlanReset(ctx, "g", "orders", nil, model.ResetTarget{}); return err },
		"delete group": func() error { return c.DeleteGroup(ctx, "g") },
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if r := recover(); r != nil {
					t.Fatalf("panicked: %v", r)
				}
			}()
			if err := call(); err == nil {
				t.Error("succeeded on a closed client")
			}
		})
	}
}

// Counts a broker cannot hold are refused before anything is sent, for
// every caller: one typo must not take a broker's memory.
func TestHugeCountsAreRefusedBeforeSending(t *testing.T) {
	fake := newFake(t, map[string]int32{"orders": 3})
	c := newClient(t, fake.ListenAddrs(), 5*time.Second)
	ctx := context.Background()
	if err := c.CreateTopic(ctx, model.NewTopic{Name: "huge", Partitions: 2147483647, ReplicationFactor: 1}); err == nil ||
		err.Error() != `create topic "huge": 2147483647 partitions: want 1 to 50,000` {
		t.Errorf("create: %v", err)
	}
	if err := c.SetPartitions(ctx, "orders", 1<<30); err == nil {
		t.Error("grew a topic to a billion partitions")
	}
	if topics, _ := c.Topics(ctx); len(topics) != 1 || len(topics[0].Partitions) != 3 {
		t.Errorf("the cluster changed: %+v", topics)
	}
}
