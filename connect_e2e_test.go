package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kscope/kscope/kafka/clustertest"
	"github.com/kscope/kscope/report"
)

// worker is the real Kafka Connect worker's REST API, as a test asks it.
type worker struct {
	t   *testing.T
	url string
}

func (w worker) call(method, path string, body any) (int, []byte) {
	w.t.Helper()
	var in io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		in = bytes.NewReader(b)
	}
	// Not the test's context: the connectors are deleted in its cleanup,
	// when that context is done.
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, w.url+path, in)
	if err != nil {
		w.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		w.t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, out
}

// create creates a connector, deleted when the test ends.
func (w worker) create(name string, config map[string]string) {
	w.t.Helper()
	if code, out := w.call(http.MethodPut, "/connectors/"+name+"/config", config); code != http.StatusCreated {
		w.t.Fatalf("create %s: %d %s", name, code, out)
	}
	w.t.Cleanup(func() { w.call(http.MethodDelete, "/connectors/"+name, nil) })
}

// status is a connector's status as the worker says it.
func (w worker) status(name string) (state string, tasks []string, trace string) {
	w.t.Helper()
	code, out := w.call(http.MethodGet, "/connectors/"+name+"/status", nil)
	if code != http.StatusOK {
		return fmt.Sprintf("HTTP %d", code), nil, ""
	}
	var s struct {
		Connector struct{ State string }
		Tasks     []struct{ State, Trace string }
	}
	if err := json.Unmarshal(out, &s); err != nil {
		w.t.Fatal(err)
	}
	for _, t := range s.Tasks {
		tasks = append(tasks, t.State)
		trace = trace + t.Trace
	}
	return s.Connector.State, tasks, trace
}

// On a real Connect worker of Kafka 4.4: kscope lists the connectors as
// the worker's REST API says them, explains a failed task by its trace,
// finds a sink's dead-letter topic and previews its redrive by the
// headers Connect wrote, and pauses, resumes and deletes connectors.
func TestConnectOnARealWorker(t *testing.T) {
	c := clustertest.Apache(t)
	w := worker{t, clustertest.Connect(t)}
	brokers := strings.Join(c.Addrs, ",")
	id := clustertest.Unique("c")
	dir := t.TempDir()
	config := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(config, fmt.Appendf(nil, "current_context: lane\ncontexts:\n  lane:\n    brokers: [%s]\n    connect:\n      - {name: lane, url: %s}\n", brokers, w.url), 0o600); err != nil {
		t.Fatal(err)
	}
	ks := func(args ...string) string {
		t.Helper()
		out, errOut, code := run(t, "", kscope, append([]string{"--config", config}, args...)...)
		if code != 0 {
			t.Fatalf("kscope %v: exit %d\n%s%s", args, code, out, errOut)
		}
		return out
	}

	src := c.Topic(t, "connect-src", 1, nil)
	raw := c.Topic(t, "connect-raw", 1, nil)
	dlq := id + "-dlq"
	input := filepath.Join(dir, "in.txt")
	if err := os.WriteFile(input, []byte("one\ntwo\nthree\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	files, broken, sink := id+"-files", id+"-broken", id+"-sink"
	w.create(files, map[string]string{"connector.class": "org.apache.kafka.connect.file.FileStreamSourceConnector", "file": input, "topic": src})
	// A directory cannot be written as a file: its task fails at start.
	w.create(broken, map[string]string{"connector.class": "org.apache.kafka.connect.file.FileStreamSinkConnector", "file": dir, "topics": src})
	// The sink comes from a YAML file through kscope, validated by the
	// worker first: without its topics it is refused, field by field.
	sinkYAML := fmt.Sprintf(`name: %s
config:
  connector.class: org.apache.kafka.connect.file.FileStreamSinkConnector
  file: %s
  value.converter: org.apache.kafka.connect.json.JsonConverter
  value.converter.schemas.enable: false
  errors.tolerance: all
  errors.deadletterqueue.topic.name: %s
  errors.deadletterqueue.topic.replication.factor: 3
  errors.deadletterqueue.context.headers.enable: true
  connection.password: hunter2
`, sink, filepath.Join(dir, "out.txt"), dlq)
	sinkFile := filepath.Join(dir, "sink.yaml")
	if err := os.WriteFile(sinkFile, []byte(sinkYAML), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, _, code := run(t, "", kscope, "--config", config, "connect", "apply", sinkFile); code != 1 || !strings.Contains(out, "topics") {
		t.Errorf("a sink without topics: exit %d\n%s", code, out)
	}
	if err := os.WriteFile(sinkFile, []byte(sinkYAML+"  topics: "+raw+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if out := ks("connect", "apply", sinkFile, "--execute"); !strings.Contains(out, "creates connector "+sink) || !strings.Contains(out, "applied") {
		t.Errorf("apply:\n%s", out)
	}
	t.Cleanup(func() { w.call(http.MethodDelete, "/connectors/"+sink, nil) })
	if err := c.Client(t).ProduceSync(context.Background(), &kgo.Record{Topic: raw, Value: []byte("not json")}).FirstErr(); err != nil {
		t.Fatal(err)
	}

	var listed []report.Connector
	clustertest.WaitFor(t, "the three connectors as the worker says them", func() error {
		listed = nil
		if err := json.Unmarshal([]byte(ks("connect", "list", "-o", "json")), &listed); err != nil {
			return err
		}
		for _, name := range []string{files, broken, sink} {
			i := slices.IndexFunc(listed, func(r report.Connector) bool { return r.Name == name })
			if i < 0 {
				return fmt.Errorf("%s not listed", name)
			}
			state, tasks, _ := w.status(name)
			var ours []string
			for _, task := range listed[i].Tasks {
				ours = append(ours, task.State)
			}
			if listed[i].State != state || !slices.Equal(ours, tasks) || len(tasks) == 0 {
				return fmt.Errorf("%s: kscope says %s %v, the worker %s %v", name, listed[i].State, ours, state, tasks)
			}
		}
		if i := slices.IndexFunc(listed, func(r report.Connector) bool { return r.Name == broken }); listed[i].Tasks[0].State != "FAILED" {
			return fmt.Errorf("%s's task is %s, not yet FAILED", broken, listed[i].Tasks[0].State)
		}
		if i := slices.IndexFunc(listed, func(r report.Connector) bool { return r.Name == files }); !slices.Equal(listed[i].Topics, []string{src}) {
			return fmt.Errorf("%s's topics are %v", files, listed[i].Topics)
		}
		return nil
	})
	for _, r := range listed {
		if r.Name == sink && (r.Config["connection.password"] != "<hidden>" || r.DeadLetterTopic != dlq) {
			t.Errorf("%s: password %q, dead letters %q", sink, r.Config["connection.password"], r.DeadLetterTopic)
		}
	}

	_, _, trace := w.status(broken)
	described := ks("connect", "describe", broken)
	if first, _, _ := strings.Cut(trace, "\n"); first == "" || !strings.Contains(described, strings.TrimSpace(first)) || !strings.Contains(described, "task 0 failed") {
		t.Errorf("describe does not give the worker's trace %q:\n%s", first, described)
	}

	// The sink sent the record it could not read to its dead-letter topic,
	// with Connect's headers naming where it came from.
	if out := ks("connect", "describe", sink); !strings.Contains(out, "dead letters: "+dlq) {
		t.Errorf("describe %s:\n%s", sink, out)
	}
	clustertest.WaitFor(t, "the dead letter back to "+raw+" in a redrive's preview", func() error {
		out, errOut, code := run(t, "", kscope, "--config", config, "redrive", dlq, "--to", "end")
		if code != 0 || !strings.Contains(out, raw) {
			return fmt.Errorf("exit %d:\n%s%s", code, out, errOut)
		}
		return nil
	})

	ks("connect", "pause", files, "--execute")
	clustertest.WaitFor(t, files+" paused", func() error {
		if state, _, _ := w.status(files); state != "PAUSED" {
			return fmt.Errorf("%s", state)
		}
		return nil
	})
	ks("connect", "resume", files, "--execute")
	clustertest.WaitFor(t, files+" running again", func() error {
		if state, _, _ := w.status(files); state != "RUNNING" {
			return fmt.Errorf("%s", state)
		}
		return nil
	})
	// The source's offset is where it read the file to; stopped, it can
	// be reset, and the worker then has none.
	clustertest.WaitFor(t, files+"'s offset in its file", func() error {
		if out := ks("connect", "offsets", files); !strings.Contains(out, `"position":`) {
			return fmt.Errorf("%s", out)
		}
		return nil
	})
	ks("connect", "stop", files, "--execute")
	clustertest.WaitFor(t, files+" stopped", func() error {
		if state, _, _ := w.status(files); state != "STOPPED" {
			return fmt.Errorf("%s", state)
		}
		return nil
	})
	ks("connect", "offsets", files, "--reset", "--execute")
	if code, out := w.call(http.MethodGet, "/connectors/"+files+"/offsets", nil); code != http.StatusOK || !strings.Contains(string(out), `"offsets":[]`) {
		t.Errorf("offsets after reset: %d %s", code, out)
	}

	ks("connect", "delete", broken, "--execute")
	clustertest.WaitFor(t, broken+" gone", func() error {
		if state, _, _ := w.status(broken); state != "HTTP 404" {
			return fmt.Errorf("%s", state)
		}
		return nil
	})
}
