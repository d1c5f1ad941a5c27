package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/kscope/kscope/kafka/kafkatest"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/uitest"
)

const hostile = "ev" + uitest.Hostile

// Every pane, dialog, notice and error, at several sizes, with every
// string the cluster supplies made hostile: topic names, group ids, client
// ids, hosts, header keys and values, config values, broker error texts.
func TestNothingRawReachesTheTerminal(t *testing.T) {
	for _, size := range [][2]int{{60, 14}, {100, 30}, {180, 50}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			topic := "orders" + hostile
			fake := kafkatest.New(model.Cluster{ID: "c" + hostile, Controller: 0,
				Brokers: []model.Broker{{ID: 0, Host: "h" + hostile, Port: 9092, Rack: "r" + hostile}}},
				kafkatest.Topic(topic, 2, 1, 0, 3))
			g := kafkatest.Group("g"+hostile, "Stable"+hostile, 1, topic, [2]int64{1, 3}, [2]int64{0, 3})
			g.Members[0].ClientID, g.Members[0].Host = "client"+hostile, "/10.0.0.1"+hostile
			g.Protocol = "range" + hostile
			fake.SetGroups(g)
			fake.Append(model.Record{Topic: topic, Timestamp: epoch.UnixMilli(), Key: []byte("k" + hostile), Value: []byte("v" + hostile),
				Headers: []model.Header{{Key: "h" + hostile, Value: []byte("x" + hostile)}}})
			value := "1" + hostile
			if err := fake.SetTopicConfig(context.Background(), topic, "retention.ms", &value); err != nil {
				t.Fatal(err)
			}
			app := New(fake, Options{Name: "n" + hostile, Refresh: 20 * time.Millisecond, NoColor: true,
				Now: func() time.Time { return epoch }, Location: time.UTC})
			d := uitest.Start(t, app, size[0], size[1])
			check := func(where string, ready func(string) bool) {
				t.Helper()
				d.WaitUntil(where, ready)
				uitest.AssertClean(t, where, d.Raw())
			}
			has := func(s string) func(string) bool {
				return func(screen string) bool { return strings.Contains(screen, s) }
			}

			check("topics", has("orders"))
			d.Type("enter")
			check("partitions", has("PARTITION"))
			d.Type("t")
			d.WaitFor("waiting for records")
			d.Type("f", "beginning", "enter")
			check("tail", has("09:30:00.000"))
			d.Type("enter")
			check("record", has("── value"))
			d.Type("P")
			check("produce a copy", has("Key"))
			d.Type("esc")
			d.WaitUntil("the dialog closed", func(s string) bool { return !strings.Contains(s, "produce to") })
			d.Type(":", "topics", "enter")
			check("topics again", has("1 of 1 topics"))
			d.Type("C")
			check("configs", has("retention.ms"))
			d.Type("j", "j", "e") // cleanup.policy, max.message.bytes, retention.ms
			check("set config", has("characters a field"))
			d.Type("esc")
			d.WaitFor("SOURCE") // the dialog has closed
			d.Type(":", "groups", "enter")
			check("groups", has("1 of 1 groups"))
			d.Type("enter")
			check("group detail", has("CLIENT"))
			d.Type("R")
			check("refusal notice", has(`group "gev`))
			d.Type(":", "brokers", "enter")
			check("brokers", has("STATUS"))
			fake.Fail(errors.New("broker says " + hostile))
			check("cluster error", has("broker says"))
		})
	}
}
