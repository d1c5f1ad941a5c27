// Package connecttest is a Kafka Connect worker in memory: the REST API
// kscope uses, over connectors a test (or the embedded demo) sets.
package connecttest

import (
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/kscope/kscope/model"
)

// Worker serves the Connect REST API over its connectors.
type Worker struct {
	mu         sync.Mutex
	connectors []model.Connector
	plugins    []model.ConnectorPlugin
	// auth, when set, is the Authorization header every request must
	// carry; others get 401.
	auth string
	// rebalances is how many requests are yet to be refused with 409
	// Conflict, as workers refuse them while they rebalance.
	rebalances int
	// Seen are the requests answered, "METHOD PATH", in order.
	seen    []string
	offsets map[string][]model.ConnectorOffset
}

// New is a worker holding connectors.
func New(cs ...model.Connector) *Worker {
	return &Worker{connectors: cs, offsets: map[string][]model.ConnectorOffset{}, plugins: []model.ConnectorPlugin{
		{Class: "org.apache.kafka.connect.file.FileStreamSinkConnector", Type: "sink", Version: "4.4.0"},
		{Class: "org.apache.kafka.connect.file.FileStreamSourceConnector", Type: "source", Version: "4.4.0"},
	}}
}

// Start serves w until the test ends; it returns the worker's URL.
func (w *Worker) Start(t interface{ Cleanup(func()) }) string {
	srv := httptest.NewServer(w)
	t.Cleanup(srv.Close)
	return srv.URL
}

// Refuse makes the worker refuse every request without the Authorization
// header auth ("": none needed) with 401, and the next rebalances
// requests as workers do while they rebalance (409 Conflict, or a 500
// saying a rebalance is expected).
func (w *Worker) Refuse(auth string, rebalances int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.auth, w.rebalances = auth, rebalances
}

// Serve serves w on l until the server is closed.
func (w *Worker) Serve(l net.Listener) *http.Server {
	srv := &http.Server{Handler: w, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(l)
	return srv
}

// Connectors are the worker's connectors now.
func (w *Worker) Connectors() []model.Connector {
	w.mu.Lock()
	defer w.mu.Unlock()
	return slices.Clone(w.connectors)
}

// Seen are the requests answered so far.
func (w *Worker) Seen() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return slices.Clone(w.seen)
}

func (w *Worker) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.seen = append(w.seen, r.Method+" "+r.URL.RequestURI())
	if w.auth != "" && r.Header.Get("Authorization") != w.auth {
		fail(rw, http.StatusUnauthorized, "Unauthorized")
		return
	}
	if w.rebalances > 0 {
		// As a worker refuses: 409 from its request handlers, and its
		// herder's exception as a 500 elsewhere, in turn.
		w.rebalances--
		code := map[bool]int{true: http.StatusConflict, false: http.StatusInternalServerError}[w.rebalances%2 == 0]
		fail(rw, code, "Request cannot be completed because a rebalance is expected")
		return
	}
	// Split as sent: a connector's name may hold an escaped slash.
	parts := strings.Split(strings.Trim(r.URL.EscapedPath(), "/"), "/")
	for i, p := range parts {
		parts[i], _ = url.PathUnescape(p)
	}
	switch {
	case r.URL.Path == "/connectors" && r.Method == http.MethodGet:
		w.list(rw)
	case parts[0] == "connector-plugins" && r.Method == http.MethodGet:
		answer(rw, http.StatusOK, w.pluginAnswer())
	case parts[0] == "connector-plugins" && len(parts) == 4 && r.Method == http.MethodPut:
		w.validate(rw, r)
	case parts[0] == "connectors" && len(parts) == 3 && parts[2] == "config" && r.Method == http.MethodPut:
		w.put(rw, r, parts[1])
	case parts[0] == "connectors" && len(parts) >= 2:
		w.one(rw, r, parts[1], parts[2:])
	default:
		fail(rw, http.StatusNotFound, "HTTP 404 Not Found")
	}
}

func (w *Worker) list(rw http.ResponseWriter) {
	out := map[string]any{}
	for _, c := range w.connectors {
		out[c.Name] = map[string]any{"status": status(c), "info": info(c)}
	}
	answer(rw, http.StatusOK, out)
}

func (w *Worker) pluginAnswer() []map[string]string {
	var out []map[string]string
	for _, p := range w.plugins {
		out = append(out, map[string]string{"class": p.Class, "type": p.Type, "version": p.Version})
	}
	return out
}

func (w *Worker) one(rw http.ResponseWriter, r *http.Request, name string, rest []string) {
	i := slices.IndexFunc(w.connectors, func(c model.Connector) bool { return c.Name == name })
	if i < 0 {
		fail(rw, http.StatusNotFound, "Connector "+name+" not found")
		return
	}
	c := &w.connectors[i]
	sub := strings.Join(rest, "/")
	switch {
	case sub == "" && r.Method == http.MethodGet:
		answer(rw, http.StatusOK, info(*c))
	case sub == "" && r.Method == http.MethodDelete:
		w.connectors = slices.Delete(w.connectors, i, i+1)
		rw.WriteHeader(http.StatusNoContent)
	case sub == "config":
		answer(rw, http.StatusOK, c.Config)
	case sub == "offsets" && r.Method == http.MethodGet:
		answer(rw, http.StatusOK, map[string]any{"offsets": w.offsets[name]})
	case sub == "offsets" && c.State != "STOPPED":
		fail(rw, http.StatusBadRequest, "Connectors must be in the STOPPED state before their offsets can be modified")
	case sub == "offsets" && r.Method == http.MethodDelete:
		delete(w.offsets, name)
		answer(rw, http.StatusOK, map[string]string{"message": "The offsets for this connector have been reset successfully"})
	case sub == "offsets" && r.Method == http.MethodPatch:
		var body struct{ Offsets []model.ConnectorOffset }
		_ = json.NewDecoder(r.Body).Decode(&body)
		w.offsets[name] = body.Offsets
		answer(rw, http.StatusOK, map[string]string{"message": "The offsets for this connector have been altered successfully"})
	case sub == "status":
		answer(rw, http.StatusOK, status(*c))
	case sub == "topics":
		answer(rw, http.StatusOK, map[string]any{c.Name: map[string]any{"topics": c.Topics}})
	case sub == "pause" || sub == "resume" || sub == "stop":
		c.State = map[string]string{"pause": "PAUSED", "resume": "RUNNING", "stop": "STOPPED"}[sub]
		for j := range c.Tasks {
			c.Tasks[j].State = c.State
		}
		if sub == "stop" {
			c.Tasks = nil
		}
		rw.WriteHeader(http.StatusAccepted)
	case sub == "restart" && r.Method == http.MethodPost:
		onlyFailed := r.URL.Query().Get("onlyFailed") == "true"
		if !onlyFailed || c.State == "FAILED" {
			c.State, c.Trace = "RUNNING", ""
		}
		for j := range c.Tasks {
			if t := &c.Tasks[j]; !onlyFailed || t.State == "FAILED" {
				t.State, t.Trace = "RUNNING", ""
			}
		}
		rw.WriteHeader(http.StatusAccepted)
	default:
		fail(rw, http.StatusNotFound, "HTTP 404 Not Found")
	}
}

// SetOffsets sets a connector's offsets.
func (w *Worker) SetOffsets(name string, offsets ...model.ConnectorOffset) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.offsets[name] = offsets
}

// Offsets are a connector's offsets now.
func (w *Worker) Offsets(name string) []model.ConnectorOffset {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.offsets[name]
}

// validate finds the problems a worker would: a class it has not
// installed, and a config without topics for a sink.
func (w *Worker) validate(rw http.ResponseWriter, r *http.Request) {
	var config map[string]string
	_ = json.NewDecoder(r.Body).Decode(&config)
	type value struct {
		Name   string   `json:"name"`
		Errors []string `json:"errors"`
	}
	var configs []map[string]value
	add := func(field, problem string) {
		configs = append(configs, map[string]value{"value": {Name: field, Errors: []string{problem}}})
	}
	class := config["connector.class"]
	i := slices.IndexFunc(w.plugins, func(p model.ConnectorPlugin) bool { return p.Class == class })
	switch {
	case i < 0:
		add("connector.class", "Failed to find any class that implements Connector and which name matches "+class)
	case w.plugins[i].Type == "sink" && config["topics"] == "" && config["topics.regex"] == "":
		add("topics", "Must configure one of topics or topics.regex")
	}
	answer(rw, http.StatusOK, map[string]any{"name": class, "error_count": len(configs), "configs": configs})
}

// put creates or updates a connector's config.
func (w *Worker) put(rw http.ResponseWriter, r *http.Request, name string) {
	var config map[string]string
	_ = json.NewDecoder(r.Body).Decode(&config)
	if i := slices.IndexFunc(w.connectors, func(c model.Connector) bool { return c.Name == name }); i >= 0 {
		w.connectors[i].Config = config
		answer(rw, http.StatusOK, info(w.connectors[i]))
		return
	}
	typ := "source"
	if strings.Contains(config["connector.class"], "Sink") {
		typ = "sink"
	}
	c := model.Connector{Name: name, Type: typ, State: "RUNNING", Worker: "connecttest:8083", Config: config,
		Tasks: []model.ConnectorTask{{ID: 0, State: "RUNNING", Worker: "connecttest:8083"}}}
	w.connectors = append(w.connectors, c)
	answer(rw, http.StatusCreated, info(c))
}

func status(c model.Connector) map[string]any {
	tasks := []map[string]any{}
	for _, t := range c.Tasks {
		tasks = append(tasks, map[string]any{"id": t.ID, "state": t.State, "worker_id": t.Worker, "trace": t.Trace})
	}
	conn := map[string]any{"state": c.State, "worker_id": c.Worker}
	if c.Trace != "" {
		conn["trace"] = c.Trace
	}
	return map[string]any{"name": c.Name, "connector": conn, "tasks": tasks, "type": c.Type}
}

func info(c model.Connector) map[string]any {
	return map[string]any{"name": c.Name, "config": c.Config, "type": c.Type, "tasks": []any{}}
}

func answer(rw http.ResponseWriter, code int, v any) {
	rw.Header().Set("Content-Type", "application/json")
	rw.WriteHeader(code)
	_ = json.NewEncoder(rw).Encode(v)
}

func fail(rw http.ResponseWriter, code int, message string) {
	answer(rw, code, map[string]any{"error_code": code, "message": message})
}
