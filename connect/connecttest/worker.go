// Package connecttest is a Kafka Connect worker in memory: the REST API
// kscope uses, over connectors a test sets, for tests and the demo.
package connecttest

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"

	"github.com/kscope/kscope/model"
)

// Worker serves the Connect REST API over its connectors.
type Worker struct {
	mu         sync.Mutex
	connectors []model.Connector
	plugins    []model.ConnectorPlugin
	// Auth, when set, is the Authorization header every request must
	// carry; others get 401.
	Auth string
	// Seen are the requests answered, "METHOD PATH", in order.
	seen []string
}

// New is a worker holding connectors.
func New(cs ...model.Connector) *Worker {
	return &Worker{connectors: cs, plugins: []model.ConnectorPlugin{
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
	if w.Auth != "" && r.Header.Get("Authorization") != w.Auth {
		fail(rw, http.StatusUnauthorized, "Unauthorized")
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
