package keymap

import "charm.land/bubbles/v2/key"

// Input bindings end a line of text being typed: a filter, a command, a
// dialog's answer.
type Input struct {
	Submit key.Binding
	Cancel key.Binding
}

func defaultInput() Input {
	return Input{
		Submit: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "done")),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}
}
