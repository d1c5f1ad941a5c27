package demo

import (
	"context"
	"testing"
	"time"

	"github.com/kscope/kscope/kafka"
	"github.com/kscope/kscope/model"
)

// The demo's groups are built to look different to a lag tool; through
// kscope's own adapter and verdicts, polled as the UI polls, they must:
// keeping up is OK, falling behind is WARNING, stopped is STOPPED.
func TestDemoGroupsGetDistinctVerdicts(t *testing.T) {
	if testing.Short() {
		t.Skip("watches live traffic for several seconds")
	}
	c, err := Start(Options{Seed: 1, Rate: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	client, err := kafka.New(kafka.Config{Brokers: c.Addrs()})
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()

	want := map[string]model.Status{
		"order-service":      model.StatusOK,
		"audit-archiver":     model.StatusOK,
		"payment-reconciler": model.StatusWarning,
		"analytics-etl":      model.StatusStopped,
		"inventory-sync":     model.StatusOK,
	}
	var history model.LagHistory
	deadline := time.Now().Add(2 * time.Minute)
	for {
		groups, err := client.Groups(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		history.Observe(groups, time.Now())
		got := map[string]model.Status{}
		for _, j := range (model.GroupQuery{}).Judge(groups, &history) {
			got[j.Name] = j.Verdict.Status
		}
		matched := true
		for name, status := range want {
			matched = matched && got[name] == status
		}
		if matched {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("verdicts %v, want %v", got, want)
		}
		time.Sleep(2 * time.Second) // the UI's refresh interval; bounded by the deadline
	}
}
