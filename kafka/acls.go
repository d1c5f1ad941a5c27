package kafka

import (
	"context"
	"fmt"
	"sort"

	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kscope/kscope/model"
)

// ACLs lists every binding the cluster holds. It needs DESCRIBE on the
// cluster; a cluster without an authorizer says so (SECURITY_DISABLED).
func (c *Client) ACLs(ctx context.Context) ([]model.ACL, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	req := kmsg.NewPtrDescribeACLsRequest()
	req.ResourceType = kmsg.ACLResourceTypeAny
	req.ResourcePatternType = kmsg.ACLResourcePatternTypeAny
	req.Operation = kmsg.ACLOperationAny
	req.PermissionType = kmsg.ACLPermissionTypeAny
	resp, err := req.RequestWith(ctx, c.kgo)
	if err == nil {
		err = kerr.ErrorForCode(resp.ErrorCode)
	}
	if err != nil {
		return nil, c.explain("describe ACLs", err)
	}
	var out []model.ACL
	for _, r := range resp.Resources {
		for _, a := range r.ACLs {
			out = append(out, model.ACL{Principal: a.Principal, Host: a.Host, ResourceType: r.ResourceType.String(), ResourceName: r.ResourceName,
				Pattern: r.ResourcePatternType.String(), Operation: a.Operation.String(), Permission: a.PermissionType.String()})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	return out, nil
}

// CreateACL adds one binding.
func (c *Client) CreateACL(ctx context.Context, a model.ACL) error {
	return c.changeACL(ctx, "create", a, func(ctx context.Context, k aclKinds) error {
		req := kmsg.NewPtrCreateACLsRequest()
		cr := kmsg.NewCreateACLsRequestCreation()
		cr.ResourceType, cr.ResourceName, cr.ResourcePatternType = k.resource, a.ResourceName, k.pattern
		cr.Principal, cr.Host, cr.Operation, cr.PermissionType = a.Principal, a.Host, k.operation, k.permission
		req.Creations = append(req.Creations, cr)
		resp, err := req.RequestWith(ctx, c.kgo)
		if err == nil && len(resp.Results) == 1 {
			err = kerr.ErrorForCode(resp.Results[0].ErrorCode)
		}
		return err
	})
}

// DeleteACL removes exactly one binding: the filter names every field,
// so it matches that binding alone.
func (c *Client) DeleteACL(ctx context.Context, a model.ACL) error {
	return c.changeACL(ctx, "delete", a, func(ctx context.Context, k aclKinds) error {
		req := kmsg.NewPtrDeleteACLsRequest()
		f := kmsg.NewDeleteACLsRequestFilter()
		f.ResourceType, f.ResourceName, f.ResourcePatternType = k.resource, &a.ResourceName, k.pattern
		f.Principal, f.Host, f.Operation, f.PermissionType = &a.Principal, &a.Host, k.operation, k.permission
		req.Filters = append(req.Filters, f)
		resp, err := req.RequestWith(ctx, c.kgo)
		if err == nil && len(resp.Results) == 1 {
			err = kerr.ErrorForCode(resp.Results[0].ErrorCode)
			if err == nil && len(resp.Results[0].MatchingACLs) == 0 {
				err = fmt.Errorf("no such binding")
			}
		}
		return err
	})
}

// changeACL sends one change of a binding, refused in read-only mode, and
// says what failed as what.
func (c *Client) changeACL(ctx context.Context, verb string, a model.ACL, send func(context.Context, aclKinds) error) error {
	if err := c.guard(verb + " an ACL"); err != nil {
		return err
	}
	k, err := aclKindsOf(a)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	if err := send(ctx, k); err != nil {
		return c.explain(verb+" ACL "+a.String(), err)
	}
	return nil
}

// aclKinds are a binding's kinds as the protocol numbers them.
type aclKinds struct {
	resource   kmsg.ACLResourceType
	pattern    kmsg.ACLResourcePatternType
	operation  kmsg.ACLOperation
	permission kmsg.ACLPermissionType
}

func aclKindsOf(a model.ACL) (aclKinds, error) {
	var k aclKinds
	var errs [4]error
	k.resource, errs[0] = kmsg.ParseACLResourceType(a.ResourceType)
	k.pattern, errs[1] = kmsg.ParseACLResourcePatternType(a.Pattern)
	k.operation, errs[2] = kmsg.ParseACLOperation(a.Operation)
	k.permission, errs[3] = kmsg.ParseACLPermissionType(a.Permission)
	for _, err := range errs {
		if err != nil {
			return k, fmt.Errorf("ACL %s: %w", a, err)
		}
	}
	return k, nil
}
