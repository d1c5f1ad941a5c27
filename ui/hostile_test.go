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
				Headers: []model.Header{{Key: "h" + hostile, Value: []byte("x" + hostile)}},
				// As a registry and a schema could make them: JSON and
				// names with raw escapes, and a note quoting the cluster.
				DecodedKey: &model.Decoded{JSON: []byte(`{"k":"` + hostile + `"}`), Format: "protobuf", Name: "M" + hostile,
					Schema: &model.Schema{ID: 1, Subject: "s" + hostile, Version: 1, Type: "PROTOBUF"}},
				DecodedValue: &model.Decoded{Schema: &model.Schema{ID: 2}, Note: "schema 2: " + hostile}})
			value := "1" + hostile
			if err := fake.SetTopicConfig(context.Background(), topic, "retention.ms", &value); err != nil {
				t.Fatal(err)
			}
			app := New(fake, Options{Name: "n" + hostile, Refresh: 20 * time.Millisecond, NoColor: true,
				Now: func() time.Time { return epoch }, Location: time.UTC, Registry: hostileRegistry{}})
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
			check("partitions", has("        0       0")) // loaded: t acts on the selected row
			d.Type("t")
			d.WaitFor("waiting for records")
			d.Type("f", "beginning", "enter")
			check("tail", has("09:30:00")) // to the millisecond where it fits
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
			d.Type(":", "schemas", "enter")
			check("schemas", has("2 subjects"))
			d.Type("enter")
			check("a subject", has(`{"type":"record"`))
			d.Type("d")
			check("a schema diff", has(`+ {"type":"record"`))
			d.Type(":", "brokers", "enter")
			check("brokers", has("STATUS"))
			fake.Fail(errors.New("broker says " + hostile))
			check("cluster error", has("broker says"))
		})
	}
}

// hostileRegistry puts hostile strings wherever a registry can: subject
// names, errors, schema text and references.
type hostileRegistry struct{}

func (hostileRegistry) Subjects(context.Context) ([]model.Subject, error) {
	return []model.Subject{
		{Name: "s" + hostile, Type: "AVRO", Versions: 2, Latest: 2, LatestID: 2, Compatibility: "BACKWARD" + hostile},
		{Name: "t" + hostile + "-value", Err: errors.New("registry says " + hostile)},
	}, nil
}

func (hostileRegistry) Versions(_ context.Context, subject string) ([]model.SchemaVersion, error) {
	text := func(doc string) string { return `{"type":"record","name":"R","doc":"` + doc + `","fields":[]}` }
	return []model.SchemaVersion{
		{Subject: subject, Version: 1, ID: 1, Type: "AVRO", Text: text("a")},
		{Subject: subject, Version: 2, ID: 2, Type: "AVRO", Text: text(hostile),
			References: []model.SchemaReference{{Name: "n" + hostile, Subject: "r" + hostile, Version: 1}}},
	}, nil
}
