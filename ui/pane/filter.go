package pane

import (
	tea "charm.land/bubbletea/v2"

	"github.com/kscope/kscope/keymap"
)

// FilterInput is a list pane's "/" line, on the shared Prompt: the list
// narrows as the user types, enter keeps the filter and esc drops it.
type FilterInput struct {
	Prompt
}

// NewFilterInput makes an inactive filter line.
func NewFilterInput(keys keymap.Input, placeholder string) FilterInput {
	return FilterInput{NewPrompt(keys, "/", placeholder)}
}

// Focus starts editing the filter as it stands.
func (f *FilterInput) Focus() tea.Cmd { return f.Open(f.Value()) }

// Clear drops the filter.
func (f *FilterInput) Clear() { f.SetValue("") }

func (f *FilterInput) SetWidth(w int) { f.Prompt.SetWidth(w - 2) }

// Update edits the filter; enter ends editing, esc ends it and clears.
func (f *FilterInput) Update(msg tea.KeyPressMsg) tea.Cmd {
	ended, cmd := f.Prompt.Update(msg)
	if ended == Cancelled {
		f.Clear()
	}
	return cmd
}
