package mcpserver

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/report"
)

var transactionsTool = &mcp.Tool{Name: "transactions", Description: "Transactional producers and their transactions, hanging ones first: a transaction open longer than its timeout holds every read_committed consumer of its partitions at its first record."}

type transactionsOutput struct {
	Transactions []report.Transaction `json:"transactions"`
	Hanging      int                  `json:"hanging"`
	Truncated    bool                 `json:"truncated,omitempty"`
}

// maxTransactions bounds the transactional ids one answer lists.
const maxTransactions = 1000

func (s *server) transactions(ctx context.Context, _ noInput) (transactionsOutput, error) {
	txns, err := s.cluster.Transactions(ctx)
	if err != nil {
		return transactionsOutput{}, err
	}
	now := s.opts.Now()
	slices.SortStableFunc(txns, func(a, b model.Transaction) int {
		if a.Hanging(now) != b.Hanging(now) {
			return map[bool]int{true: -1, false: 1}[a.Hanging(now)]
		}
		return cmp.Compare(b.Age(now), a.Age(now))
	})
	out := transactionsOutput{}
	for _, t := range txns {
		if t.Hanging(now) {
			out.Hanging++
		}
	}
	txns, out.Truncated = capped(txns, maxTransactions)
	out.Transactions = report.Transactions(txns, now)
	return out, nil
}

var aclsTool = &mcp.Tool{Name: "acls", Description: "The cluster's ACL bindings, all of them or those of a principal or resource: who may do what to which topic, group, transactional id or the cluster."}

type (
	aclsInput struct {
		Principal string `json:"principal,omitempty" jsonschema:"only this principal's, such as User:alice"`
		Resource  string `json:"resource,omitempty" jsonschema:"only bindings on a resource of this name"`
	}
	aclsOutput struct {
		ACLs      []report.ACL `json:"acls"`
		Truncated bool         `json:"truncated,omitempty"`
	}
)

// maxACLs bounds the bindings one answer lists.
const maxACLs = 2000

func (s *server) acls(ctx context.Context, in aclsInput) (aclsOutput, error) {
	acls, err := s.cluster.ACLs(ctx)
	if err != nil {
		return aclsOutput{}, err
	}
	acls = slices.DeleteFunc(acls, func(a model.ACL) bool {
		return in.Principal != "" && !strings.EqualFold(a.Principal, in.Principal) || in.Resource != "" && a.ResourceName != in.Resource
	})
	out := aclsOutput{}
	acls, out.Truncated = capped(acls, maxACLs)
	out.ACLs = report.ACLs(acls)
	return out, nil
}
