package ui

import (
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/kscope/kscope/ui/pane"
)

// doubleClick is how soon a second click on the same line opens it.
const doubleClick = 400 * time.Millisecond

// click is where and when the last click landed.
type click struct {
	at time.Time
	y  int
}

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

// click selects the row clicked in the pane on top; a second click on it
// soon after opens it, as enter does.
func (a *App) click(msg tea.MouseClickMsg) tea.Cmd {
	y := msg.Y - headerLines
	c, ok := a.top().(pane.Clicker)
	if msg.Button != tea.MouseLeft || a.typing || a.help || !ok || y < 0 || !c.Click(y) {
		return nil
	}
	now := a.opts.Now()
	double := a.lastClick.y == y && now.Sub(a.lastClick.at) < doubleClick
	a.lastClick = click{at: now, y: y}
	if double {
		a.lastClick = click{} // a third click starts again
		return a.top().Update(pressOf(a.common.Keys.List.Open))
	}
	return nil
}

// pressOf is a press of b's first key, as a double click's stand-in for
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
