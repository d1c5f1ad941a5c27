package kafkatest

import (
	"context"
	"fmt"
	"slices"

	"github.com/kscope/kscope/model"
)

// SetACLs replaces the bindings the fake reports.
func (f *Fake) SetACLs(acls ...model.ACL) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.acls = slices.Clone(acls)
}

// ACLs answers like kafka.Client.ACLs.
func (f *Fake) ACLs(context.Context) ([]model.ACL, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return nil, f.err
	}
	return slices.Clone(f.acls), nil
}

// CreateACL answers like kafka.Client.CreateACL.
func (f *Fake) CreateACL(_ context.Context, a model.ACL) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return f.err
	}
	if !slices.Contains(f.acls, a) {
		f.acls = append(f.acls, a)
	}
	return nil
}

// DeleteACL answers like kafka.Client.DeleteACL: exactly that binding.
func (f *Fake) DeleteACL(_ context.Context, a model.ACL) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return f.err
	}
	i := slices.Index(f.acls, a)
	if i < 0 {
		return fmt.Errorf("delete ACL %s: no such binding", a)
	}
	f.acls = slices.Delete(f.acls, i, i+1)
	return nil
}
