package keymap

import "charm.land/bubbles/v2/key"

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

func defaultGlobal() Global {
	return Global{
		Interrupt: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		Quit:      key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Command:   key.NewBinding(key.WithKeys(":"), key.WithHelp(":", "command")),
		Back:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Zone:      key.NewBinding(key.WithKeys("Z"), key.WithHelp("Z", "local/UTC times")),
	}
}

// Bindings is the global bindings, for help.
func (g Global) Bindings() []key.Binding {
	return []key.Binding{g.Help, g.Command, g.Back, g.Zone, g.Quit}
}
