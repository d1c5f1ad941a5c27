// Package connect is the adapter to Kafka Connect: its workers' REST API
// in, model types out. Credentials go to the URL the user named alone
// (see webclient), and every answer is bounded.
package connect

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/webclient"
)

// maxAnswer bounds one answer of a worker: the status and configs of a
// few thousand connectors fit in it many times over.
const maxAnswer = 32 << 20

// Client talks to one Connect cluster, through any of its workers.
type Client struct {
	name string // what the context calls the cluster
	web  webclient.Config
	http *http.Client
	// patience is how long a rebalance is waited out: the client's
	// timeout.
	patience time.Duration
}

// New makes a client for the Connect cluster at cfg.URL, called name.
// It does not connect until asked.
func New(name string, cfg webclient.Config) (*Client, error) {
	cfg.Service = "connect"
	if cfg.MaxBody == 0 {
		cfg.MaxBody = maxAnswer
	}
	if err := webclient.Home(&cfg); err != nil {
		return nil, fmt.Errorf("connect cluster %s: URL: %w", name, err)
	}
	cfg.URL = strings.TrimSuffix(cfg.URL, "/")
	return &Client{name: name, web: cfg, http: webclient.New(cfg), patience: cmp.Or(cfg.Timeout, 10*time.Second)}, nil
}

// Name is what the context calls the cluster.
func (c *Client) Name() string { return c.name }

// URL is where the cluster is, without credentials.
func (c *Client) URL() string { return c.web.URL }

// errorBody is how a worker says why it refused a request.
type errorBody struct {
	Code    int    `json:"error_code"`
	Message string `json:"message"`
}

// do sends a request with body (nil: none) as JSON and decodes the answer
// into out (nil: the answer is not read). A refusal is one line with
// the worker's own message. While the workers rebalance (after a
// connector is created or a worker joins) they refuse requests (see
// rebalancing); do asks again, a little later each time, until they
// answer or the client's timeout is spent.
func (c *Client) do(ctx context.Context, method, path string, body, out any) error {
	var in []byte
	if body != nil {
		var err error
		if in, err = json.Marshal(body); err != nil {
			return err
		}
	}
	wait, deadline := 100*time.Millisecond, time.Now().Add(c.patience)
	for {
		err := c.once(ctx, method, path, in, out)
		if !rebalancing(err) || time.Now().Add(wait).After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(wait):
		}
		wait = min(2*wait, 2*time.Second)
	}
}

// rebalancing reports whether err is the workers' refusal while they
// rebalance: 409 Conflict from the request handlers, or the herder's
// RebalanceNeededException as a 500 from the endpoints that reach it
// directly: a CI run on a 4.3 worker had it pass a retry of 409s alone.
func rebalancing(err error) bool {
	var refused *Error
	if !errors.As(err, &refused) {
		return false
	}
	return refused.Status == http.StatusConflict ||
		refused.Status >= 500 && strings.Contains(refused.Message, "rebalance")
}

// once sends a request once.
func (c *Client) once(ctx context.Context, method, path string, body []byte, out any) error {
	var in io.Reader
	if body != nil {
		in = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.web.URL+path, in)
	if err != nil {
		return err
	}
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	webclient.Authorize(req, c.web)
	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("connect cluster %s: %w", c.name, unwrapURL(err))
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		var e errorBody
		_ = json.NewDecoder(resp.Body).Decode(&e)
		why := e.Message
		if why == "" {
			why = resp.Status
		}
		if resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden {
			why = fmt.Sprintf("%s (%s): check the context's connect credentials", why, resp.Status)
		}
		return &Error{Cluster: c.name, Status: resp.StatusCode, Message: model.Sanitize(firstLine(why))}
	}
	if out == nil {
		_, _ = io.Copy(io.Discard, resp.Body)
		return nil
	}
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		return fmt.Errorf("connect cluster %s: %s %s: unreadable answer: %w", c.name, method, path, err)
	}
	return nil
}

// Error is a worker's refusal.
type Error struct {
	Cluster string
	Status  int
	Message string
}

func (e *Error) Error() string { return fmt.Sprintf("connect cluster %s: %s", e.Cluster, e.Message) }

// NotFound reports whether err says the connector does not exist.
func NotFound(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Status == http.StatusNotFound
}

// unwrapURL drops Go's "Get \"URL\": " from a transport error: the URL
// is said once, by the caller.
func unwrapURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}

// path is a connector's path, its name escaped.
func path(name string, rest ...string) string {
	return "/connectors/" + url.PathEscape(name) + strings.Join(rest, "")
}

type (
	stateAnswer struct {
		State  string `json:"state"`
		Worker string `json:"worker_id"`
		Trace  string `json:"trace"`
	}
	taskAnswer struct {
		ID int `json:"id"`
		stateAnswer
	}
	statusAnswer struct {
		Connector stateAnswer  `json:"connector"`
		Tasks     []taskAnswer `json:"tasks"`
		Type      string       `json:"type"`
	}
	infoAnswer struct {
		Config map[string]string `json:"config"`
		Type   string            `json:"type"`
	}
	expandedAnswer map[string]struct {
		Status statusAnswer `json:"status"`
		Info   infoAnswer   `json:"info"`
	}
)

// Connectors are every connector of the cluster with its status, config
// and topics, by name.
func (c *Client) Connectors(ctx context.Context) ([]model.Connector, error) {
	var all expandedAnswer
	if err := c.do(ctx, http.MethodGet, "/connectors?expand=status&expand=info", nil, &all); err != nil {
		return nil, err
	}
	out := make([]model.Connector, 0, len(all))
	for name, a := range all {
		out = append(out, connector(name, a.Status, a.Info))
	}
	slices.SortFunc(out, func(a, b model.Connector) int { return strings.Compare(a.Name, b.Name) })
	c.fillTopics(ctx, out)
	return out, nil
}

// Connector is one connector with its status, config and topics.
func (c *Client) Connector(ctx context.Context, name string) (model.Connector, error) {
	var status statusAnswer
	var info infoAnswer
	if err := c.do(ctx, http.MethodGet, path(name, "/status"), nil, &status); err != nil {
		return model.Connector{Name: name}, err
	}
	if err := c.do(ctx, http.MethodGet, path(name), nil, &info); err != nil {
		return model.Connector{Name: name}, err
	}
	out := []model.Connector{connector(name, status, info)}
	c.fillTopics(ctx, out)
	return out[0], nil
}

func connector(name string, s statusAnswer, i infoAnswer) model.Connector {
	c := model.Connector{Name: name, Type: i.Type, State: s.Connector.State, Worker: s.Connector.Worker,
		Trace: s.Connector.Trace, Config: i.Config}
	if c.Type == "" {
		c.Type = s.Type
	}
	for _, t := range s.Tasks {
		c.Tasks = append(c.Tasks, model.ConnectorTask{ID: t.ID, State: t.State, Worker: t.Worker, Trace: t.Trace})
	}
	slices.SortFunc(c.Tasks, func(a, b model.ConnectorTask) int { return a.ID - b.ID })
	return c
}

// topicsAsked bounds the requests for connectors' topics in flight.
const topicsAsked = 8

// fillTopics asks each connector's topics (KIP-558), a few at a time; a
// worker that does not say (topic tracking off) leaves them nil.
func (c *Client) fillTopics(ctx context.Context, cs []model.Connector) {
	var wg sync.WaitGroup
	sem := make(chan struct{}, topicsAsked)
	for i := range cs {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			var answer map[string]struct {
				Topics []string `json:"topics"`
			}
			if c.do(ctx, http.MethodGet, path(cs[i].Name, "/topics"), nil, &answer) == nil {
				cs[i].Topics = answer[cs[i].Name].Topics
				slices.Sort(cs[i].Topics)
			}
		})
	}
	wg.Wait()
}

// Plugins are the connector classes the cluster has installed.
func (c *Client) Plugins(ctx context.Context) ([]model.ConnectorPlugin, error) {
	var answer []struct {
		Class   string `json:"class"`
		Type    string `json:"type"`
		Version string `json:"version"`
	}
	if err := c.do(ctx, http.MethodGet, "/connector-plugins?connectorsOnly=true", nil, &answer); err != nil {
		return nil, err
	}
	out := make([]model.ConnectorPlugin, len(answer))
	for i, p := range answer {
		out[i] = model.ConnectorPlugin{Class: p.Class, Type: p.Type, Version: p.Version}
	}
	slices.SortFunc(out, func(a, b model.ConnectorPlugin) int { return strings.Compare(a.Class, b.Class) })
	return out, nil
}
