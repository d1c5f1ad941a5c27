package keymap

import "charm.land/bubbles/v2/key"

// Act bindings act on the cluster. Those that write are refused in
// read-only mode, and not offered either: each view of ui's registry
// names its own.
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
	// The operator's chores, each previewed before it is done.
	DeleteRecords key.Binding
	Elect         key.Binding
	DeleteOffsets key.Binding
	Balance       key.Binding
	Unthrottle    key.Binding
}

func defaultAct() Act {
	return Act{
		Produce: key.NewBinding(key.WithKeys("P"), key.WithHelp("P", "produce")),
		New:     key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "new")),
		Delete:  key.NewBinding(key.WithKeys("D"), key.WithHelp("D", "delete")),
		Grow:    key.NewBinding(key.WithKeys("+"), key.WithHelp("+", "add partitions")),
		Configs: key.NewBinding(key.WithKeys("C"), key.WithHelp("C", "configs")),
		Edit:    key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit")),
		Reset:   key.NewBinding(key.WithKeys("R"), key.WithHelp("R", "reset offsets")),
		Abort:   key.NewBinding(key.WithKeys("A"), key.WithHelp("A", "abort transaction")),
		Confirm: key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "apply")),

		DeleteRecords: key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "delete records")),
		Elect:         key.NewBinding(key.WithKeys("L"), key.WithHelp("L", "elect leaders")),
		DeleteOffsets: key.NewBinding(key.WithKeys("O"), key.WithHelp("O", "delete offsets")),
		Balance:       key.NewBinding(key.WithKeys("B"), key.WithHelp("B", "balance partitions")),
		Unthrottle:    key.NewBinding(key.WithKeys("U"), key.WithHelp("U", "remove throttle")),
	}
}
