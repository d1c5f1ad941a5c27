// Package keymap declares every key binding of kscope once. Panes match keys
// against these bindings and hand them to the help overlay, so the help
// shown can never drift from what the keys do.
package keymap

import "charm.land/bubbles/v2/key"

// KeyMap is every binding, grouped by where it applies.
type KeyMap struct {
	Global Global
	List   List
	Topics Topics
	Tail   Tail
	Groups Groups
	Record Record
	Act    Act
	Input  Input
}

// Input bindings end a line of text being typed: a filter, a command, a
// dialog's answer.
type Input struct {
	Submit key.Binding
	Cancel key.Binding
}

// Act bindings act on the cluster. Those that write are refused in
// read-only mode, and not offered either.
type Act struct {
	Produce key.Binding
	New     key.Binding // a new topic, ACL, quota, user: each pane relabels it
	Delete  key.Binding
	Grow    key.Binding
	Configs key.Binding
	Edit    key.Binding
	Reset   key.Binding
	Abort   key.Binding
	Confirm key.Binding
}

// Global bindings work in every pane.
type Global struct {
	// Interrupt quits from anywhere, even while text is being typed.
	Interrupt key.Binding
	Quit      key.Binding
	Help      key.Binding
	Command   key.Binding
	Back      key.Binding
	Zone      key.Binding // times in local time or UTC, everywhere
}

// List bindings move through and act on any table.
type List struct {
	Up       key.Binding
	Down     key.Binding
	PageUp   key.Binding
	PageDown key.Binding
	Top      key.Binding
	Bottom   key.Binding
	Left     key.Binding // scroll sideways, in a record's view
	Right    key.Binding
	Open     key.Binding
	Filter   key.Binding
}

// Topics bindings belong to the topics pane.
type Topics struct {
	Internal  key.Binding
	Sort      key.Binding
	Tail      key.Binding // tail the selected topic or partition
	Consumers key.Binding // the groups that consume the selected topic
	Search    key.Binding // search the selected topic, whole
	Producers key.Binding // the producers writing to the selected topic
}

// Tail bindings belong to the live tail.
type Tail struct {
	Pause     key.Binding
	Follow    key.Binding
	From      key.Binding
	Positions key.Binding
	Save      key.Binding
	// Uncommitted toggles reading what transactions have not committed.
	Uncommitted key.Binding
	Decode      key.Binding // choose how the topic's values are read
}

// Groups bindings belong to a consumer group's view.
type Groups struct {
	Chart key.Binding // the chart: of the group, of the selected partition, or none
}

// Record bindings belong to the detail view of one record.
type Record struct {
	Copy        key.Binding
	CopyKey     key.Binding
	CopyHeaders key.Binding
	Save        key.Binding
	Search      key.Binding
	Next        key.Binding
	Prev        key.Binding
	Wrap        key.Binding
}

// Default is kscope's key map: vim-style movement and k9s-style commands.
func Default() KeyMap {
	return KeyMap{
		Global: Global{
			Interrupt: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
			Quit:      key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
			Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
			Command:   key.NewBinding(key.WithKeys(":"), key.WithHelp(":", "command")),
			Back:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
			Zone:      key.NewBinding(key.WithKeys("Z"), key.WithHelp("Z", "local/UTC times")),
		},
		List: List{
			Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
			Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
			PageUp:   key.NewBinding(key.WithKeys("pgup", "ctrl+b", "ctrl+u"), key.WithHelp("pgup", "page up")),
			PageDown: key.NewBinding(key.WithKeys("pgdown", "ctrl+f", "ctrl+d"), key.WithHelp("pgdn", "page down")),
			Top:      key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g", "top")),
			Bottom:   key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G", "bottom")),
			Left:     key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "left")),
			Right:    key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "right")),
			Open:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
			Filter:   key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		},
		Topics: Topics{
			Internal:  key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "internal topics")),
			Sort:      key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "sort")),
			Tail:      key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "tail")),
			Consumers: key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "consumers")),
			Search:    key.NewBinding(key.WithKeys("S"), key.WithHelp("S", "search topic")),
			Producers: key.NewBinding(key.WithKeys("W"), key.WithHelp("W", "producers")),
		},
		Tail: Tail{
			Pause:       key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "pause")),
			Follow:      key.NewBinding(key.WithKeys("F"), key.WithHelp("F/G", "follow")),
			From:        key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "start from…")),
			Positions:   key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "positions")),
			Save:        key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "save matching")),
			Uncommitted: key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "uncommitted data")),
			Decode:      key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "decode as…")),
		},
		Groups: Groups{
			Chart: key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "chart")),
		},
		Act: Act{
			Produce: key.NewBinding(key.WithKeys("P"), key.WithHelp("P", "produce")),
			New:     key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "new")),
			Delete:  key.NewBinding(key.WithKeys("D"), key.WithHelp("D", "delete")),
			Grow:    key.NewBinding(key.WithKeys("+"), key.WithHelp("+", "add partitions")),
			Configs: key.NewBinding(key.WithKeys("C"), key.WithHelp("C", "configs")),
			Edit:    key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit")),
			Reset:   key.NewBinding(key.WithKeys("R"), key.WithHelp("R", "reset offsets")),
			Abort:   key.NewBinding(key.WithKeys("A"), key.WithHelp("A", "abort transaction")),
			Confirm: key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "apply")),
		},
		Input: Input{
			Submit: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "done")),
			Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		},
		Record: Record{
			Copy:        key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "copy value")),
			CopyKey:     key.NewBinding(key.WithKeys("K"), key.WithHelp("K", "copy key")),
			CopyHeaders: key.NewBinding(key.WithKeys("H"), key.WithHelp("H", "copy headers")),
			Save:        key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "save record")),
			Search:      key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "search value")),
			Next:        key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next match")),
			Prev:        key.NewBinding(key.WithKeys("N"), key.WithHelp("N", "previous match")),
			Wrap:        key.NewBinding(key.WithKeys("W"), key.WithHelp("W", "wrap lines")),
		},
	}
}

// Writes are the bindings that change the cluster.
func (a Act) Writes() []key.Binding {
	return []key.Binding{a.Produce, a.New, a.Delete, a.Grow, a.Edit, a.Reset, a.Abort, a.Confirm}
}

// Relabel is the binding with its keys and another description: the one
// declared n is "new topic" on topics and "new ACL" on ACLs.
func Relabel(b key.Binding, desc string) key.Binding {
	return key.NewBinding(key.WithKeys(b.Keys()...), key.WithHelp(b.Help().Key, desc))
}

// Without is bindings less those sharing a key with any of drop.
func Without(bindings, drop []key.Binding) []key.Binding {
	dropped := map[string]bool{}
	for _, b := range drop {
		for _, k := range b.Keys() {
			dropped[k] = true
		}
	}
	var out []key.Binding
	for _, b := range bindings {
		if len(b.Keys()) == 0 || !dropped[b.Keys()[0]] {
			out = append(out, b)
		}
	}
	return out
}

// Movement is the list bindings that only move the cursor, for help.
func (l List) Movement() []key.Binding {
	return []key.Binding{l.Up, l.Down, l.PageUp, l.PageDown, l.Top, l.Bottom}
}

// Bindings is the global bindings, for help.
func (g Global) Bindings() []key.Binding {
	return []key.Binding{g.Help, g.Command, g.Back, g.Zone, g.Quit}
}
