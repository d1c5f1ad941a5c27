package kafkatest

import (
	"context"
	"slices"

	"github.com/kscope/kscope/model"
)

// SetTransactions replaces the transactional ids the fake reports.
func (f *Fake) SetTransactions(txns ...model.Transaction) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.txns = slices.Clone(txns)
}

// Transactions answers like kafka.Client.Transactions.
func (f *Fake) Transactions(context.Context) ([]model.Transaction, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return nil, f.err
	}
	return slices.Clone(f.txns), nil
}
