package kafka

import (
	"context"
	"sort"

	"github.com/twmb/franz-go/pkg/kadm"

	"github.com/kscope/kscope/model"
)

// Quotas lists every client quota: for users, client ids, both, or IPs.
func (c *Client) Quotas(ctx context.Context) ([]model.Quota, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	described, err := c.adm.DescribeClientQuotas(ctx, false, nil)
	if err != nil {
		return nil, c.explain("describe quotas", err)
	}
	out := make([]model.Quota, 0, len(described))
	for _, d := range described {
		q := model.Quota{Values: map[string]float64{}}
		for _, e := range d.Entity {
			part := model.QuotaPart{Type: e.Type, Default: e.Name == nil}
			if e.Name != nil {
				part.Name = *e.Name
			}
			q.Entity = append(q.Entity, part)
		}
		for _, v := range d.Values {
			q.Values[v.Key] = v.Value
		}
		out = append(out, q)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].EntityText() < out[j].EntityText() })
	return out, nil
}

// SetQuota sets limits on an entity and removes others (keys in remove).
func (c *Client) SetQuota(ctx context.Context, entity []model.QuotaPart, set map[string]float64, remove []string) error {
	if err := c.guard("change a quota"); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	var ent kadm.ClientQuotaEntity
	for _, p := range entity {
		comp := kadm.ClientQuotaEntityComponent{Type: p.Type}
		if !p.Default {
			name := p.Name
			comp.Name = &name
		}
		ent = append(ent, comp)
	}
	var ops []kadm.AlterClientQuotaOp
	for k, v := range set {
		ops = append(ops, kadm.AlterClientQuotaOp{Key: k, Value: v})
	}
	for _, k := range remove {
		ops = append(ops, kadm.AlterClientQuotaOp{Key: k, Remove: true})
	}
	altered, err := c.adm.AlterClientQuotas(ctx, []kadm.AlterClientQuotaEntry{{Entity: ent, Ops: ops}})
	if err == nil {
		for _, a := range altered {
			if a.Err != nil {
				err = a.Err
			}
		}
	}
	if err != nil {
		return c.explain("change the quota of "+model.Quota{Entity: entity}.EntityText(), err)
	}
	return nil
}
