package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kscope/kscope/connect/connecttest"
	"github.com/kscope/kscope/model"
)

// connectConfig is a config file whose context "c" is the demo cluster
// with the Connect clusters named.
func connectConfig(t *testing.T, clusters ...string) string {
	t.Helper()
	yaml := fmt.Sprintf("current_context: c\ncontexts:\n  c:\n    brokers: [%s]\n    connect:\n", cluster.Addrs()[0])
	for _, c := range clusters {
		yaml += "      - " + c + "\n"
	}
	file := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(file, []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	return file
}

func kscopeWith(t *testing.T, file string, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Run(append([]string{"--config", file}, args...), strings.NewReader(""), &out, &errOut)
	return result{out.String(), errOut.String(), code}
}

func failing() model.Connector {
	return model.Connector{Name: "orders-sink", Type: "sink", State: "RUNNING", Worker: "w1:8083", Topics: []string{"orders"},
		Config: map[string]string{"connector.class": "org.example.JdbcSinkConnector", "connection.password": "hunter2",
			"errors.deadletterqueue.topic.name": "orders.dlq", "key.converter": "org.apache.kafka.connect.json.JsonConverter"},
		Tasks: []model.ConnectorTask{{ID: 0, State: "FAILED", Worker: "w2:8083",
			Trace: "org.apache.kafka.connect.errors.ConnectException: Exiting WorkerSinkTask\n\tat org.example.Frame.run(Frame.java:1)\nCaused by: java.sql.SQLException: connection refused"}}}
}

// connect list and describe show what the workers say, a failed task's
// exception and cause, the dead-letter topic with the commands for it,
// and never a secret; two clusters are listed side by side.
func TestConnectListAndDescribe(t *testing.T) {
	a := connecttest.New(failing())
	b := connecttest.New(model.Connector{Name: "files", Type: "source", State: "PAUSED", Worker: "w9:8083", Config: map[string]string{"connector.class": "FileStreamSource"}})
	file := connectConfig(t, "{name: east, url: "+a.Start(t)+"}", "{name: west, url: "+b.Start(t)+"}")

	kscopeWith(t, file, "connect", "list").want(t, 0,
		"east     orders-sink  sink    JdbcSinkConnector  RUNNING  0/1 running, 1 failed  orders",
		"west     files        source  FileStreamSource   PAUSED   0/0 running")
	out := kscopeWith(t, file, "connect", "describe", "orders-sink").want(t, 0,
		"orders-sink · sink JdbcSinkConnector · on Connect cluster east",
		"task 0 failed:", "  org.apache.kafka.connect.errors.ConnectException: Exiting WorkerSinkTask", "  Caused by: java.sql.SQLException: connection refused",
		"dead letters: orders.dlq (kscope tail orders.dlq --from beginning; kscope redrive orders.dlq)",
		"<hidden>", "org.apache.kafka.connect.json.JsonConverter")
	if strings.Contains(out.stdout, "hunter2") || strings.Contains(out.stdout, "Frame.java") {
		t.Errorf("a secret or a whole trace in:\n%s", out.stdout)
	}
	kscopeWith(t, file, "connect", "describe", "orders-sink", "--trace").want(t, 0, "at org.example.Frame.run(Frame.java:1)")
	js := kscopeWith(t, file, "connect", "list", "-o", "json", "--cluster", "east").want(t, 0)
	var listed []struct {
		Cluster, Name   string
		DeadLetterTopic string `json:"dead_letter_topic"`
		Config          map[string]string
	}
	if err := json.Unmarshal([]byte(js.stdout), &listed); err != nil || len(listed) != 1 || listed[0].Config["connection.password"] != model.Hidden ||
		listed[0].DeadLetterTopic != "orders.dlq" || strings.Contains(js.stdout, "hunter2") {
		t.Errorf("%v %s", err, js.stdout)
	}
	kscopeWith(t, file, "connect", "describe", "nothing").want(t, 1, `no connector "nothing"`)
	kscopeWith(t, file, "connect", "list", "--cluster", "north").want(t, 2, "the context's Connect clusters are east, west")
	kscopeWith(t, file, "connect", "plugins").want(t, 0, "east     org.apache.kafka.connect.file.FileStreamSinkConnector")
}

// Actions are previewed, done with --execute, and refused read-only.
func TestConnectActions(t *testing.T) {
	w := connecttest.New(failing())
	file := connectConfig(t, "{url: "+w.Start(t)+"}")
	kscopeWith(t, file, "connect", "restart", "orders-sink", "--failed").want(t, 0, "only the connector or tasks that failed restart", "nothing changed: run again with --execute to restart it")
	kscopeWith(t, file, "connect", "restart", "orders-sink", "--failed", "--execute").want(t, 0, "orders-sink: done (restart-failed)")
	if got := w.Connectors()[0]; got.Tasks[0].State != "RUNNING" {
		t.Errorf("after restart --failed: %+v", got)
	}
	kscopeWith(t, file, "connect", "pause", "orders-sink", "--execute", "--read-only").want(t, 1, "read-only")
	kscopeWith(t, file, "connect", "pause", "orders-sink", "--execute").want(t, 0, "done (pause)")
	kscopeWith(t, file, "connect", "delete", "orders-sink", "--execute").want(t, 0, "done (delete)")
	if len(w.Connectors()) != 0 {
		t.Errorf("not deleted: %+v", w.Connectors())
	}
	kscope(t, "", "connect", "list").want(t, 1, "the context names no Kafka Connect cluster")
}

// apply validates through the worker first and names each problem, then
// previews a creation or the keys an update changes, secrets hidden, and
// writes only with --execute.
func TestConnectApply(t *testing.T) {
	w := connecttest.New(failing())
	file := connectConfig(t, "{url: "+w.Start(t)+"}")
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	bad := write("bad.yaml", "name: new-sink\nconfig:\n  connector.class: org.apache.kafka.connect.file.FileStreamSinkConnector\n  file: /tmp/x\n")
	kscopeWith(t, file, "connect", "apply", bad).want(t, 1, "topics: Must configure one of topics or topics.regex", "the worker finds 1 problem")
	good := write("good.yaml", "name: new-sink\nconfig:\n  connector.class: org.apache.kafka.connect.file.FileStreamSinkConnector\n  file: /tmp/x\n  topics: orders\n  tasks.max: 2\n")
	kscopeWith(t, file, "connect", "apply", good).want(t, 0, "creates connector new-sink (org.apache.kafka.connect.file.FileStreamSinkConnector)", "valid; nothing changed")
	if len(w.Connectors()) != 1 {
		t.Fatal("the preview created it")
	}
	kscopeWith(t, file, "connect", "apply", good, "--execute").want(t, 0, "applied connector new-sink")
	if got := w.Connectors()[1].Config["tasks.max"]; got != "2" {
		t.Errorf("tasks.max %q", got)
	}
	update := write("update.json", `{"name":"orders-sink","connector.class":"org.apache.kafka.connect.file.FileStreamSinkConnector","connection.password":"hunter3","topics":"orders"}`)
	out := kscopeWith(t, file, "connect", "apply", update).want(t, 0, "KEY", "connection.password", "<hidden> (changed)", "errors.deadletterqueue.topic.name", "orders.dlq", "valid; nothing changed")
	if strings.Contains(out.stdout, "hunter") {
		t.Errorf("a secret in the preview:\n%s", out.stdout)
	}
	kscopeWith(t, file, "connect", "apply", update, "--execute", "--read-only").want(t, 1, "read-only")
}

// offsets shows a connector's offsets and changes them only while it is
// stopped, after a preview.
func TestConnectOffsets(t *testing.T) {
	w := connecttest.New(failing())
	w.SetOffsets("orders-sink", model.ConnectorOffset{Partition: map[string]any{"kafka_topic": "orders", "kafka_partition": 0}, Offset: map[string]any{"kafka_offset": 42}})
	file := connectConfig(t, "{url: "+w.Start(t)+"}")
	kscopeWith(t, file, "connect", "offsets", "orders-sink").want(t, 0, `{"kafka_partition":0,"kafka_topic":"orders"} → {"kafka_offset":42}`)
	kscopeWith(t, file, "connect", "offsets", "orders-sink", "--reset").want(t, 1, "the worker changes offsets only of a stopped connector")
	kscopeWith(t, file, "connect", "stop", "orders-sink", "--execute").want(t, 0)
	kscopeWith(t, file, "connect", "offsets", "orders-sink", "--reset").want(t, 0, "--reset removes them all", "nothing changed")
	kscopeWith(t, file, "connect", "offsets", "orders-sink", "--reset", "--execute").want(t, 0, "changed the offsets of orders-sink")
	if got := w.Offsets("orders-sink"); len(got) != 0 {
		t.Errorf("offsets after reset: %v", got)
	}
}

// config current says where each Connect cluster's secrets come from,
// never what they are.
func TestConfigCurrentNamesConnectClusters(t *testing.T) {
	file := connectConfig(t, "{name: cdc, url: 'https://u:url-secret@cdc:8083', token: tok-secret}", "{name: sinks, url: 'https://sinks:8083', username: alice, password_env: CP}")
	out := kscopeWith(t, file, "config", "current").want(t, 0,
		"connect    cdc https://u:REDACTED@cdc:8083 with the token in the file <redacted>",
		"           sinks https://sinks:8083 as alice with the password from $CP")
	if strings.Contains(out.stdout, "secret") {
		t.Errorf("a secret in:\n%s", out.stdout)
	}
}
