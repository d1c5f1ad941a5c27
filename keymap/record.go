package keymap

import "charm.land/bubbles/v2/key"

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
	Pager       key.Binding // the record as JSON in $PAGER
	Editor      key.Binding // the record as JSON in $EDITOR
}

func defaultRecord() Record {
	return Record{
		Copy:        key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "copy value")),
		CopyKey:     key.NewBinding(key.WithKeys("K"), key.WithHelp("K", "copy key")),
		CopyHeaders: key.NewBinding(key.WithKeys("H"), key.WithHelp("H", "copy headers")),
		Save:        key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "save record")),
		Search:      key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "search value")),
		Next:        key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next match")),
		Prev:        key.NewBinding(key.WithKeys("N"), key.WithHelp("N", "previous match")),
		Wrap:        key.NewBinding(key.WithKeys("W"), key.WithHelp("W", "wrap lines")),
		Pager:       key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "open in $PAGER")),
		Editor:      key.NewBinding(key.WithKeys("E"), key.WithHelp("E", "open in $EDITOR")),
	}
}
