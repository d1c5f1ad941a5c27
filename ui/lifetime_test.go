package ui

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kscope/kscope/kafka/kafkatest"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/uitest"
)

// hangingCluster answers until hang is set, then holds every request
// until its context ends, as a cluster that died without closing its
// connections does.
type hangingCluster struct {
	*kafkatest.Fake
	hang      atomic.Bool
	cancelled atomic.Int32 // group descriptions whose context ended
}

func (h *hangingCluster) Cluster(ctx context.Context) (model.Cluster, error) {
	if h.hang.Load() {
		<-ctx.Done()
		return model.Cluster{}, ctx.Err()
	}
	return h.Fake.Cluster(ctx)
}

func (h *hangingCluster) Groups(ctx context.Context, names ...string) ([]model.Group, error) {
	if h.hang.Load() {
		<-ctx.Done()
		h.cancelled.Add(1)
		return nil, ctx.Err()
	}
	return h.Fake.Groups(ctx, names...)
}

// A cluster that stops answering is called unreachable in the header, the
// tail and the brokers pane after one probe timeout, not after the
// client's whole request timeout (here: none at all).
func TestADeadClusterIsSeenWithinAProbe(t *testing.T) {
	fake := &hangingCluster{Fake: kafkatest.Sample()}
	fake.Append(orders(0, 3)...)
	app := New(fake, Options{Name: "test", Refresh: 20 * time.Millisecond, Now: func() time.Time { return epoch }, Location: time.UTC})
	d := uitest.Start(t, app, 140, 14)
	loaded(d)
	d.Type(":", "tail orders beginning", "enter")
	d.WaitFor("● following", "seen 3")
	fake.hang.Store(true)
	d.WaitFor("✕ unreachable, retrying", "✕ cluster unreachable; reading on when it is back")
	d.Type(":", "brokers", "enter")
	d.WaitFor("cluster unreachable: context deadline exceeded", "unknown")
	fake.hang.Store(false)
	d.WaitFor("● connected", "3 of 3 brokers up")
}

// Closing a pane cancels what it still has in flight.
func TestClosingAPaneCancelsItsRequests(t *testing.T) {
	fake := &hangingCluster{Fake: kafkatest.Sample()}
	app := New(fake, Options{Name: "test", Refresh: time.Hour, Now: func() time.Time { return epoch }, Location: time.UTC})
	d := uitest.Start(t, app, 100, 12)
	loaded(d)
	fake.hang.Store(true) // the cluster probe is done; only the groups poll will hang
	d.Type(":", "groups", "enter")
	d.WaitFor("loading groups…")
	d.Type(":", "topics", "enter")
	deadline := time.Now().Add(uitest.Patience)
	for fake.cancelled.Load() == 0 {
		if time.Now().After(deadline) {
			t.Fatal("the groups pane closed, yet its request runs on")
		}
		time.Sleep(10 * time.Millisecond) // polling a condition, bounded by the deadline
	}
}
