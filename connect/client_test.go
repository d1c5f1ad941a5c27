package connect

import (
	"context"
	"encoding/base64"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kscope/kscope/connect/connecttest"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/webclient"
)

func sample() []model.Connector {
	return []model.Connector{
		{Name: "orders-sink", Type: "sink", State: "RUNNING", Worker: "10.0.0.1:8083", Topics: []string{"orders"},
			Config: map[string]string{"connector.class": "io.confluent.connect.jdbc.JdbcSinkConnector", "connection.password": "hunter2",
				"errors.deadletterqueue.topic.name": "orders.dlq"},
			Tasks: []model.ConnectorTask{
				{ID: 1, State: "FAILED", Worker: "10.0.0.2:8083", Trace: "org.apache.kafka.connect.errors.ConnectException: Exiting WorkerSinkTask\n\tat org.apache...\nCaused by: java.sql.SQLException: connection refused\n\tat ..."},
				{ID: 0, State: "RUNNING", Worker: "10.0.0.1:8083"},
			}},
		{Name: "a b/c", Type: "source", State: "PAUSED", Worker: "10.0.0.1:8083", Config: map[string]string{"connector.class": "FileStreamSource"}},
	}
}

func client(t *testing.T, url string, cfg webclient.Config) *Client {
	t.Helper()
	cfg.URL, cfg.Timeout = url, 10*time.Second
	c, err := New("main", cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// The list reads every connector's status, config and topics in one
// answer and a request each for topics; a name with a slash or space is
// escaped in its path.
func TestConnectorsAsTheWorkerSays(t *testing.T) {
	w := connecttest.New(sample()...)
	c := client(t, w.Start(t), webclient.Config{})
	cs, err := c.Connectors(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 2 || cs[0].Name != "a b/c" || cs[1].Name != "orders-sink" {
		t.Fatalf("connectors %+v", cs)
	}
	o := cs[1]
	if o.Type != "sink" || o.State != "RUNNING" || o.Class() != "JdbcSinkConnector" || o.DeadLetterTopic() != "orders.dlq" ||
		len(o.Tasks) != 2 || o.Tasks[0].ID != 0 || o.TasksIn("FAILED") != 1 || !slices.Equal(o.Topics, []string{"orders"}) {
		t.Errorf("orders-sink %+v", o)
	}
	if got := model.TraceSummary(o.Tasks[1].Trace); !slices.Equal(got, []string{"org.apache.kafka.connect.errors.ConnectException: Exiting WorkerSinkTask", "Caused by: java.sql.SQLException: connection refused"}) {
		t.Errorf("trace summary %q", got)
	}
	if !slices.Contains(w.Seen(), "GET /connectors/a%20b%2Fc/topics") {
		t.Errorf("the odd name's path was not escaped: %v", w.Seen())
	}
	one, err := c.Connector(context.Background(), "a b/c")
	if err != nil || one.State != "PAUSED" {
		t.Errorf("describe: %+v %v", one, err)
	}
	if _, err := c.Connector(context.Background(), "gone"); !NotFound(err) || !strings.Contains(err.Error(), "connect cluster main: Connector gone not found") {
		t.Errorf("a missing connector: %v", err)
	}
}

// Actions change what the worker says; restart --failed restarts only
// the failed task.
func TestConnectorActions(t *testing.T) {
	w := connecttest.New(sample()...)
	c := client(t, w.Start(t), webclient.Config{})
	ctx := context.Background()
	if err := c.Do(ctx, "orders-sink", model.RestartFailedConnector); err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(w.Seen(), "POST /connectors/orders-sink/restart?includeTasks=true&onlyFailed=true") {
		t.Errorf("requests %v", w.Seen())
	}
	w.SetOffsets("orders-sink", model.ConnectorOffset{Partition: map[string]any{"kafka_topic": "orders"}, Offset: map[string]any{"kafka_offset": 1}})
	for _, a := range []model.ConnectorAction{model.PauseConnector, model.StopConnector, model.ResetConnectorOffsets, model.ResumeConnector, model.DeleteConnector} {
		if err := c.Do(ctx, "orders-sink", a); err != nil {
			t.Fatalf("%s: %v", a.Verb, err)
		}
	}
	if len(w.Connectors()) != 1 || len(w.Offsets("orders-sink")) != 0 {
		t.Errorf("orders-sink not deleted, or its offsets not reset: %+v", w.Connectors())
	}
}

// Credentials go as the context says, and a refusal says to check them;
// a password in the URL is taken out of it and never printed.
func TestConnectCredentials(t *testing.T) {
	w := connecttest.New(sample()...)
	w.Refuse("Basic "+base64.StdEncoding.EncodeToString([]byte("kscope:s3cret")), 0)
	url := w.Start(t)
	if _, err := client(t, url, webclient.Config{Username: "kscope", Password: "s3cret"}).Connectors(context.Background()); err != nil {
		t.Errorf("basic auth: %v", err)
	}
	withPassword := strings.Replace(url, "http://", "http://kscope:s3cret@", 1)
	c := client(t, withPassword, webclient.Config{})
	if strings.Contains(c.URL(), "s3cret") {
		t.Errorf("the URL kept its password: %s", c.URL())
	}
	if _, err := c.Connectors(context.Background()); err != nil {
		t.Errorf("auth from the URL: %v", err)
	}
	_, err := client(t, url, webclient.Config{Username: "kscope", Password: "wrong"}).Connectors(context.Background())
	if err == nil || !strings.Contains(err.Error(), "check the context's connect credentials") || strings.Contains(err.Error(), "wrong") {
		t.Errorf("a wrong password: %v", err)
	}

	w.Refuse("Bearer t0ken", 0)
	if _, err := client(t, url, webclient.Config{Token: "t0ken"}).Plugins(context.Background()); err != nil {
		t.Errorf("a bearer token: %v", err)
	}
}

// A worker that redirects elsewhere gets no credentials sent there.
func TestConnectRedirectKeepsCredentialsHome(t *testing.T) {
	var sent string
	elsewhere := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		sent = r.Header.Get("Authorization")
		rw.Write([]byte(`{}`))
	}))
	defer elsewhere.Close()
	home := httptest.NewServer(http.RedirectHandler(elsewhere.URL+"/connectors", http.StatusTemporaryRedirect))
	defer home.Close()
	if _, err := client(t, home.URL, webclient.Config{Token: "t0ken"}).Connectors(context.Background()); err != nil {
		t.Fatal(err)
	}
	if sent != "" {
		t.Errorf("the token went to another origin: %q", sent)
	}
}

// An answer larger than the bound is refused, not read into memory.
func TestConnectAnswersAreBounded(t *testing.T) {
	huge := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		rw.Write([]byte(`{"x":{"status":{"connector":{"state":"`))
		chunk := []byte(strings.Repeat("A", 1<<20))
		for range 40 {
			rw.Write(chunk)
		}
	}))
	defer huge.Close()
	_, err := client(t, huge.URL, webclient.Config{}).Connectors(context.Background())
	if err == nil || !strings.Contains(err.Error(), "larger than 32 MB") {
		t.Errorf("a 40 MB answer: %v", err)
	}
}

// While the workers rebalance they refuse requests, with 409 Conflict or
// a 500 saying so: a request is asked again until they answer, or the
// timeout is spent. Another 500 is not asked again.
func TestConnectWaitsOutARebalance(t *testing.T) {
	w := connecttest.New(sample()...)
	w.Refuse("", 3)
	c := client(t, w.Start(t), webclient.Config{})
	if err := c.Do(context.Background(), "orders-sink", model.PauseConnector); err != nil {
		t.Fatalf("after 3 refusals: %v", err)
	}
	// A rebalance that never ends is given up on after the patience, a
	// short one here; each request keeps the client's generous timeout.
	w.Refuse("", 1<<20)
	c.patience = 300 * time.Millisecond
	start := time.Now()
	err := c.Do(context.Background(), "orders-sink", model.ResumeConnector)
	if err == nil || !strings.Contains(err.Error(), "a rebalance is expected") || time.Since(start) > time.Minute {
		t.Errorf("a rebalance that never ends: %v after %s", err, time.Since(start))
	}
	if rebalancing(&Error{Status: http.StatusInternalServerError, Message: "java.lang.NullPointerException"}) {
		t.Error("a worker's other failure is taken for a rebalance")
	}
}
