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
	if err := c.guard("create an ACL"); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	rt, pattern, op, perm, err := aclEnums(a)
	if err != nil {
		return err
	}
	req := kmsg.NewPtrCreateACLsRequest()
	cr := kmsg.NewCreateACLsRequestCreation()
	cr.ResourceType, cr.ResourceName, cr.ResourcePatternType = rt, a.ResourceName, pattern
	cr.Principal, cr.Host, cr.Operation, cr.PermissionType = a.Principal, a.Host, op, perm
	req.Creations = append(req.Creations, cr)
	resp, err := req.RequestWith(ctx, c.kgo)
	if err == nil && len(resp.Results) == 1 {
		err = kerr.ErrorForCode(resp.Results[0].ErrorCode)
	}
	if err != nil {
		return c.explain("create ACL "+a.String(), err)
	}
	return nil
}

// DeleteACL removes exactly one binding: the filter names every field,
// so it matches that binding alone.
func (c *Client) DeleteACL(ctx context.Context, a model.ACL) error {
	if err := c.guard("delete an ACL"); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	rt, pattern, op, perm, err := aclEnums(a)
	if err != nil {
		return err
	}
	req := kmsg.NewPtrDeleteACLsRequest()
	f := kmsg.NewDeleteACLsRequestFilter()
	f.ResourceType, f.ResourceName, f.ResourcePatternType = rt, &a.ResourceName, pattern
	f.Principal, f.Host, f.Operation, f.PermissionType = &a.Principal, &a.Host, op, perm
	req.Filters = append(req.Filters, f)
	resp, err := req.RequestWith(ctx, c.kgo)
	if err == nil && len(resp.Results) == 1 {
		err = kerr.ErrorForCode(resp.Results[0].ErrorCode)
		if err == nil && len(resp.Results[0].MatchingACLs) == 0 {
			err = fmt.Errorf("no such binding")
		}
	}
	if err != nil {
		return c.explain("delete ACL "+a.String(), err)
	}
	return nil
}

// aclEnums reads a binding's kinds as the protocol numbers them.
func aclEnums(a model.ACL) (kmsg.ACLResourceType, kmsg.ACLResourcePatternType, kmsg.ACLOperation, kmsg.ACLPermissionType, error) {
	rt, err1 := kmsg.ParseACLResourceType(a.ResourceType)
	pattern, err2 := kmsg.ParseACLResourcePatternType(a.Pattern)
	op, err3 := kmsg.ParseACLOperation(a.Operation)
	perm, err4 := kmsg.ParseACLPermissionType(a.Permission)
	for _, err := range []error{err1, err2, err3, err4} {
		if err != nil {
			return 0, 0, 0, 0, fmt.Errorf("ACL %s: %w", a, err)
		}
	}
	return rt, pattern, op, perm, nil
}
