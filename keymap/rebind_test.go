package keymap

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

func TestDefaultHasNoClash(t *testing.T) {
	k := Default()
	if err := k.clashes(); err != nil {
		t.Fatal(err)
	}
	if _, ok := k.byName()["record.copy_headers"]; !ok {
		t.Fatal("names are area.snake_case")
	}
}

// A rebinding changes what the key matches and what help shows; a bad
// one changes nothing and says why.
func TestRebind(t *testing.T) {
	k := Default()
	if err := k.Rebind(map[string][]string{"tail.pause": {"p", "ctrl+p"}, "tail.positions": {"o"}}); err != nil {
		t.Fatal(err)
	}
	p := tea.KeyPressMsg{Code: 'p', Text: "p"}
	if !key.Matches(p, k.Tail.Pause) || key.Matches(p, k.Tail.Positions) {
		t.Error("p should pause, and no longer show positions")
	}
	if h := k.Tail.Pause.Help(); h.Key != "p/ctrl+p" || h.Desc != "pause" {
		t.Errorf("help: %+v", h)
	}
	if !key.Matches(tea.KeyPressMsg{Code: ' ', Text: " "}, Default().Tail.Pause) {
		t.Error("Default changed: the rebinding leaked into it")
	}

	for bad, want := range map[string]map[string][]string{
		`no binding "tail.pasue"`:                 {"tail.pasue": {"x"}},
		"tail.pause needs at least one key":       {"tail.pause": {}},
		`tail.follow and tail.pause both use "F"`: {"tail.pause": {"F"}},
		`global.quit and tail.save both use "q"`:  {"tail.save": {"q"}},
	} {
		before := k
		err := k.Rebind(want)
		if err == nil || !strings.Contains(err.Error(), bad) {
			t.Errorf("%v: got %v, want %q", want, err, bad)
		}
		if !key.Matches(p, k.Tail.Pause) || k.Tail.Save.Keys()[0] != before.Tail.Save.Keys()[0] {
			t.Errorf("%v: a refused rebinding changed the map", want)
		}
	}
}
