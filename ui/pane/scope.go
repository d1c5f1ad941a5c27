package pane

import "context"

// Scope is a pane's lifetime. What the pane asks of the cluster runs under
// its context, and Close, which the root calls when the pane leaves the
// stack, cancels it: a closed pane leaves no request behind. Panes embed
// it, which makes them Closers and Suspenders.
type Scope struct {
	parent context.Context
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
	return Scope{parent: parent, ctx: ctx, cancel: cancel}
}

// Context is cancelled once the pane is closed, or suspended.
func (s *Scope) Context() context.Context { return s.ctx }

// Close cancels what the pane still has in flight.
func (s *Scope) Close() { s.cancel() }

// Suspend cancels what the pane has in flight as it leaves the screen for
// history; what it asks once back on screen runs under a new context.
func (s *Scope) Suspend() {
	s.cancel()
	s.ctx, s.cancel = context.WithCancel(s.parent)
}
