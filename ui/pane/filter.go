package pane

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/kscope/kscope/keymap"
)

// FilterInput is a list pane's "/" line: the list narrows as the user
// types, enter keeps the filter and esc drops it.
type FilterInput struct {
	keys   keymap.Input
	input  textinput.Model
	active bool
}

// NewFilterInput makes an inactive filter line.
func NewFilterInput(keys keymap.Input, placeholder string) FilterInput {
	in := textinput.New()
	in.Prompt = "/"
	in.Placeholder = placeholder
	return FilterInput{keys: keys, input: in}
}

// Focus starts editing.
func (f *FilterInput) Focus() tea.Cmd {
	f.active = true
	return f.input.Focus()
}

// Active reports whether the filter is being edited and so takes the keys.
func (f *FilterInput) Active() bool { return f.active }

// Value is the filter as typed.
func (f *FilterInput) Value() string { return f.input.Value() }

// Clear drops the filter.
func (f *FilterInput) Clear() { f.input.SetValue("") }

func (f *FilterInput) SetWidth(w int) { f.input.SetWidth(max(w-2, 1)) }

// Update edits the filter; enter ends editing, esc ends it and clears.
func (f *FilterInput) Update(msg tea.KeyPressMsg) tea.Cmd {
	if key.Matches(msg, f.keys.Cancel) {
		f.input.SetValue("")
	}
	if key.Matches(msg, f.keys.Cancel, f.keys.Submit) {
		f.active = false
		f.input.Blur()
		return nil
	}
	var cmd tea.Cmd
	f.input, cmd = f.input.Update(msg)
	return cmd
}

func (f *FilterInput) View() string { return f.input.View() }
