package keymap

import "charm.land/bubbles/v2/key"

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
	Mark        key.Binding // mark the selected record, or unmark it
	MarkAll     key.Binding // mark every record that matches, or unmark them
	Send        key.Binding // send the marked records to a topic
}

func defaultTail() Tail {
	return Tail{
		Pause:       key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "pause")),
		Follow:      key.NewBinding(key.WithKeys("F"), key.WithHelp("F/G", "follow")),
		From:        key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "start from…")),
		Positions:   key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "positions")),
		Save:        key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "save matching")),
		Uncommitted: key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "uncommitted data")),
		Decode:      key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "decode as…")),
		Mark:        key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "mark")),
		MarkAll:     key.NewBinding(key.WithKeys("X"), key.WithHelp("X", "mark all matching")),
		Send:        key.NewBinding(key.WithKeys("T"), key.WithHelp("T", "send marked to…")),
	}
}
