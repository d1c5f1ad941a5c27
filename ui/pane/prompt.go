package pane

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/kscope/kscope/keymap"
)

// Ended is how a key left a prompt: still typing, submitted, or cancelled.
type Ended int

const (
	Typing Ended = iota
	Submitted
	Cancelled
)

// Prompt is a line of text typed in: the command line, a filter, a tail's
// start position. One behaviour everywhere: enter submits, esc cancels,
// the rest edits; what a submit or a cancel means is its owner's.
type Prompt struct {
	keys   keymap.Input
	input  textinput.Model
	active bool
}

// NewPrompt makes an inactive prompt, shown after label.
func NewPrompt(keys keymap.Input, label, placeholder string) Prompt {
	in := textinput.New()
	in.Prompt = label
	in.Placeholder = placeholder
	return Prompt{keys: keys, input: in}
}

// Open starts typing, with value already typed.
func (p *Prompt) Open(value string) tea.Cmd {
	p.active = true
	p.input.SetValue(value)
	p.input.CursorEnd()
	return p.input.Focus()
}

// Active reports whether the prompt is being typed in, and so takes keys.
func (p *Prompt) Active() bool { return p.active }

// Value is what is typed.
func (p *Prompt) Value() string { return p.input.Value() }

// SetValue replaces what is typed.
func (p *Prompt) SetValue(s string) { p.input.SetValue(s) }

// SetLabel changes what the prompt shows before the text.
func (p *Prompt) SetLabel(label string) { p.input.Prompt = label }

// Suggest offers completions tab takes; none turns them off.
func (p *Prompt) Suggest(words []string) {
	p.input.ShowSuggestions = len(words) > 0
	p.input.SetSuggestions(words)
}

func (p *Prompt) SetWidth(w int) { p.input.SetWidth(max(w, 1)) }

// Close ends typing, leaving the text as it is.
func (p *Prompt) Close() {
	p.active = false
	p.input.Blur()
}

// Update edits the text; enter and esc end typing, and say which.
func (p *Prompt) Update(msg tea.KeyPressMsg) (Ended, tea.Cmd) {
	switch {
	case key.Matches(msg, p.keys.Submit):
		p.Close()
		return Submitted, nil
	case key.Matches(msg, p.keys.Cancel):
		p.Close()
		return Cancelled, nil
	}
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	return Typing, cmd
}

func (p *Prompt) View() string { return p.input.View() }
