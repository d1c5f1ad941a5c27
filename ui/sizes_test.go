package ui

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/kscope/kscope/kafka/kafkatest"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/uitest"
)

// everything is a cluster with something in every pane.
func everything() *kafkatest.Fake {
	fake := hangingSample()
	fake.SetGroups(sampleGroups()...)
	fake.SetCommitLog(kafkatest.IdleCommitLog(sampleGroups()...))
	fake.Append(orders(0, 30)...)
	fake.SetACLs(model.ACL{Principal: "User:alice", Host: "*", ResourceType: "TOPIC", ResourceName: "orders", Pattern: "LITERAL", Operation: "READ", Permission: "ALLOW"},
		model.ACL{Principal: "User:mallory", Host: "*", ResourceType: "TOPIC", ResourceName: "*", Pattern: "LITERAL", Operation: "ALL", Permission: "DENY"})
	fake.SetQuotas(model.Quota{Entity: []model.QuotaPart{{Type: "user", Name: "alice"}}, Values: map[string]float64{"producer_byte_rate": 1 << 20}})
	fake.SetSCRAMUsers(model.SCRAMUser{Name: "alice", Credentials: []model.SCRAMCredential{{Mechanism: "SCRAM-SHA-512", Iterations: 4096}}})
	return fake
}

// Every pane and overlay, at the smallest screen kscope is meant for, the
// classic terminal and a large one: golden screens, and nothing drawn
// past the screen's edges.
func TestEveryPaneAtEverySize(t *testing.T) {
	// Each view is reached by steps: keys, then what shows once they
	// took (a key that acts on a row waits for the rows).
	type step struct{ keys, ready string }
	// Still coming while any of these show.
	unready := regexp.MustCompile("loading|waiting for|described yet")
	views := []struct {
		name  string
		steps []step
	}{
		{"topics", []step{{":topics\n", "orders"}}},
		{"partitions", []step{{":topic orders\n", "LEADER"}}},
		{"tail", []step{{":tail orders beginning\n", "cus-0"}}},
		{"record", []step{{":tail orders beginning\n", "cus-0"}, {"\n", "· partition"}}},
		// The log of commits judges the stopped group once it is read,
		// after the first answer: the list is ready when it has.
		{"groups", []step{{":groups\n", "STOPPED"}}},
		{"group", []step{{":groups\n", "STOPPED"}, {"\n", "analytics-etl · Empty"}}},
		{"brokers", []step{{":brokers\n", "brokers up"}}},
		{"acls", []step{{":acls\n", "User:alice"}}},
		{"transactions", []step{{":txn\n", "stuck-job"}}},
		{"producers", []step{{":producers orders\n", "3 of 3 producers"}}},
		{"quotas", []step{{":quotas\n", "user=alice"}}},
		{"users", []step{{":users\n", "alice"}}},
		{"schemas", []step{{":schemas\n", "orders-value"}}},
		{"configs", []step{{":topics\n", "orders"}, {"C", "retention.ms"}}},
		{"new-topic", []step{{"n", "Name"}}},
		{"history", []step{{":history\n", "VIEW"}}},
		{"help", []step{{"?", "Keys · topics"}}},
	}
	for _, size := range [][2]int{{40, 10}, {80, 24}, {100, 30}, {160, 45}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			for _, v := range views {
				t.Run(v.name, func(t *testing.T) {
					app := New(everything(), Options{Name: "kafka-0.example.internal:9092", Refresh: time.Hour, NoMouse: true,
						Now: func() time.Time { return epoch }, Location: time.UTC, Registry: fakeRegistry{}, SaveDir: t.TempDir()})
					d := uitest.Start(t, app, size[0], size[1])
					s := loaded(d)
					for _, st := range v.steps {
						for _, k := range strings.SplitAfter(st.keys, "\n") {
							d.Type(strings.TrimSuffix(k, "\n"))
							if strings.HasSuffix(k, "\n") {
								d.Type("enter")
							}
						}
						s = d.WaitUntil(v.name+" with its data", func(s string) bool {
							return strings.Contains(s, st.ready) && !unready.MatchString(s)
						})
					}
					uitest.Golden(t, s)
					for i, line := range strings.Split(s, "\n") {
						if w := len([]rune(line)); w > size[0] {
							t.Errorf("line %d is %d wide:\n%s", i, w, line)
						}
					}
					if n := strings.Count(s, "\n") + 1; n > size[1] {
						t.Errorf("%d lines on a screen of %d", n, size[1])
					}
				})
			}
		})
	}
}

// At 80 columns the decisive columns show and a name cut to fit is whole
// on the summary line while its row is selected; the sort cycles through
// the rate in and the under-replicated count.
func TestNarrowListsKeepTheirDecisiveColumns(t *testing.T) {
	d := start(t, kafkatest.Sample(), 80, 24)
	s := loaded(d)
	if !strings.Contains(s, "IN/S") || !strings.Contains(s, "URP") {
		t.Fatalf("topics at 80 columns:\n%s", s)
	}
	d.Type("down")
	d.WaitFor("▸ clickstream.events.v2.with-a-very-long-name-that-will-not-fit")
	d.Type(":", "groups", "enter")
	s = d.WaitFor("GROUP")
	for _, col := range []string{"STATUS", "LAG", "BEHIND"} {
		if !strings.Contains(s, col) {
			t.Errorf("groups at 80 columns hide %s:\n%s", col, s)
		}
	}

	d = start(t, kafkatest.Sample(), 160, 24)
	loaded(d)
	for _, want := range []string{"partitions", "messages", "size", "in/s", "urp"} {
		d.Type("s")
		d.WaitFor("sort: " + want)
	}
	d.Type(":", "groups", "enter")
	for _, want := range []string{"lag", "behind", "name", "status"} {
		d.Type("s")
		d.WaitFor("sort: " + want)
	}
}
