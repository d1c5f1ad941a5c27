package kafka

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kscope/kscope/model"
)

// The configs of a client-metrics subscription.
const (
	metricsKey  = "metrics"
	intervalKey = "interval.ms"
	matchKey    = "match"
)

// ClientMetrics lists the client-metrics subscriptions (ListConfigResources
// then DescribeConfigs, as kafka-client-metrics.sh --describe), by name.
func (c *Client) ClientMetrics(ctx context.Context) ([]model.ClientMetrics, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	listed, err := c.adm.ListConfigResources(ctx, kadm.ConfigResourceClientMetrics)
	if err == nil {
		err = listed.Err
	}
	if err != nil {
		return nil, c.explain("list client-metrics subscriptions", err)
	}
	if len(listed.Resources) == 0 {
		return nil, nil
	}
	req := kmsg.NewPtrDescribeConfigsRequest()
	for _, r := range listed.Sorted() {
		res := kmsg.NewDescribeConfigsRequestResource()
		res.ResourceType, res.ResourceName = kmsg.ConfigResourceTypeClientMetrics, r.Name
		req.Resources = append(req.Resources, res)
	}
	resp, err := req.RequestWith(ctx, c.kgo)
	if err != nil {
		return nil, c.explain("describe client-metrics subscriptions", err)
	}
	var out []model.ClientMetrics
	for _, r := range resp.Resources {
		if err := kerr.ErrorForCode(r.ErrorCode); err != nil {
			return nil, c.explain(fmt.Sprintf("describe client-metrics subscription %q", r.ResourceName), err)
		}
		m := model.ClientMetrics{Name: r.ResourceName}
		for _, cfg := range r.Configs {
			value := ""
			if cfg.Value != nil {
				value = *cfg.Value
			}
			switch cfg.Name {
			case metricsKey:
				m.Metrics = list(value)
			case matchKey:
				m.Match = list(value)
			case intervalKey:
				m.IntervalMs, _ = strconv.Atoi(value)
			}
		}
		out = append(out, m)
	}
	slices.SortFunc(out, func(a, b model.ClientMetrics) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}

func list(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

// SetClientMetrics creates or replaces a subscription, as
// kafka-client-metrics.sh --alter does.
func (c *Client) SetClientMetrics(ctx context.Context, m model.ClientMetrics) error {
	if err := c.guard("set a client-metrics subscription"); err != nil {
		return err
	}
	set := map[string]string{metricsKey: strings.Join(m.Metrics, ","), intervalKey: strconv.Itoa(m.IntervalMs), matchKey: strings.Join(m.Match, ",")}
	return c.alterClientMetrics(ctx, m.Name, set, "set")
}

// DeleteClientMetrics deletes a subscription: all its configs.
func (c *Client) DeleteClientMetrics(ctx context.Context, name string) error {
	if err := c.guard("delete a client-metrics subscription"); err != nil {
		return err
	}
	return c.alterClientMetrics(ctx, name, map[string]string{metricsKey: "", intervalKey: "", matchKey: ""}, "delete")
}

// alterClientMetrics sets configs (or, with how delete, removes them).
func (c *Client) alterClientMetrics(ctx context.Context, name string, configs map[string]string, how string) error {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	req := kmsg.NewPtrIncrementalAlterConfigsRequest()
	res := kmsg.NewIncrementalAlterConfigsRequestResource()
	res.ResourceType, res.ResourceName = kmsg.ConfigResourceTypeClientMetrics, name
	for _, k := range []string{metricsKey, intervalKey, matchKey} {
		cfg := kmsg.NewIncrementalAlterConfigsRequestResourceConfig()
		cfg.Name = k
		if how == "delete" || configs[k] == "" && k == matchKey {
			cfg.Op = kmsg.IncrementalAlterConfigOpDelete
		} else {
			v := configs[k]
			cfg.Op, cfg.Value = kmsg.IncrementalAlterConfigOpSet, &v
		}
		res.Configs = append(res.Configs, cfg)
	}
	req.Resources = append(req.Resources, res)
	resp, err := req.RequestWith(ctx, c.kgo)
	if err != nil {
		return c.explain(how+" client-metrics subscription "+strconv.Quote(name), err)
	}
	var failed []error
	for _, r := range resp.Resources {
		if err := kerr.ErrorForCode(r.ErrorCode); err != nil {
			msg := ""
			if r.ErrorMessage != nil {
				msg = ": " + model.Sanitize(*r.ErrorMessage)
			}
			failed = append(failed, fmt.Errorf("%s client-metrics subscription %q: %w%s", how, name, err, msg))
		}
	}
	return errors.Join(failed...)
}
