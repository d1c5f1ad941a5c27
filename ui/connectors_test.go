package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/kscope/kscope/connect"
	"github.com/kscope/kscope/connect/connecttest"
	"github.com/kscope/kscope/kafka/kafkatest"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/connectors"
	"github.com/kscope/kscope/ui/uitest"
	"github.com/kscope/kscope/webclient"
)

// :connectors lists the Connect clusters' connectors, failing ones red;
// enter shows one whole with why its task failed and its secrets hidden;
// e offers the actions, each asked before it is done.
func TestConnectorsPane(t *testing.T) {
	w := connecttest.New(
		model.Connector{Name: "orders-sink", Type: "sink", State: "RUNNING", Worker: "w1:8083", Topics: []string{"orders"},
			Config: map[string]string{"connector.class": "org.example.JdbcSinkConnector", "connection.password": "hunter2", "errors.deadletterqueue.topic.name": "orders"},
			Tasks: []model.ConnectorTask{{ID: 0, State: "FAILED", Worker: "w2:8083",
				Trace: "org.apache.kafka.connect.errors.ConnectException: Exiting WorkerSinkTask\n\tat org.example.Frame.run(Frame.java:1)\nCaused by: java.sql.SQLException: connection refused"}}},
		model.Connector{Name: "files", Type: "source", State: "PAUSED", Worker: "w1:8083", Topics: []string{}, Config: map[string]string{"connector.class": "FileStreamSource"}},
	)
	cl, err := connect.New("east", webclient.Config{URL: w.Start(t), Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	app := New(kafkatest.Sample(), Options{Name: "test", Refresh: time.Hour, Connect: []connectors.Cluster{cl}, Now: func() time.Time { return epoch }, Location: time.UTC})
	d := uitest.Start(t, app, 120, 24)
	d.WaitFor("● connected")
	d.Type(":", "connectors", "enter")
	list := d.WaitFor("2 of 2 connectors", "1 failing connector", "orders-sink", "0/1 running, 1 failed")
	t.Run("list", func(t *testing.T) { uitest.Golden(t, list) })

	d.Type("j", "enter")
	detail := d.WaitFor("task 0 failed:", "Caused by: java.sql.SQLException: connection refused", "<hidden>")
	t.Run("detail", func(t *testing.T) { uitest.Golden(t, detail) })

	d.Type("e")
	d.WaitFor("act on orders-sink", "restart-failed")
	d.Type("j", "j", "j", "j", "enter")
	d.WaitFor("restart-failed orders-sink (RUNNING, 0/1 running, 1 failed, on east): only the connector or tasks that failed restart")
	d.Type("y")
	d.WaitFor("orders-sink: done (restart-failed)")
	if got := w.Connectors()[0].Tasks[0].State; got != "RUNNING" {
		t.Errorf("the failed task is %s after restart-failed", got)
	}

	d.Type("t")
	d.WaitFor("tail", "orders")
}

// Without a Connect cluster in the context, :connectors says how to add
// one; read-only refuses the actions before any list opens.
func TestConnectorsPaneWithoutClustersOrWrites(t *testing.T) {
	d := uitest.Start(t, New(kafkatest.Sample(), Options{Name: "test", Refresh: time.Hour}), 120, 24)
	d.WaitFor("● connected")
	d.Type(":", "connectors", "enter")
	d.WaitFor("names no Kafka Connect cluster")

	w := connecttest.New(model.Connector{Name: "files", Type: "source", State: "RUNNING", Config: map[string]string{}})
	cl, _ := connect.New("east", webclient.Config{URL: w.Start(t), Timeout: 10 * time.Second})
	ro := uitest.Start(t, New(kafkatest.Sample(), Options{Name: "test", Refresh: time.Hour, ReadOnly: true, Connect: []connectors.Cluster{cl}}), 120, 24)
	ro.WaitFor("● connected")
	ro.Type(":", "connectors", "enter")
	ro.WaitFor("1 of 1 connectors")
	ro.Type("e")
	ro.WaitFor("read-only")
}

// R on a sink with a dead-letter topic previews a redrive of it, a dry
// run that says where its records go by the headers Connect wrote, and
// sends them on a yes.
func TestRedriveASinksDeadLetters(t *testing.T) {
	fake := kafkatest.Sample()
	all, _ := fake.Topics(context.Background())
	fake.SetTopics(append(all, kafkatest.Topic("payments.dlq", 1, 3, 0, 2))...)
	for i := range 2 {
		fake.Append(model.Record{Topic: "payments.dlq", Partition: 0, Key: []byte(fmt.Sprint("k", i)), Value: []byte("not json"),
			Headers: []model.Header{{Key: "__connect.errors.topic", Value: []byte("payments")}}})
	}
	w := connecttest.New(model.Connector{Name: "payments-sink", Type: "sink", State: "RUNNING", Config: map[string]string{
		"connector.class": "FileStreamSink", "errors.deadletterqueue.topic.name": "payments.dlq"}})
	cl, err := connect.New("east", webclient.Config{URL: w.Start(t), Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("XDG_STATE_HOME", t.TempDir()) // the redrive's journal
	d := uitest.Start(t, New(fake, Options{Name: "test", Refresh: time.Hour, Connect: []connectors.Cluster{cl}}), 120, 24)
	d.WaitFor("● connected")
	d.Type(":", "connectors", "enter")
	d.WaitFor("1 of 1 connectors")
	d.Type("R")
	d.WaitFor("redrive payments.dlq: would copy 2 records (80 B) of 2 scanned to their origins: payments (2)", "y applies this")
	d.Type("y")
	d.WaitUntil("the records sent back", func(s string) bool {
		return strings.Contains(s, "copied 2 records") && strings.Contains(s, "payments (2)") && !strings.Contains(s, "working…")
	})
}

// n creates a connector through a form the worker validates first, its
// problems shown on the config; C edits one, its secrets kept hidden and
// kept as they are unless retyped.
func TestConnectorForm(t *testing.T) {
	w := connecttest.New(model.Connector{Name: "files", Type: "sink", State: "RUNNING", Config: map[string]string{
		"connector.class": "org.apache.kafka.connect.file.FileStreamSinkConnector", "topics": "orders", "file": "/tmp/a", "connection.password": "hunter2"}})
	cl, err := connect.New("east", webclient.Config{URL: w.Start(t), Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	d := uitest.Start(t, New(kafkatest.Sample(), Options{Name: "test", Refresh: time.Hour, Connect: []connectors.Cluster{cl}}), 120, 30)
	d.WaitFor("● connected")
	d.Type(":", "connectors", "enter")
	d.WaitFor("1 of 1 connectors")

	d.Type("C")
	d.WaitFor("edit connector files", "connection.password="+model.Hidden)
	// The cursor is on the empty last line: a later line wins.
	d.Type("file=/tmp/b", "enter")
	s := d.WaitFor("the worker finds it valid", "update 1 key of files on east")
	if strings.Contains(s, "hunter2") {
		t.Errorf("the secret is on screen:\n%s", s)
	}
	d.Type("y")
	d.WaitFor("applied connector files")
	if got := w.Connectors()[0].Config; got["file"] != "/tmp/b" || got["connection.password"] != "hunter2" {
		t.Errorf("config after the edit: %v", got)
	}

	d.Type("n")
	d.WaitFor("new connector on east", "Name")
	d.Fill("new-sink")
	d.Type("connector.class=org.apache.kafka.connect.file.FileStreamSinkConnector", "enter")
	d.WaitFor("topics: Must configure one of topics or topics.regex")
	d.Type("ctrl+j", "topics=orders", "enter")
	d.WaitFor("create connector new-sink on east")
	d.Type("y")
	d.WaitFor("applied connector new-sink")
	if len(w.Connectors()) != 2 {
		t.Errorf("connectors after n: %+v", w.Connectors())
	}
}
