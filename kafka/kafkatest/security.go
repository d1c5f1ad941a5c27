package kafkatest

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/kscope/kscope/model"
)

// SetQuotas replaces the quotas the fake reports.
func (f *Fake) SetQuotas(qs ...model.Quota) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.quotas = slices.Clone(qs)
}

// Quotas answers like kafka.Client.Quotas.
func (f *Fake) Quotas(context.Context) ([]model.Quota, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return nil, f.err
	}
	out := make([]model.Quota, len(f.quotas))
	for i, q := range f.quotas {
		out[i] = model.Quota{Entity: slices.Clone(q.Entity), Values: maps.Clone(q.Values)}
	}
	return out, nil
}

// SetQuota answers like kafka.Client.SetQuota: an entity left with no
// limits is gone.
func (f *Fake) SetQuota(_ context.Context, entity []model.QuotaPart, set map[string]float64, remove []string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return f.err
	}
	i := slices.IndexFunc(f.quotas, func(q model.Quota) bool { return slices.Equal(q.Entity, entity) })
	if i < 0 {
		f.quotas = append(f.quotas, model.Quota{Entity: slices.Clone(entity), Values: map[string]float64{}})
		i = len(f.quotas) - 1
	}
	maps.Copy(f.quotas[i].Values, set)
	for _, k := range remove {
		delete(f.quotas[i].Values, k)
	}
	if len(f.quotas[i].Values) == 0 {
		f.quotas = slices.Delete(f.quotas, i, i+1)
	}
	return nil
}

// SetSCRAMUsers replaces the SCRAM users the fake reports.
func (f *Fake) SetSCRAMUsers(us ...model.SCRAMUser) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.users = slices.Clone(us)
}

// SCRAMUsers answers like kafka.Client.SCRAMUsers.
func (f *Fake) SCRAMUsers(context.Context) ([]model.SCRAMUser, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return nil, f.err
	}
	out := make([]model.SCRAMUser, len(f.users))
	for i, u := range f.users {
		out[i] = model.SCRAMUser{Name: u.Name, Credentials: slices.Clone(u.Credentials)}
	}
	return out, nil
}

// SetSCRAMPassword answers like kafka.Client.SetSCRAMPassword; the
// password itself is not kept.
func (f *Fake) SetSCRAMPassword(_ context.Context, user, mechanism, password string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return f.err
	}
	if password == "" {
		return fmt.Errorf("set the %s password of %q: empty password", mechanism, user)
	}
	i := slices.IndexFunc(f.users, func(u model.SCRAMUser) bool { return u.Name == user })
	if i < 0 {
		f.users = append(f.users, model.SCRAMUser{Name: user})
		i = len(f.users) - 1
	}
	u := &f.users[i]
	u.Credentials = slices.DeleteFunc(u.Credentials, func(c model.SCRAMCredential) bool { return c.Mechanism == mechanism })
	u.Credentials = append(u.Credentials, model.SCRAMCredential{Mechanism: mechanism, Iterations: 8192})
	return nil
}

// DeleteSCRAMUser answers like kafka.Client.DeleteSCRAMUser.
func (f *Fake) DeleteSCRAMUser(_ context.Context, user string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return f.err
	}
	i := slices.IndexFunc(f.users, func(u model.SCRAMUser) bool { return u.Name == user })
	if i < 0 {
		return fmt.Errorf("delete SCRAM user %q: no such user", user)
	}
	f.users = slices.Delete(f.users, i, i+1)
	return nil
}
