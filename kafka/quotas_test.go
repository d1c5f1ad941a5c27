package kafka

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/kscope/kscope/kafka/clustertest"
	"github.com/kscope/kscope/model"
)

// A quota set on a user and on the default client id is listed back with
// its values, and a limit removed is gone.
func TestQuotas(t *testing.T) {
	clustertest.Each(t, func(t *testing.T, cluster *clustertest.Cluster) {
		c := newClient(t, cluster.Addrs, 30*time.Second)
		ctx := context.Background()
		user := []model.QuotaPart{{Type: "user", Name: clustertest.Unique("quota-user")}}
		if err := c.SetQuota(ctx, user, map[string]float64{"producer_byte_rate": 1 << 20, "consumer_byte_rate": 2 << 20}, nil); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			_ = c.SetQuota(context.Background(), user, nil, []string{"producer_byte_rate", "consumer_byte_rate"})
		})
		find := func() (model.Quota, bool) {
			qs, err := c.Quotas(ctx)
			if err != nil {
				t.Fatal(err)
			}
			i := slices.IndexFunc(qs, func(q model.Quota) bool { return q.EntityText() == "user="+user[0].Name })
			if i < 0 {
				return model.Quota{}, false
			}
			return qs[i], true
		}
		// Apache Kafka's brokers learn quotas from the controller, a moment
		// after the change is accepted.
		clustertest.WaitFor(t, "the quota listed", func() error {
			q, ok := find()
			if got := q.ValuesText(); !ok || got != "consumer_byte_rate=2097152 (2 MiB/s), producer_byte_rate=1048576 (1 MiB/s)" {
				return fmt.Errorf("%v %q", ok, got)
			}
			return nil
		})
		if err := c.SetQuota(ctx, user, nil, []string{"consumer_byte_rate"}); err != nil {
			t.Fatal(err)
		}
		clustertest.WaitFor(t, "one limit removed", func() error {
			if q, ok := find(); !ok || len(q.Values) != 1 {
				return fmt.Errorf("%+v %v", q, ok)
			}
			return nil
		})
	})
}
