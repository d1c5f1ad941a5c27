package ui

import (
	"context"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/kscope/kscope/mask"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/connectors"
	"github.com/kscope/kscope/ui/schemas"
	"github.com/kscope/kscope/ui/table"
	"github.com/kscope/kscope/ui/tail"
	"github.com/kscope/kscope/ui/topics"
)

// Contexts lets the user move to another cluster of the config file
// without leaving kscope (:ctx NAME).
type Contexts interface {
	// List is the contexts, by name, and the one in use ("" for none).
	List() (contexts []ContextInfo, current string, err error)
	// Switch connects to a context. Connecting may run the commands the
	// context names for its secrets, so it is called off the event loop.
	Switch(name string) (Connection, error)
}

// ContextInfo is a context as :ctx lists it.
type ContextInfo struct {
	Name     string
	Brokers  []string
	ReadOnly bool
}

// Connection is a client to a cluster and what to call it.
type Connection struct {
	Client   Client
	Registry schemas.Registry // nil: the context names none
	Connect  []connectors.Cluster
	Decoding tail.Decoding // nil: formats cannot be chosen
	Name     string
	ReadOnly bool
	Masking  *mask.Policy // nil: the context masks nothing
	Close    func()       // releases the client; may be nil
}

type (
	contextsListedMsg struct {
		contexts []ContextInfo
		current  string
		err      error
	}
	// contextPickedMsg is a context picked from :ctx's list.
	contextPickedMsg   struct{ name string }
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
			contexts, current, err := ctxs.List()
			return contextsListedMsg{contexts, current, err}
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

// contextsListed shows the contexts as a list to pick from, as k9s's
// :ctx does: each with its brokers and whether it is read-only, the one
// in use marked.
func (a *App) contextsListed(msg contextsListedMsg) tea.Cmd {
	if msg.err != nil {
		a.notice = msg.err.Error()
		return nil
	}
	cols := []table.Column{
		{Title: "", Width: 1},
		{Title: "CONTEXT", Width: 12, Flex: true, Max: 30},
		{Title: "BROKERS", Width: 20, Flex: true, Yield: 1, Min: 10},
		{Title: "MODE", Width: 9, Drop: 2},
	}
	row := func(_ int, c ContextInfo) table.Row {
		r := table.Row{Key: c.Name, Cells: []string{"", c.Name, strings.Join(c.Brokers, ","), "writes"}}
		if c.Name == msg.current {
			r.Cells[0] = "*"
		}
		if c.ReadOnly {
			r.Cells[3], r.Tone = "read-only", table.Muted
		}
		return r
	}
	p := newPicker(a.common, "contexts", "switch to", cols, "the config file has no contexts", msg.contexts, row,
		func(c ContextInfo) tea.Msg { return contextPickedMsg{c.Name} })
	for i, c := range msg.contexts {
		if c.Name == msg.current {
			p.table.SetCursor(i)
		}
	}
	return a.push(p)
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
	a.connect = msg.conn.Connect
	a.opts.Name, a.opts.Demo, a.opts.ReadOnly = msg.conn.Name, false, msg.conn.ReadOnly
	a.opts.Masking, a.common.Masking = msg.conn.Masking, msg.conn.Masking
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
