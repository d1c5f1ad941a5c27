package ui

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/kscope/kscope/keymap"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/acls"
	"github.com/kscope/kscope/ui/brokers"
	"github.com/kscope/kscope/ui/connectors"
	"github.com/kscope/kscope/ui/features"
	"github.com/kscope/kscope/ui/groups"
	"github.com/kscope/kscope/ui/pane"
	"github.com/kscope/kscope/ui/partitions"
	"github.com/kscope/kscope/ui/producers"
	"github.com/kscope/kscope/ui/quorum"
	"github.com/kscope/kscope/ui/quotas"
	"github.com/kscope/kscope/ui/reassignments"
	"github.com/kscope/kscope/ui/schemas"
	"github.com/kscope/kscope/ui/table"
	"github.com/kscope/kscope/ui/tail"
	"github.com/kscope/kscope/ui/topics"
	"github.com/kscope/kscope/ui/transactions"
	"github.com/kscope/kscope/ui/users"
)

// views is the registry: every command of the : line, in the order help
// lists them. The command line, its completion, help and read-only mode
// read it; a new pane is its own package plus one line here (and the
// adapter's method it lists).
var views = []view{
	{names: names("topics", "t", "tp"), columns: topics.Columns, help: "list topics", open: lister(topics.New),
		writes: func(k keymap.KeyMap) []key.Binding {
			return []key.Binding{k.Act.New, k.Act.Delete, k.Act.Grow, k.Act.Produce, k.Act.DeleteRecords, k.Act.Elect}
		}},
	{names: names("topic", "partitions", "p"), columns: partitions.Columns, arg: "NAME", help: "show a topic's partitions", open: about(partitions.New)},
	{names: names("tail", "tl"), columns: tail.Columns, arg: "TOPIC", opt: "FROM", rest: true, help: "tail a topic, from end or FROM (beginning, -15m, yesterday 09:00, -100…)", open: on(openTail),
		writes: func(k keymap.KeyMap) []key.Binding { return []key.Binding{k.Act.Produce, k.Tail.Send} }},
	{names: names("search", "find"), arg: "TOPIC", opt: "QUERY", rest: true, help: `search a whole topic: key:K, ~regex, /text, or value.status == "paid"`, open: on(openSearch)},
	{names: names("groups", "cg", "g", "consumers"), columns: groups.Columns, opt: "TOPIC", help: "consumer groups and their lag, or those of TOPIC", open: on(openGroups),
		writes: func(k keymap.KeyMap) []key.Binding {
			return []key.Binding{k.Act.Reset, k.Act.Delete, k.Act.DeleteOffsets}
		}},
	{names: names("brokers", "b", "br", "nodes"), help: "list brokers", open: on(openBrokers),
		writes: func(k keymap.KeyMap) []key.Binding { return []key.Binding{k.Act.Balance} }},
	{names: names("acls", "acl"), columns: acls.Columns, help: "the cluster's ACLs, filtered as you type", open: lister(acls.New),
		writes: func(k keymap.KeyMap) []key.Binding { return []key.Binding{k.Act.New, k.Act.Delete} }},
	{names: names("transactions", "txn", "txns"), columns: transactions.Columns, help: "transactional ids, open and hanging transactions first", open: lister(transactions.New),
		writes: func(k keymap.KeyMap) []key.Binding { return []key.Binding{k.Act.Abort} }},
	{names: names("producers", "prod", "writers"), columns: producers.Columns, arg: "TOPIC", help: "the producers writing to TOPIC, open transactions first", open: about(producers.New),
		writes: func(k keymap.KeyMap) []key.Binding { return []key.Binding{k.Act.Abort} }},
	{names: names("quotas", "quota"), columns: quotas.Columns, help: "client quotas of users, client ids and IPs", open: lister(quotas.New),
		writes: func(k keymap.KeyMap) []key.Binding { return []key.Binding{k.Act.New, k.Act.Edit, k.Act.Delete} }},
	{names: names("users", "user", "scram"), columns: users.Columns, help: "SCRAM users and their mechanisms", open: lister(users.New),
		writes: func(k keymap.KeyMap) []key.Binding { return []key.Binding{k.Act.New, k.Act.Edit, k.Act.Delete} }},
	{names: names("features", "feature", "versions"), columns: features.Columns, help: "the cluster's feature levels: metadata.version, kraft.version, ...", open: lister(features.New)},
	{names: names("quorum", "kraft", "controllers"), columns: quorum.Columns, help: "the KRaft controller quorum: voters, observers, their lag", open: lister(quorum.New)},
	{names: names("reassignments", "moves", "reassign"), columns: reassignments.Columns, help: "partitions moving between brokers, their bytes left, and the throttle", open: lister(reassignments.New),
		writes: func(k keymap.KeyMap) []key.Binding { return []key.Binding{k.Act.Delete, k.Act.Unthrottle} }},
	{names: names("connectors", "connect", "kc"), columns: connectors.Columns, help: "Kafka Connect connectors: state, tasks, topics, why one failed; act on one", open: on(openConnectors),
		writes: func(k keymap.KeyMap) []key.Binding { return []key.Binding{k.Act.Edit, k.Act.New, k.Act.Reset} }},
	{names: names("schemas", "sr", "subjects"), opt: "SUBJECT", help: "the schema registry's subjects, or SUBJECT's versions", open: on(openSchemas)},
	{names: names("ctx", "context", "contexts"), opt: "NAME", help: "the config's contexts to pick from, or switch to NAME", do: func(a *App, c Command) tea.Cmd { return a.runContext(c.Opt) }},
	{names: names("history", "jumps", "hist"), help: "the views : commands left, to go back to one", do: func(a *App, _ Command) tea.Cmd { return a.push(newJumpList(a.common, a.history)) }},
	{names: names("help", "h"), help: "show keys and commands", do: func(a *App, _ Command) tea.Cmd { a.help, a.helpTop = true, 0; return nil }},
	{names: names("quit", "q", "q!", "exit"), help: "quit kscope", do: func(a *App, _ Command) tea.Cmd { return a.interrupt(false, a.common.Keys.Global.Interrupt) }},
}

// view is one line of the registry.
type view struct {
	names []string // the first is the canonical name, the rest aliases
	arg   string   // the argument it needs, empty for none
	opt   string   // an optional argument after it, empty for none
	rest  bool     // opt is the rest of the line, spaces and all
	help  string
	// columns are its table's, which the config's columns: may choose
	// among (a search shows the tail's); nil: it has none to choose.
	columns []table.Column
	// writes are the keys of its panes that change the cluster: not
	// offered in read-only mode. Nil: it writes nothing.
	writes func(keymap.KeyMap) []key.Binding
	open   opener                          // builds its pane; nil for commands that open none
	do     func(a *App, c Command) tea.Cmd // carries out a command that opens no pane
}

// opener builds a view's pane on the part of the client it needs.
type opener interface {
	open(a *App, c Command) (pane.Pane, error)
	serves(client any) bool
}

// on opens a pane that needs C of the client. Unserved checks that the
// adapter and the fake serve every view, so a missing method is a failed
// test, not a user's surprise.
func on[C any](open func(a *App, client C, c Command) (pane.Pane, error)) opener {
	return openOn[C](open)
}

type openOn[C any] func(a *App, client C, c Command) (pane.Pane, error)

func (f openOn[C]) open(a *App, c Command) (pane.Pane, error) {
	client, ok := any(a.client).(C)
	if !ok {
		return nil, fmt.Errorf(":%s is not served by this connection", c.Name)
	}
	return f(a, client, c)
}

func (f openOn[C]) serves(client any) bool {
	_, ok := client.(C)
	return ok
}

// lister opens a pane built from the client alone, as most lists are.
func lister[C any, P pane.Pane](build func(pane.Common, C) P) opener {
	return on(func(a *App, client C, _ Command) (pane.Pane, error) { return build(a.common, client), nil })
}

// about opens a pane built from the client and the command's argument.
func about[C any, P pane.Pane](build func(pane.Common, C, string) P) opener {
	return on(func(a *App, client C, c Command) (pane.Pane, error) { return build(a.common, client, c.Arg), nil })
}

func names(n ...string) []string { return n }

func openTail(a *App, t tail.Tailer, c Command) (pane.Pane, error) {
	start, err := model.ParseStart(c.Opt, a.common.Zone.Now(a.opts.Now))
	if err != nil {
		return nil, err
	}
	return tail.New(a.common, t, a.decoding, model.TailRequest{Topic: c.Arg, Start: start}), nil
}

func openSearch(a *App, t tail.Tailer, c Command) (pane.Pane, error) {
	q, err := model.ParseQuery(c.Opt)
	if err != nil {
		return nil, err
	}
	// A key is looked for in the partition it is written to.
	req := model.TailRequest{Topic: c.Arg, KeyOf: q.Key}
	return tail.NewSearch(a.common, t, a.decoding, req, q, c.Opt), nil
}

func openGroups(a *App, d groups.Describer, c Command) (pane.Pane, error) {
	return groups.New(a.common, d, a.lag, c.Opt), nil
}

func openBrokers(a *App, s brokers.Source, _ Command) (pane.Pane, error) {
	return brokers.New(a.common, a.conn.snapshot(), s), nil
}

func openSchemas(a *App, _ any, c Command) (pane.Pane, error) {
	if a.registry == nil {
		return nil, errors.New("this cluster's context names no schema registry: set schema_registry in its config")
	}
	return schemas.New(a.common, a.registry, c.Opt), nil
}

// lookup is the view named name, canonical or alias.
func lookup(name string) (view, bool) {
	for _, v := range views {
		for _, n := range v.names {
			if n == name {
				return v, true
			}
		}
	}
	return view{}, false
}

// open builds the pane of a command's view.
func (a *App) open(c Command) (pane.Pane, error) {
	v, ok := lookup(c.Name)
	if !ok || v.open == nil {
		return nil, fmt.Errorf(":%s opens no view", c.Name)
	}
	return v.open.open(a, c)
}

// writeKeys are the keys that write, in every view.
func writeKeys(k keymap.KeyMap) []key.Binding {
	var out []key.Binding
	for _, v := range views {
		if v.writes != nil {
			out = append(out, v.writes(k)...)
		}
	}
	return out
}

// CheckColumns refuses, before the TUI starts, a choice of columns for a
// view that has none to choose, or naming a column it does not have.
func CheckColumns(chosen map[string][]string) error {
	for _, name := range slices.Sorted(maps.Keys(chosen)) {
		v, ok := lookup(name)
		switch {
		case !ok || v.names[0] != name:
			return fmt.Errorf("columns: no view %q; views with columns: %s", name, strings.Join(viewsWithColumns(), ", "))
		case v.columns == nil:
			return fmt.Errorf("columns: %s has no columns to choose; views with columns: %s", name, strings.Join(viewsWithColumns(), ", "))
		}
		if _, err := table.Choose(v.columns, chosen[name]); err != nil {
			return fmt.Errorf("columns: %s: %w", name, err)
		}
	}
	return nil
}

func viewsWithColumns() []string {
	var out []string
	for _, v := range views {
		if v.columns != nil {
			out = append(out, v.names[0])
		}
	}
	return out
}

// Unserved names the views a client cannot open, for lack of a method
// their pane needs: empty for the adapter and the fake.
func Unserved(client any) []string {
	var out []string
	for _, v := range views {
		if v.open != nil && !v.open.serves(client) {
			out = append(out, v.names[0])
		}
	}
	return out
}
