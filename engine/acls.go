package engine

import (
	"context"
	"fmt"

	"github.com/kscope/kscope/model"
)

// ACLLister lists the cluster's ACL bindings.
type ACLLister interface {
	ACLs(ctx context.Context) ([]model.ACL, error)
}

// ACLWriter creates and deletes ACL bindings.
type ACLWriter interface {
	CreateACL(ctx context.Context, a model.ACL) error
	DeleteACL(ctx context.Context, a model.ACL) error
}

// SelectACLs are the cluster's bindings a filter selects.
func SelectACLs(ctx context.Context, l ACLLister, f model.ACLFilter) ([]model.ACL, error) {
	all, err := l.ACLs(ctx)
	if err != nil {
		return nil, err
	}
	var out []model.ACL
	for _, a := range all {
		if f.Matches(a) {
			out = append(out, a)
		}
	}
	return out, nil
}

// ACLChange creates or deletes bindings, shown first as they are.
type ACLChange struct {
	Create   bool
	Bindings []model.ACL
}

// Verb is what the change does: create or delete.
func (c ACLChange) Verb() string {
	if c.Create {
		return "create"
	}
	return "delete"
}

// Warning is what deleting a DENY binding lets through, for the preview;
// empty for any other change.
func (c ACLChange) Warning() string {
	if c.Create {
		return ""
	}
	for _, a := range c.Bindings {
		if a.Permission == "DENY" {
			return "what a DENY binding denies is then allowed wherever another binding allows it"
		}
	}
	return ""
}

// Apply makes the change, a binding at a time, calling done after each;
// stopped by a refusal, it says how many it made first.
func (c ACLChange) Apply(ctx context.Context, w ACLWriter, done func(model.ACL)) error {
	op := w.DeleteACL
	if c.Create {
		op = w.CreateACL
	}
	for i, a := range c.Bindings {
		if err := op(ctx, a); err != nil {
			if len(c.Bindings) == 1 {
				return err
			}
			return fmt.Errorf("%sd %d of %d bindings, then: %w", c.Verb(), i, len(c.Bindings), err)
		}
		if done != nil {
			done(a)
		}
	}
	return nil
}
