package pane

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/kscope/kscope/keymap"
)

func TestScroll(t *testing.T) {
	k := keymap.Default().List
	for _, tt := range []struct {
		key  tea.KeyPressMsg
		want int
		ok   bool
	}{
		{tea.KeyPressMsg{Code: 'j', Text: "j"}, 11, true},
		{tea.KeyPressMsg{Code: 'k', Text: "k"}, 9, true},
		{tea.KeyPressMsg{Code: tea.KeyPgDown}, 15, true},
		{tea.KeyPressMsg{Code: tea.KeyPgUp}, 5, true},
		{tea.KeyPressMsg{Code: 'g', Text: "g"}, 0, true},
		{tea.KeyPressMsg{Code: 'x', Text: "x"}, 10, false},
	} {
		if got, ok := Scroll(k, tt.key, 10, 5); got != tt.want || ok != tt.ok {
			t.Errorf("%s: %d %v, want %d %v", tt.key, got, ok, tt.want, tt.ok)
		}
	}
	if got, _ := Scroll(k, tea.KeyPressMsg{Code: 'G', Text: "G"}, 10, 5); got < 1<<40 {
		t.Errorf("bottom: %d", got)
	}
}
