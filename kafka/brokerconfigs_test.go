package kafka

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/kscope/kscope/kafka/clustertest"
	"github.com/kscope/kscope/model"
)

// A broker's configs come with their source and whether they can change
// while it runs; a dynamic one set for the broker reads back as the
// broker's own, and removed falls back.
func TestBrokerConfigs(t *testing.T) {
	clustertest.Each(t, func(t *testing.T, cluster *clustertest.Cluster) {
		c := newClient(t, cluster.Addrs, 30*time.Second)
		ctx := context.Background()
		entry := func(name string) (model.ConfigEntry, error) {
			entries, err := c.BrokerConfigs(ctx, 1)
			if err != nil {
				return model.ConfigEntry{}, err
			}
			for _, e := range entries {
				if e.Name == name {
					return e, nil
				}
			}
			return model.ConfigEntry{}, fmt.Errorf("broker 1 has no %s among %d configs", name, len(entries))
		}
		if cluster.Real != nil {
			// kfake answers for few configs, and says none is read-only.
			if e, err := entry("node.id"); err != nil || !e.ReadOnly || e.Value != "1" {
				t.Errorf("node.id: %+v %v", e, err)
			}
		}
		value := "20000"
		if err := c.SetBrokerConfig(ctx, 1, "log.cleaner.backoff.ms", &value); err != nil {
			t.Fatal(err)
		}
		clustertest.WaitFor(t, "the broker's own value", func() error {
			e, err := entry("log.cleaner.backoff.ms")
			if err == nil && (e.Value != "20000" || e.Source != "broker") {
				err = fmt.Errorf("%+v", e)
			}
			return err
		})
		if err := c.SetBrokerConfig(ctx, 1, "log.cleaner.backoff.ms", nil); err != nil {
			t.Fatal(err)
		}
		clustertest.WaitFor(t, "the value removed", func() error {
			e, err := entry("log.cleaner.backoff.ms")
			if err == nil && e.Source == "broker" {
				err = fmt.Errorf("%+v", e)
			}
			return err
		})
	})
}
