package uitest

import (
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/kscope/kscope/keymap"
	"github.com/kscope/kscope/ui/pane"
	"github.com/kscope/kscope/ui/theme"
)

// Common is what a benchmark's pane is made with: the default theme and
// keys, the machine's clock, and a refresh of a second.
func Common() pane.Common {
	return pane.Common{Theme: theme.New(theme.Default(), false), Keys: keymap.Default(), Now: time.Now, Refresh: time.Second}
}

// Keystrokes is a benchmark's loop over a filter being typed: it types r
// and erases it, in turn, drawing p after each.
func Keystrokes(b *testing.B, p interface {
	Update(tea.Msg) tea.Cmd
	View() string
}, r rune) {
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if i%2 == 0 {
			p.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
		} else {
			p.Update(tea.KeyPressMsg{Code: tea.KeyBackspace})
		}
		_ = p.View()
		i++
	}
}
