package connect

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/kscope/kscope/model"
)

// Validate asks the worker whether a connector's config is valid for its
// plugin (PUT /connector-plugins/{class}/config/validate), and what is
// wrong with each field that is not.
func (c *Client) Validate(ctx context.Context, config map[string]string) (model.ConfigProblems, error) {
	var answer struct {
		ErrorCount int `json:"error_count"`
		Configs    []struct {
			Value struct {
				Name   string   `json:"name"`
				Errors []string `json:"errors"`
			} `json:"value"`
		} `json:"configs"`
	}
	class := url.PathEscape(config["connector.class"])
	if err := c.do(ctx, http.MethodPut, "/connector-plugins/"+class+"/config/validate", config, &answer); err != nil {
		return nil, err
	}
	var out model.ConfigProblems
	for _, cfg := range answer.Configs {
		for _, e := range cfg.Value.Errors {
			out = append(out, model.ConfigProblem{Field: cfg.Value.Name, Problem: e})
		}
	}
	slices.SortStableFunc(out, func(a, b model.ConfigProblem) int { return strings.Compare(a.Field, b.Field) })
	return out, nil
}

// Config is a connector's config now; found is false when there is no
// such connector.
func (c *Client) Config(ctx context.Context, name string) (config map[string]string, found bool, err error) {
	err = c.do(ctx, http.MethodGet, path(name, "/config"), nil, &config)
	if NotFound(err) {
		return nil, false, nil
	}
	return config, err == nil, err
}

// Put creates the connector, or updates its config.
func (c *Client) Put(ctx context.Context, name string, config map[string]string) error {
	return c.do(ctx, http.MethodPut, path(name, "/config"), config, nil)
}

type offsetsBody struct {
	Offsets []struct {
		Partition map[string]any `json:"partition"`
		Offset    map[string]any `json:"offset"`
	} `json:"offsets"`
}

// Offsets are the connector's offsets (Kafka 3.6+): a source's positions
// in what it reads, a sink's in its topics.
func (c *Client) Offsets(ctx context.Context, name string) ([]model.ConnectorOffset, error) {
	var answer offsetsBody
	if err := c.do(ctx, http.MethodGet, path(name, "/offsets"), nil, &answer); err != nil {
		return nil, err
	}
	out := make([]model.ConnectorOffset, len(answer.Offsets))
	for i, o := range answer.Offsets {
		out[i] = model.ConnectorOffset{Partition: o.Partition, Offset: o.Offset}
	}
	return out, nil
}

// AlterOffsets sets some of the connector's offsets; a null offset
// removes one. The connector must be stopped.
func (c *Client) AlterOffsets(ctx context.Context, name string, offsets []model.ConnectorOffset) error {
	body := map[string]any{"offsets": offsets}
	return c.do(ctx, http.MethodPatch, path(name, "/offsets"), body, nil)
}

// ResetOffsets removes all the connector's offsets: a source starts from
// the beginning of what it reads, a sink from its consumer group's
// auto.offset.reset. The connector must be stopped.
func (c *Client) ResetOffsets(ctx context.Context, name string) error {
	return c.do(ctx, http.MethodDelete, path(name, "/offsets"), nil, nil)
}
