package kafkatest

import (
	"context"
	"errors"
	"slices"

	"github.com/kscope/kscope/model"
)

// SetFeatures sets the features the fake reports.
func (f *Fake) SetFeatures(fs ...model.Feature) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.features = slices.Clone(fs)
}

// Features answers like kafka.Client.Features.
func (f *Fake) Features(context.Context) ([]model.Feature, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return nil, f.err
	}
	return slices.Clone(f.features), nil
}

// SetQuorum sets the KRaft quorum the fake reports; without one, it
// answers as kfake does, that it has none.
func (f *Fake) SetQuorum(q model.Quorum) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.quorum = &q
}

// Quorum answers like kafka.Client.Quorum.
func (f *Fake) Quorum(context.Context) (model.Quorum, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	switch {
	case f.err != nil:
		return model.Quorum{}, f.err
	case f.quorum == nil:
		return model.Quorum{}, errors.New("describe the quorum: the cluster does not describe a KRaft quorum")
	}
	return *f.quorum, nil
}
