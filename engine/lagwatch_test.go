package engine

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/kscope/kscope/kafka/kafkatest"
	"github.com/kscope/kscope/model"
)

var t0 = time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)

// A stopped group is judged at the first look from the log of commits; a
// verdict is a change once, and again only when it changes; --fail-on
// verdicts alert.
func TestLagWatchChangesAndAlerts(t *testing.T) {
	stopped := kafkatest.Group("billing", "Empty", 0, "orders", [2]int64{10, 500})
	busy := kafkatest.Group("shipping", "Stable", 1, "orders", [2]int64{500, 500})
	fake := kafkatest.New(model.Cluster{})
	fake.SetGroups(stopped, busy)
	fake.SetCommitLog(kafkatest.IdleCommitLog(stopped, busy))
	w := LagWatch{FailOn: []model.Status{model.StatusStopped}}

	look, err := w.Look(context.Background(), fake, t0)
	if err != nil {
		t.Fatal(err)
	}
	if got := changes(look); got != "billing:  -> STOPPED (490); shipping:  -> OK (0)" {
		t.Errorf("first look's changes: %s", got)
	}
	if len(look.Alerts) != 1 || look.Alerts[0].Name != "billing" || look.Failed() != nil {
		t.Errorf("alerts %v, failed %v", look.Alerts, look.Failed())
	}
	look, _ = w.Look(context.Background(), fake, t0.Add(5*time.Second))
	if len(look.Changes) != 0 {
		t.Errorf("nothing changed, yet: %s", changes(look))
	}
	// billing's consumer comes back and catches up.
	fake.SetGroups(kafkatest.Group("billing", "Stable", 1, "orders", [2]int64{500, 500}), busy)
	look, _ = w.Look(context.Background(), fake, t0.Add(10*time.Second))
	if got := changes(look); got != "billing: STOPPED -> OK (0)" || len(look.Alerts) != 0 {
		t.Errorf("after catching up: %s, alerts %v", got, look.Alerts)
	}
}

// A named group Kafka does not know is an error, not a healthy group with
// no lag; so is a cluster that cannot be asked.
func TestLagWatchNamedGroupMissing(t *testing.T) {
	fake := kafkatest.New(model.Cluster{})
	fake.SetGroups(kafkatest.Group("billing", "Stable", 1, "orders", [2]int64{1, 2}))
	w := LagWatch{Names: []string{"billing", "bliling"}}
	look, err := w.Look(context.Background(), fake, t0)
	if err != nil {
		t.Fatal(err)
	}
	if err := look.Failed(); err == nil || err.Error() != `group "bliling" does not exist` {
		t.Errorf("Failed() = %v", err)
	}
	if got := changes(look); got != "billing:  -> OK (1); bliling:  -> ERROR (0)" {
		t.Errorf("changes: %s", got)
	}
	fake.Fail(errors.New("broker down"))
	if _, err := w.Look(context.Background(), fake, t0.Add(time.Second)); err == nil {
		t.Error("a cluster that cannot be asked gave a look")
	}
}

// A log of commits that fails for a reason worth telling says so once; a
// cluster without one (kfake) says nothing.
func TestLagWatchSeedNote(t *testing.T) {
	fake := kafkatest.New(model.Cluster{})
	fake.SetGroups(kafkatest.Group("billing", "Stable", 1, "orders", [2]int64{1, 2}))
	w := LagWatch{}
	if look, _ := w.Look(context.Background(), fake, t0); look.Note != "" {
		t.Errorf("no log of commits is no news: %q", look.Note)
	}
	w = LagWatch{}
	look, _ := w.Look(context.Background(), failingLog{fake}, t0)
	if !strings.Contains(look.Note, "lag history starts now: coordinator moved") {
		t.Errorf("note %q", look.Note)
	}
	if look, _ = w.Look(context.Background(), failingLog{fake}, t0.Add(time.Second)); look.Note != "" {
		t.Errorf("the seed is tried once: %q", look.Note)
	}
}

type failingLog struct{ *kafkatest.Fake }

func (failingLog) CommitLog(context.Context, []model.Group, []time.Time) (model.CommitLog, error) {
	return model.CommitLog{}, errors.New("coordinator moved")
}

func changes(l Look) string {
	var s []string
	for _, c := range l.Changes {
		s = append(s, c.Group+": "+c.From+" -> "+c.To+" ("+model.Count(c.Lag)+")")
	}
	return strings.Join(s, "; ")
}
