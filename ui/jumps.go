package ui

import (
	"strconv"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/kscope/kscope/keymap"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/pane"
	"github.com/kscope/kscope/ui/table"
)

// jumpMsg asks the root to show the view in history whose top pane is to.
type jumpMsg struct{ to pane.Pane }

// jumpList is :history, the views left by : commands, newest first, with
// what each holds; enter goes to one.
type jumpList struct {
	common pane.Common
	views  []pane.Pane // each view's top pane, in the rows' order
	table  table.Model
}

func newJumpList(c pane.Common, h history) *jumpList {
	j := &jumpList{common: c, table: table.New([]table.Column{
		{Title: "#", Width: 2, Align: table.Right},
		{Title: "VIEW", Width: 30, Flex: true},
		{Title: "HOLDS", Width: 30, Flex: true},
	}, c.Keys.List, c.TableStyles(), "no views before this one: : commands leave them here")}
	var rows []table.Row
	for i := len(h.views) - 1; i >= 0; i-- {
		v := h.views[i]
		top := v[len(v)-1]
		holds := ""
		if hd, ok := top.(pane.Holder); ok {
			holds = model.Sanitize(hd.Holding())
		}
		n := strconv.Itoa(len(h.views) - i)
		rows = append(rows, table.Row{Key: n, Cells: []string{n, crumbs(v), holds}})
		j.views = append(j.views, top)
	}
	j.table.SetRows(rows)
	return j
}

func (j *jumpList) Init() tea.Cmd { return nil }

func (j *jumpList) Title() string { return "history" }

func (j *jumpList) Capturing() bool { return false }

func (j *jumpList) Bindings() []key.Binding {
	return []key.Binding{keymap.Relabel(j.common.Keys.List.Open, "go to view")}
}

func (j *jumpList) SetSize(width, height int) { j.table.SetSize(width, height) }

func (j *jumpList) Update(msg tea.Msg) tea.Cmd {
	kp, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	if key.Matches(kp, j.common.Keys.List.Open) {
		if i := j.table.Index(); i >= 0 && i < len(j.views) {
			return pane.Cmd(jumpMsg{to: j.views[i]})
		}
		return nil
	}
	j.table.Update(kp)
	return nil
}

func (j *jumpList) Click(y int) table.Clicked { return j.table.Click(y) }

func (j *jumpList) View() string { return j.table.View() }
