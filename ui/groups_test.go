package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kscope/kscope/kafka/kafkatest"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/uitest"
)

// sampleGroups are groups in every kind of health, at one poll.
func sampleGroups() []model.Group {
	etl := kafkatest.Group("analytics-etl", "Empty", 0, "clickstream", [2]int64{10, 500}, [2]int64{20, 480})
	// Its oldest unread records were written 2h5m and 4m12s before now.
	etl.Partitions[0].Oldest = epoch.Add(-2*time.Hour - 5*time.Minute).UnixMilli()
	etl.Partitions[1].Oldest = epoch.Add(-4*time.Minute - 12*time.Second).UnixMilli()
	orders := kafkatest.Group("order-service", "Stable", 2, "orders", [2]int64{100, 100}, [2]int64{98, 101}, [2]int64{50, 50})
	orders.Type = "consumer"
	inventory := kafkatest.Group("inventory-sync", "PreparingRebalance", 2, "orders", [2]int64{90, 100}, [2]int64{101, 101}, [2]int64{40, 50})
	inventory.Type = "streams"
	return []model.Group{
		orders,
		etl,
		kafkatest.Group("new-service", "Stable", 1, "payments", [2]int64{-1, 40}, [2]int64{7, 9}),
		inventory,
	}
}

func startGroups(t *testing.T, fake *kafkatest.Fake, width, height int, now func() time.Time) *uitest.Driver {
	t.Helper()
	if now == nil {
		now = func() time.Time { return epoch }
	}
	app := New(fake, Options{Name: "test", Refresh: time.Hour, Now: now, Location: time.UTC})
	return uitest.Start(t, app, width, height)
}

func TestGroupsScreen(t *testing.T) {
	fake := kafkatest.Sample()
	fake.SetGroups(sampleGroups()...)
	fake.SetCommitLog(kafkatest.IdleCommitLog(sampleGroups()...))
	d := startGroups(t, fake, 120, 14, nil)
	d.Type(":", "groups", "enter")
	list := d.WaitFor("4 of 4 groups", "STOPPED")
	t.Run("list", func(t *testing.T) { uitest.Golden(t, list) })
	// Worst first: the stopped group leads.
	if i, j := strings.Index(list, "analytics-etl"), strings.Index(list, "order-service"); i < 0 || i > j {
		t.Errorf("the stopped group is not first:\n%s", list)
	}
	// Each kind of group says which it is.
	for _, row := range []string{"analytics-etl     Empty        classic", "inventory-sync    PreparingR…  streams", "order-service     Stable       consumer"} {
		if !strings.Contains(list, row) {
			t.Errorf("no row %q:\n%s", row, list)
		}
	}

	d.Type("j", "j", "j", "enter") // analytics-etl, inventory-sync, order-service, new-service
	detail := d.WaitFor("groups › new-service", "no commit")
	t.Run("detail", func(t *testing.T) { uitest.Golden(t, detail) })

	d.Type("esc")
	d.WaitFor("4 of 4 groups")
	d.Type("/", "pay", "enter")
	d.WaitFor("1 of 4 groups", "new-service", `filter: "pay"`)

	// How far behind in time, from the oldest unread record.
	d.Type("esc")
	d.WaitFor("4 of 4 groups")
	d.Type("g", "enter")
	d.WaitFor("groups › analytics-etl", "950 · 2h05m behind", "4m12s")
}

func TestConsumersOfATopic(t *testing.T) {
	fake := kafkatest.Sample()
	fake.SetGroups(sampleGroups()...)
	fake.SetCommitLog(kafkatest.IdleCommitLog(sampleGroups()...))
	d := startGroups(t, fake, 120, 12, nil)
	d.WaitFor("orders")
	d.Type("/", "orders", "enter", "c")
	s := d.WaitFor("consumers of orders", "2 of 2 groups")
	if strings.Contains(s, "analytics-etl") || !strings.Contains(s, "inventory-sync") || !strings.Contains(s, "order-service") {
		t.Errorf("consumers of orders:\n%s", s)
	}
}

// As polls come in, the verdicts follow the offsets: a group that stops
// committing while lag stays is STALLED, one whose lag grows is WARNING.
func TestGroupVerdictsFollowTheOffsets(t *testing.T) {
	var seconds atomic.Int64
	fake := kafkatest.Sample()
	poll := func(step int64) {
		fake.SetGroups(
			kafkatest.Group("stuck", "Stable", 1, "orders", [2]int64{10, 50 + step}),
			kafkatest.Group("slow", "Stable", 1, "orders", [2]int64{10 + 5*step, 50 + 10*step}),
			kafkatest.Group("fine", "Stable", 1, "orders", [2]int64{50 + 10*step, 50 + 10*step}),
		)
		seconds.Store(10 * step)
	}
	poll(0)
	app := New(fake, Options{Name: "test", Refresh: 20 * time.Millisecond, Location: time.UTC,
		Now: func() time.Time { return epoch.Add(time.Duration(seconds.Load()) * time.Second) }})
	d := uitest.Start(t, app, 120, 10)
	d.Type(":", "cg", "enter")
	d.WaitFor("3 of 3 groups")
	for step := int64(1); step <= 3; step++ {
		poll(step)
		lag := fmt.Sprint(40 + 5*step) // the slow group's lag at this step
		d.WaitUntil("slow at lag "+lag, func(s string) bool { return rowHas(s, "slow", " "+lag+" ") })
	}
	s := d.WaitUntil("verdicts", func(s string) bool {
		return rowHas(s, "stuck", "STALLED") && rowHas(s, "slow", "WARNING") && rowHas(s, "fine", "OK")
	})
	if i, j := strings.Index(s, "stuck"), strings.Index(s, "slow"); i > j {
		t.Errorf("stalled should come before falling behind:\n%s", s)
	}
	// The selection follows its group as the order changes; go to the top.
	d.Type("g", "j", "enter")
	d.WaitFor("groups › slow", "consuming 0.5/s · produced 1.0/s · falling behind at 0.5/s")
}

func rowHas(screen, name, word string) bool {
	for line := range strings.Lines(screen) {
		if f := strings.Fields(line); len(f) > 0 && f[0] == name {
			return strings.Contains(line, word)
		}
	}
	return false
}

func TestGroupDeletedWhileViewed(t *testing.T) {
	fake := kafkatest.Sample()
	fake.SetGroups(sampleGroups()...)
	fake.SetCommitLog(kafkatest.IdleCommitLog(sampleGroups()...))
	app := New(fake, Options{Name: "test", Refresh: 20 * time.Millisecond, Now: func() time.Time { return epoch }})
	d := uitest.Start(t, app, 100, 12)
	d.Type(":", "groups", "enter")
	d.WaitFor("4 of 4 groups")
	d.Type("enter")
	d.WaitFor("groups › analytics-etl")
	fake.SetGroups(sampleGroups()[:1]...)
	d.WaitFor(`group "analytics-etl" no longer exists (esc goes back)`)
	d.Type("esc")
	d.WaitFor("1 of 1 groups")
}

// A KIP-848 group says so, and a group whose commit retention overtook
// shows what it lost apart from its lag.
func TestGroupDetailShowsProtocolAndRecordsLostToRetention(t *testing.T) {
	g := model.Group{Name: "billing", State: "Empty", Type: "consumer", Protocol: "uniform",
		Partitions: []model.PartitionLag{
			model.LagAt(model.TopicPartition{Topic: "payments", Partition: 0}, 10, 50, 100),
			model.LagAt(model.TopicPartition{Topic: "payments", Partition: 1}, 70, 0, 90),
		}}
	fake := kafkatest.Sample()
	fake.SetGroups(g)
	d := startGroups(t, fake, 160, 14, nil)
	d.Type(":", "groups", "enter")
	d.WaitFor("billing")
	d.Type("enter")
	d.WaitFor("groups › billing", "consumer protocol (KIP-848)", "lag 70", "40 records lost to retention before it read them, on 1 partition")
}

// The selection follows its group when a poll reorders the rows: enter
// opens the group that was selected, not the one now in its place.
func TestGroupSelectionFollowsItsRow(t *testing.T) {
	fake := kafkatest.Sample()
	fake.SetGroups(
		kafkatest.Group("alpha", "Stable", 1, "orders", [2]int64{0, 10}),
		kafkatest.Group("beta", "Stable", 1, "orders", [2]int64{0, 5}),
	)
	app := New(fake, Options{Name: "test", Refresh: 20 * time.Millisecond, Now: func() time.Time { return epoch }, Location: time.UTC})
	d := uitest.Start(t, app, 120, 12)
	d.Type(":", "groups", "enter")
	d.WaitUntil("alpha above beta", func(s string) bool {
		i, j := strings.Index(s, "alpha"), strings.Index(s, "beta")
		return i >= 0 && j > i
	})
	d.Type("j") // beta
	fake.SetGroups(
		kafkatest.Group("alpha", "Stable", 1, "orders", [2]int64{0, 10}),
		kafkatest.Group("beta", "Stable", 1, "orders", [2]int64{0, 500}),
	)
	d.WaitUntil("beta above alpha", func(s string) bool {
		i, j := strings.Index(s, "beta"), strings.Index(s, "alpha")
		return i >= 0 && j > i
	})
	d.Type("enter")
	d.WaitFor("groups › beta")
}

// t on a partition of a group tails it from the group's committed offset:
// the record its consumer is stuck on comes first.
func TestFromAGroupToTheRecordItIsStuckOn(t *testing.T) {
	fake := kafkatest.Sample()
	fake.Append(orders(0, 30)...) // ten records a partition
	fake.SetGroups(kafkatest.Group("stuck", "Stable", 1, "orders", [2]int64{4, 10}, [2]int64{10, 10}, [2]int64{10, 10}))
	d := startGroups(t, fake, 160, 20, nil)
	d.Type(":", "groups", "enter")
	d.WaitFor("stuck")
	d.Type("enter")
	// Its partitions listed, one selected: t has a partition to tail.
	d.WaitFor("groups › stuck", "t tail", "stuck-1 /10.0.0.1")
	d.Type("t")
	s := d.WaitFor("tail orders", "seen 6")
	if !strings.Contains(s, "ord-00012") || strings.Contains(s, "ord-00009") {
		t.Errorf("the tail does not start at partition 0's committed offset 4:\n%s", s)
	}
	// The record it is stuck on is the one selected, and the tail does
	// not follow away from it; what it read is history, no rate.
	if strings.Contains(s, "● following") || !strings.Contains(s, " 0/s") {
		t.Errorf("the tail follows, or calls its backlog a rate:\n%s", s)
	}
	d.Type("enter")
	d.WaitFor("orders · partition 0 · offset 4")
}

// The group's view charts its lag and rates over the history window,
// drawn from the polls: here a group falling behind for four minutes, in
// a five-minute window.
func TestGroupChart(t *testing.T) {
	for _, size := range [][2]int{{120, 40}, {80, 30}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) { testGroupChart(t, size[0], size[1]) })
	}
}

func testGroupChart(t *testing.T, width, height int) {
	var seconds atomic.Int64
	fake := kafkatest.Sample()
	poll := func(step int64) {
		// The clock first: a poll between the two sees the old offsets
		// at the new time, a sample the next poll replaces.
		seconds.Store(30 * step)
		fake.SetGroups(kafkatest.Group("slow", "Stable", 1, "orders",
			[2]int64{1000 + 200*step + 40*step*step, 1500 + 600*step}, [2]int64{700 + 300*step, 700 + 300*step}))
	}
	poll(0)
	app := New(fake, Options{Name: "test", Refresh: 20 * time.Millisecond, Location: time.UTC, LagWindow: 5 * time.Minute,
		Now: func() time.Time { return epoch.Add(time.Duration(seconds.Load()) * time.Second) }})
	d := uitest.Start(t, app, width, height)
	d.Type(":", "cg", "enter")
	d.WaitFor("1 of 1 groups")
	d.Type("enter")
	for step := int64(1); step <= 8; step++ {
		poll(step)
		lag := model.Count(500 + 400*step - 40*step*step)
		d.WaitUntil("lag "+lag, func(s string) bool { return strings.Contains(s, "lag "+lag+" ") })
	}
	s := d.WaitFor("lag · group · last 5m0s", "updated 0s ago")
	uitest.Golden(t, s)

	d.Type("v")
	d.WaitFor("lag · orders/0 · last 5m0s")
	d.Type("v")
	s = d.WaitUntil("the chart hidden", func(s string) bool { return !strings.Contains(s, "lag ·") })
	if !strings.Contains(s, "CLIENT") {
		t.Errorf("without the chart the members show:\n%s", s)
	}
}

// On a cluster that logs its commits, a group's history starts from that
// log: a group whose commit has not moved in the whole window while its
// lag grew is STALLED at the first look, with no polls to wait for.
func TestGroupHistorySeededFromTheLogOfCommits(t *testing.T) {
	fake := kafkatest.Sample()
	fake.SetGroups(kafkatest.Group("stuck", "Stable", 1, "orders", [2]int64{50, 220}))
	fake.SetCommitLog(func(times []time.Time) model.CommitLog {
		ends := make([]int64, len(times))
		for i := range ends {
			ends[i] = 100 + 10*int64(i)
		}
		return model.CommitLog{Complete: true, Times: times,
			Ends: map[model.TopicPartition][]int64{{Topic: "orders"}: ends}}
	})
	d := startGroups(t, fake, 120, 30, nil)
	d.Type(":", "cg", "enter")
	d.WaitUntil("stuck judged STALLED", func(s string) bool { return rowHas(s, "stuck", "STALLED") })
	d.Type("enter")
	d.WaitFor("lag · group · last 15m0s", "STALLED  ▁▁▂▂▃▄▄▅▆▆▇█") // a trend drawn from the seed
}

// askedGroups is a cluster that records which groups each poll names.
type askedGroups struct {
	*kafkatest.Fake
	asked[string]
}

func (c *askedGroups) Groups(ctx context.Context, names ...string) ([]model.Group, error) {
	if len(names) > 0 {
		c.add(names)
	}
	return c.Fake.Groups(ctx, names...)
}

// asked records what each call of a fake's method named.
type asked[T any] struct {
	mu    sync.Mutex
	named [][]T
}

func (a *asked[T]) add(names []T) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.named = append(a.named, names)
}

// latest waits for a call and returns what the latest one named.
func (a *asked[T]) latest(d *uitest.Driver, what string) []T {
	var last []T
	d.WaitUntil(what, func(string) bool {
		a.mu.Lock()
		defer a.mu.Unlock()
		if len(a.named) == 0 {
			return false
		}
		last = a.named[len(a.named)-1]
		return true
	})
	return last
}

// On a cluster of many groups, each refresh describes the groups on
// screen by name, not all of them: the whole list comes at its own pace.
func TestGroupsRefreshTheGroupsOnScreen(t *testing.T) {
	fake := &askedGroups{Fake: kafkatest.Sample()}
	var gs []model.Group
	for i := range 200 {
		gs = append(gs, kafkatest.Group(fmt.Sprintf("group-%03d", i), "Empty", 0, "orders", [2]int64{5, 5}))
	}
	fake.SetGroups(gs...)
	app := New(fake, Options{Name: "test", Refresh: 20 * time.Millisecond, Now: func() time.Time { return epoch }, Location: time.UTC})
	d := uitest.Start(t, app, 120, 14)
	d.Type(":", "groups", "enter")
	d.WaitFor("200 of 200 groups", "group-000")
	last := fake.latest(d, "a refresh of the groups on screen")
	if len(last) == 0 || len(last) > 10 || last[0] != "group-000" {
		t.Errorf("a refresh named %d groups (%v), want the few on screen from group-000", len(last), last)
	}
}

// A static member shows both its member id, which the broker and its logs
// name, and the instance id that outlives it.
func TestStaticMembersShowBothIDs(t *testing.T) {
	g := kafkatest.Group("static-group", "Stable", 1, "orders", [2]int64{0, 10})
	g.Members[0].ID, g.Members[0].InstanceID = "consumer-1-4f2a", "static-1"
	fake := kafkatest.Sample()
	fake.SetGroups(g)
	d := startGroups(t, fake, 160, 20, nil)
	d.Type(":", "groups", "enter")
	d.WaitFor("static-group")
	d.Type("enter")
	d.WaitFor("consumer-1-4f2a (static static-1)")
}

// The list and a group's view share the history their polls add to: back
// from the view, the list says what the view said, at once, even before
// (here: without) a fetch of its own.
func TestTheListSaysWhatTheGroupsViewSaid(t *testing.T) {
	var seconds atomic.Int64
	fake := kafkatest.Sample()
	fake.SetGroups(kafkatest.Group("slow", "Stable", 1, "orders", [2]int64{5, 15}))
	app := New(fake, Options{Name: "test", Refresh: 20 * time.Millisecond, Location: time.UTC,
		Now: func() time.Time { return epoch.Add(time.Duration(seconds.Load()) * time.Second) }})
	d := uitest.Start(t, app, 160, 20)
	d.Type(":", "groups", "enter")
	d.WaitFor("1 of 1 groups", "judging")
	d.Type("enter")
	d.WaitFor("groups › slow")
	// The view's own polls, 30 s apart: the commit holds still.
	seconds.Store(30)
	d.WaitFor("needs more samples")
	seconds.Store(60)
	d.WaitFor("STALLED")
	fake.Fail(errors.New("the cluster went away"))
	d.Type("esc")
	d.WaitUntil("the list to say STALLED", func(s string) bool {
		return strings.Contains(s, "1 of 1 groups") && strings.Contains(s, "STALLED") && !strings.Contains(s, "judging")
	})
}
