package ui

import (
	"strconv"

	tea "charm.land/bubbletea/v2"

	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/pane"
	"github.com/kscope/kscope/ui/table"
)

// jumpMsg asks the root to show the view in history whose top pane is to.
type jumpMsg struct{ to pane.Pane }

// newJumpList is :history: the views left by : commands, newest first,
// with what each holds; enter goes to one.
func newJumpList(c pane.Common, h history) *picker[pane.Pane] {
	var tops []pane.Pane // each view's top pane, newest first
	var stacks [][]pane.Pane
	for i := len(h.views) - 1; i >= 0; i-- {
		tops, stacks = append(tops, h.views[i][len(h.views[i])-1]), append(stacks, h.views[i])
	}
	cols := []table.Column{
		{Title: "#", Width: 2, Align: table.Right},
		{Title: "VIEW", Width: 30, Flex: true},
		{Title: "HOLDS", Width: 30, Flex: true},
	}
	row := func(i int, _ pane.Pane) table.Row {
		n := strconv.Itoa(i + 1)
		return table.Row{Key: n, Cells: []string{n, crumbs(stacks[i]), model.Sanitize(holding(stacks[i]))}}
	}
	return newPicker(c, "history", "go to view", cols, "no views before this one: : commands leave them here", tops, row,
		func(top pane.Pane) tea.Msg { return jumpMsg{to: top} })
}
