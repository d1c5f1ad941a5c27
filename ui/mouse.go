package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/kscope/kscope/ui/pane"
	"github.com/kscope/kscope/ui/table"
)

// wheel scrolls what is on top, as ↑ and ↓ do: a list, a record, the help.
func (a *App) wheel(msg tea.MouseWheelMsg) tea.Cmd {
	code := tea.KeyDown
	switch msg.Button {
	case tea.MouseWheelUp:
		code = tea.KeyUp
	case tea.MouseWheelDown:
	default:
		return nil
	}
	key := tea.KeyPressMsg{Code: code}
	switch {
	case a.typing || a.top().Capturing():
		return nil // a form's fields are not scrolled through by a wheel
	case a.help:
		a.scrollHelp(key)
		return nil
	}
	return a.top().Update(key)
}

// click selects the row clicked in the pane on top; a click on the row
// already selected opens it, as enter does (so a double click opens the
// row it lands on, however slow the hand).
func (a *App) click(msg tea.MouseClickMsg) tea.Cmd {
	y := msg.Y - headerLines
	c, ok := a.top().(pane.Clicker)
	if msg.Button != tea.MouseLeft || a.typing || a.help || !ok || y < 0 || c.Click(y) != table.Again {
		return nil
	}
	return a.top().Update(pressOf(a.common.Keys.List.Open))
}

// pressOf is a press of b's first key, as a click's stand-in for
// the open key, whatever it is bound to.
func pressOf(b key.Binding) tea.KeyPressMsg {
	k := b.Keys()[0]
	switch r := []rune(k); {
	case k == "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case k == "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case len(r) == 1:
		return tea.KeyPressMsg{Code: r[0], Text: k}
	}
	return tea.KeyPressMsg{Code: tea.KeyEnter}
}
