package kafkatest

import (
	"context"
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
