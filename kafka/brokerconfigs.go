package kafka

import (
	"context"
	"fmt"
	"sort"
	"strconv"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kscope/kscope/model"
)

// BrokerConfigs lists a broker's configuration, by name, with where each
// value comes from and whether it can change while the broker runs.
// kadm's describe drops that last flag, so the request is made here.
func (c *Client) BrokerConfigs(ctx context.Context, broker int32) ([]model.ConfigEntry, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	what := fmt.Sprintf("describe configs of broker %d", broker)
	req := kmsg.NewPtrDescribeConfigsRequest()
	r := kmsg.NewDescribeConfigsRequestResource()
	r.ResourceType, r.ResourceName = kmsg.ConfigResourceTypeBroker, strconv.Itoa(int(broker))
	req.Resources = append(req.Resources, r)
	resp, err := req.RequestWith(ctx, c.kgo.Broker(int(broker)))
	if err != nil {
		return nil, c.explain(what, err)
	}
	if len(resp.Resources) != 1 {
		return nil, fmt.Errorf("%s: the broker answered for %d resources", what, len(resp.Resources))
	}
	res := resp.Resources[0]
	if err := kerr.ErrorForCode(res.ErrorCode); err != nil {
		return nil, c.explain(what, err)
	}
	out := make([]model.ConfigEntry, 0, len(res.Configs))
	for _, cfg := range res.Configs {
		e := model.ConfigEntry{Name: cfg.Name, Source: sourceName(cfg.Source), Sensitive: cfg.IsSensitive, ReadOnly: cfg.ReadOnly}
		if cfg.Value != nil {
			e.Value = *cfg.Value
		}
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// SetBrokerConfig sets one of a broker's dynamic configs for that broker
// alone, or removes its own value (back to the cluster default or the
// static one) when value is nil.
func (c *Client) SetBrokerConfig(ctx context.Context, broker int32, name string, value *string) error {
	if err := c.guard("change broker config"); err != nil {
		return err
	}
	return c.alterConfig(ctx, fmt.Sprintf("set %s of broker %d", name, broker), name, value,
		func(ctx context.Context, alter []kadm.AlterConfig) (kadm.AlterConfigsResponses, error) {
			return c.adm.AlterBrokerConfigs(ctx, alter, broker)
		})
}
