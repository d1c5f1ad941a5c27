package pane

import "context"

// Scope is a pane's lifetime. What the pane asks of the cluster runs under
// its context, and Close, which the root calls when the pane leaves the
// stack, cancels it: a closed pane leaves no request behind. Panes embed
// it, which makes them Closers.
type Scope struct {
	ctx    context.Context
	cancel context.CancelFunc
}

// NewScope begins a pane's lifetime within the app's.
func (c Common) NewScope() Scope {
	parent := c.Context
	if parent == nil {
		parent = context.Background()
	}
	ctx, cancel := context.WithCancel(parent)
	return Scope{ctx: ctx, cancel: cancel}
}

// Context is cancelled once the pane is closed.
func (s Scope) Context() context.Context { return s.ctx }

// Close cancels what the pane still has in flight.
func (s Scope) Close() { s.cancel() }
