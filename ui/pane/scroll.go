package pane

import (
	"math"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/kscope/kscope/keymap"
)

// Scroll moves the first line y of a scrolling view by the list keys, a
// page at a time for page up and down; ok is false for any other key.
// The bottom is past every view's end: callers clamp y to their lines.
func Scroll(k keymap.List, msg tea.KeyPressMsg, y, page int) (_ int, ok bool) {
	switch {
	case key.Matches(msg, k.Up):
		return y - 1, true
	case key.Matches(msg, k.Down):
		return y + 1, true
	case key.Matches(msg, k.PageUp):
		return y - page, true
	case key.Matches(msg, k.PageDown):
		return y + page, true
	case key.Matches(msg, k.Top):
		return 0, true
	case key.Matches(msg, k.Bottom):
		return math.MaxInt / 2, true
	}
	return y, false
}
