package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/kscope/kscope/keymap"
	"github.com/kscope/kscope/ui/pane"
	"github.com/kscope/kscope/ui/table"
)

// picker is a pane of the app's own that lists choices in a table
// (:history's views, :ctx's contexts); enter picks the selected one.
type picker[T any] struct {
	title string
	open  key.Binding // the open key, relabelled for what picking does
	table table.Model
	items []T // in the rows' order
	pick  func(T) tea.Msg
}

func newPicker[T any](c pane.Common, title, verb string, cols []table.Column, empty string, items []T, row func(int, T) table.Row, pick func(T) tea.Msg) *picker[T] {
	p := &picker[T]{title: title, open: keymap.Relabel(c.Keys.List.Open, verb), items: items, pick: pick,
		table: table.New(cols, c.Keys.List, c.TableStyles(), empty)}
	rows := make([]table.Row, len(items))
	for i, item := range items {
		rows[i] = row(i, item)
	}
	p.table.SetRows(rows)
	return p
}

func (p *picker[T]) Init() tea.Cmd             { return nil }
func (p *picker[T]) Title() string             { return p.title }
func (p *picker[T]) Capturing() bool           { return false }
func (p *picker[T]) Bindings() []key.Binding   { return []key.Binding{p.open} }
func (p *picker[T]) SetSize(width, height int) { p.table.SetSize(width, height) }
func (p *picker[T]) View() string              { return p.table.View() }

// Click selects the row on line y; on the selected one it picks it.
func (p *picker[T]) Click(y int) table.Clicked { return p.table.Click(y) }

func (p *picker[T]) Update(msg tea.Msg) tea.Cmd {
	kp, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	if key.Matches(kp, p.open) {
		if i := p.table.Index(); i >= 0 && i < len(p.items) {
			return pane.Cmd(p.pick(p.items[i]))
		}
		return nil
	}
	p.table.Update(kp)
	return nil
}
