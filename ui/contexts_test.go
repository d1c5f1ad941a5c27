package ui

import (
	"errors"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kscope/kscope/kafka/kafkatest"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/uitest"
)

// twoClusters switches between the sample cluster and a small read-only one.
type twoClusters struct {
	released atomic.Int32
}

func (c *twoClusters) List() ([]ContextInfo, string, error) {
	return []ContextInfo{{Name: "prod", Brokers: []string{"prod-7:9093"}, ReadOnly: true}, {Name: "staging", Brokers: []string{"stg-1:9092", "stg-2:9092"}}}, "staging", nil
}

func (c *twoClusters) Switch(name string) (Connection, error) {
	if name != "prod" {
		return Connection{}, errors.New(`context "` + name + `" is not in config.yaml; it has: prod, staging`)
	}
	prod := kafkatest.New(model.Cluster{ID: "prod", Controller: 7, Brokers: []model.Broker{{ID: 7, Host: "prod-7", Port: 9093}}},
		kafkatest.Topic("ledger", 24, 3, 0, 5))
	prod.SetGroups(kafkatest.Group("order-service", "Stable", 1, "ledger", [2]int64{1, 5}))
	return Connection{Client: prod, Name: "prod", ReadOnly: true, Close: func() {}}, nil
}

func TestSwitchingContexts(t *testing.T) {
	clusters := &twoClusters{}
	app := New(kafkatest.Sample(), Options{
		Name: "staging", Refresh: 20 * time.Millisecond, Now: func() time.Time { return epoch },
		Contexts: clusters, Release: func() { clusters.released.Add(1) },
	})
	d := uitest.Start(t, app, 110, 12)
	d.WaitFor("● connected", "orders")

	d.Type(":", "ctx", "enter")
	s := d.WaitFor("CONTEXT", "BROKERS")
	if !regexp.MustCompile(`prod\s+prod-7:9093\s+read-only`).MatchString(s) || !regexp.MustCompile(`\*\s+staging\s+stg-1:9092,stg-2:9092\s+writes`).MatchString(s) {
		t.Errorf(":ctx does not list the contexts with their brokers and mode:\n%s", s)
	}
	d.Type("esc")
	d.WaitUntil("the list to close", func(s string) bool { return !strings.Contains(s, "CONTEXT") })

	d.Type(":", "ctx nope", "enter")
	d.WaitFor(`context "nope" is not in config.yaml; it has: prod, staging`)
	if !strings.Contains(d.Screen(), "orders") {
		t.Fatal("a failed switch left the current cluster")
	}

	// Picked from the list: the cursor starts on the context in use.
	d.Type(":", "ctx", "enter")
	d.WaitFor("CONTEXT")
	d.Type("up", "enter")
	s = d.WaitFor("READ-ONLY", "ledger", "controller 7", "brokers 1/1")
	if strings.Contains(s, "orders") || strings.Contains(s, "brokers 3/3") {
		t.Errorf("the old cluster shows through:\n%s", s)
	}
	d.WaitUntil("the old client released", func(string) bool { return clusters.released.Load() == 1 })
}

func TestNoConfigNoContexts(t *testing.T) {
	d := start(t, kafkatest.Sample(), 100, 10)
	loaded(d)
	d.Type(":", "ctx", "enter")
	d.WaitFor("contexts need a config file; kscope config example shows one")
}

// A switch of cluster starts the lag history afresh: a group of the same
// name on the new cluster is another group, with no trend yet.
func TestSwitchingContextsForgetsLagHistory(t *testing.T) {
	staging := kafkatest.Sample()
	staging.SetGroups(sampleGroups()...)
	staging.SetCommitLog(kafkatest.IdleCommitLog(sampleGroups()...))
	var tick atomic.Int64 // every poll a second after the one before
	app := New(staging, Options{
		Name: "staging", Refresh: time.Hour, Contexts: &twoClusters{},
		Now: func() time.Time { return epoch.Add(time.Duration(tick.Add(1)) * time.Second) },
	})
	d := uitest.Start(t, app, 120, 12)
	d.WaitFor("● connected")
	for range 3 { // each opening polls once, into the app's history
		d.Type(":", "groups", "enter")
		d.WaitFor("4 of 4 groups")
	}
	d.WaitUntil("a trend of three polls", func(s string) bool { return bars(s, "order-service") == 3 })
	d.Type(":", "ctx prod", "enter")
	d.WaitFor("ledger")
	d.Type(":", "groups", "enter")
	s := d.WaitFor("1 of 1 groups")
	if n := bars(s, "order-service"); n != 1 {
		t.Fatalf("order-service on prod has a trend of %d polls:\n%s", n, s)
	}
}

// bars counts the sparkline bars on a group's row.
func bars(screen, group string) int {
	for line := range strings.Lines(screen) {
		if f := strings.Fields(line); len(f) > 0 && f[0] == group {
			return strings.Count(line, "▁") + strings.Count(line, "▂") + strings.Count(line, "▃") + strings.Count(line, "▄") +
				strings.Count(line, "▅") + strings.Count(line, "▆") + strings.Count(line, "▇") + strings.Count(line, "█")
		}
	}
	return -1
}

// slowFirst connects to "slowdev" only when released, and to "prod" at once.
type slowFirst struct {
	twoClusters
	release chan struct{}
	closed  atomic.Int32 // connections closed unused
}

func (s *slowFirst) Switch(name string) (Connection, error) {
	if name == "slowdev" {
		<-s.release
		dev := kafkatest.New(model.Cluster{ID: "dev", Brokers: []model.Broker{{ID: 1, Host: "dev-1", Port: 9092}}}, kafkatest.Topic("scratch", 1, 1, 0, 1))
		return Connection{Client: dev, Name: "slowdev", Close: func() { s.closed.Add(1) }}, nil
	}
	return s.twoClusters.Switch(name)
}

// The last :ctx wins: a slow earlier switch that answers later does not
// take the app back to its cluster, and what it opened is closed.
func TestTheLastContextSwitchWins(t *testing.T) {
	ctxs := &slowFirst{release: make(chan struct{})}
	app := New(kafkatest.Sample(), Options{Name: "staging", Refresh: 20 * time.Millisecond, Now: func() time.Time { return epoch }, Contexts: ctxs})
	d := uitest.Start(t, app, 110, 12)
	d.WaitFor("● connected", "orders")
	d.Type(":", "ctx slowdev", "enter")
	d.WaitFor("connecting to context slowdev")
	d.Type(":", "ctx prod", "enter")
	d.WaitFor("READ-ONLY", "ledger")
	close(ctxs.release)
	d.WaitUntil("the slow connection closed unused", func(string) bool { return ctxs.closed.Load() == 1 })
	if s := d.Screen(); strings.Contains(s, "scratch") || !strings.Contains(s, "READ-ONLY") {
		t.Fatalf("the slow switch took over:\n%s", s)
	}
}

// After a switch of cluster, esc does not lead back to a view of the old
// one, and :history holds none of them.
func TestSwitchingContextsLeavesNoViewOfTheOldCluster(t *testing.T) {
	app := New(kafkatest.Sample(), Options{Name: "staging", Refresh: time.Hour, Now: func() time.Time { return epoch }, Contexts: &twoClusters{}})
	d := uitest.Start(t, app, 110, 12)
	d.WaitFor("● connected", "orders")
	d.Type(":", "brokers", "enter")
	d.WaitFor("brokers up")
	d.Type(":", "ctx prod", "enter")
	d.WaitFor("READ-ONLY", "ledger")
	d.Type(":", "history", "enter")
	s := d.WaitFor("HOLDS")
	if !strings.Contains(s, "no views before this one") {
		t.Errorf("history holds views of the old cluster:\n%s", s)
	}
}
