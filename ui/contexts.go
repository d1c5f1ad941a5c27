package ui

import (
	"context"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/schemas"
	"github.com/kscope/kscope/ui/tail"
	"github.com/kscope/kscope/ui/topics"
)

// Contexts lets the user move to another cluster of the config file
// without leaving kscope (:ctx NAME).
type Contexts interface {
	// List names the contexts and the one in use ("" for none).
	List() (names []string, current string, err error)
	// Switch connects to a context. Connecting may run the commands the
	// context names for its secrets, so it is called off the event loop.
	Switch(name string) (Connection, error)
}

// Connection is a client to a cluster and what to call it.
type Connection struct {
	Client   Client
	Registry schemas.Registry // nil: the context names none
	Decoding tail.Decoding    // nil: formats cannot be chosen
	Name     string
	ReadOnly bool
	Close    func() // releases the client; may be nil
}

type (
	contextsListedMsg struct {
		names   []string
		current string
		err     error
	}
	contextSwitchedMsg struct {
		seq  int // which :ctx asked: only the latest one's answer is taken
		conn Connection
		err  error
	}
)

// runContext lists the contexts, or switches to the named one.
func (a *App) runContext(name string) tea.Cmd {
	ctxs := a.opts.Contexts
	if ctxs == nil {
		a.notice = "contexts need a config file; kscope config example shows one"
		return nil
	}
	if name == "" {
		return func() tea.Msg {
			names, current, err := ctxs.List()
			return contextsListedMsg{names, current, err}
		}
	}
	a.notice = "connecting to context " + name + "…"
	a.switches++
	seq := a.switches
	return func() tea.Msg {
		conn, err := ctxs.Switch(name)
		return contextSwitchedMsg{seq, conn, err}
	}
}

func (a *App) contextsListed(msg contextsListedMsg) {
	if msg.err != nil {
		a.notice = msg.err.Error()
		return
	}
	marked := make([]string, len(msg.names))
	for i, n := range msg.names {
		marked[i] = model.Sanitize(n)
		if n == msg.current {
			marked[i] = "*" + marked[i]
		}
	}
	a.notice = "contexts: " + strings.Join(marked, " ") + "   (:ctx NAME switches)"
}

// contextSwitched puts the app on the new cluster: fresh panes, header
// and lag history, and the old client released in the background.
func (a *App) contextSwitched(msg contextSwitchedMsg) tea.Cmd {
	if msg.seq != a.switches {
		// Overtaken by a later :ctx: the last request wins, whichever
		// connects first. What this one opened is closed unused.
		if c := msg.conn.Close; msg.err == nil && c != nil {
			return func() tea.Msg { c(); return nil }
		}
		return nil
	}
	if msg.err != nil {
		a.notice = msg.err.Error()
		return nil
	}
	old := a.release
	a.client, a.registry, a.decoding, a.release = msg.conn.Client, msg.conn.Registry, msg.conn.Decoding, msg.conn.Close
	a.opts.Name, a.opts.Demo, a.opts.ReadOnly = msg.conn.Name, false, msg.conn.ReadOnly
	// Whatever the old cluster still has in flight is cancelled with it.
	a.cancel()
	a.common.Context, a.cancel = context.WithCancel(context.Background())
	a.conn = newConnection(a.client, a.common)
	a.lag = &model.LagHistory{}
	a.notice = "now on context " + model.Sanitize(msg.conn.Name)
	// The views on the stack and in history are of the old cluster: none
	// is kept to come back to (reset would keep the stack).
	a.closeAll()
	a.stack = nil
	cmds := []tea.Cmd{a.conn.poll.Start(), a.push(topics.New(a.common, a.client))}
	if old != nil {
		cmds = append(cmds, func() tea.Msg { old(); return nil })
	}
	return tea.Batch(cmds...)
}

// Close releases the client the app is on when it ends.
func (a *App) Close() {
	a.closeAll()
	a.cancel()
	if a.release != nil {
		a.release()
	}
}
