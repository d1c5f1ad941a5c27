// Package brokers is the pane that lists the cluster's brokers.
package brokers

import (
	"fmt"
	"strconv"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/pane"
	"github.com/kscope/kscope/ui/table"
)

// Model is the brokers pane. It does not poll: the root already polls the
// cluster for its header and passes each answer on as a pane.ClusterMsg.
type Model struct {
	common pane.Common
	latest pane.ClusterMsg
	table  table.Model
	width  int
}

var columns = []table.Column{
	{Title: "ID", Width: 4, Align: table.Right},
	{Title: "ADDRESS", Width: 20, Flex: true},
	{Title: "RACK", Width: 10},
	{Title: "STATUS", Width: 7},
	{Title: "ROLE", Width: 10},
}

// New makes the brokers pane, showing latest until the next poll.
func New(c pane.Common, latest pane.ClusterMsg) *Model {
	m := &Model{common: c, table: table.New(columns, c.Keys.List, c.TableStyles(), "waiting for the cluster's metadata…")}
	m.apply(latest)
	return m
}

func (m *Model) Init() tea.Cmd { return nil }

func (m *Model) Title() string { return "brokers" }

func (m *Model) Capturing() bool { return false }

func (m *Model) Bindings() []key.Binding { return nil }

func (m *Model) SetSize(width, height int) {
	m.width = width
	m.table.SetSize(width, height-1)
}

func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case pane.ClusterMsg:
		m.apply(msg)
	case tea.KeyPressMsg:
		m.table.Update(msg)
	}
	return nil
}

func (m *Model) apply(latest pane.ClusterMsg) {
	m.latest = latest
	rows := make([]table.Row, len(latest.Brokers))
	for i, b := range latest.Brokers {
		rows[i] = m.row(b)
	}
	m.table.SetRows(rows)
}

func (m *Model) row(b model.BrokerStatus) table.Row {
	status, role := "up", ""
	switch {
	case m.latest.Err != nil:
		status = "unknown" // the cluster does not answer: no broker can be vouched for
	case !b.Up:
		status = "down"
	}
	if b.ID == m.latest.Cluster.Controller {
		role = "controller"
	}
	rack := b.Rack
	if rack == "" {
		rack = "-"
	}
	return table.Row{
		Key:   strconv.Itoa(int(b.ID)),
		Cells: []string{strconv.Itoa(int(b.ID)), model.Sanitize(b.Addr()), model.Sanitize(rack), status, role},
		Tone:  pane.ToneOf(!b.Up, false),
	}
}

// View draws a summary of the cluster above its brokers.
func (m *Model) View() string {
	th := m.common.Theme
	up := 0
	for _, b := range m.latest.Brokers {
		if b.Up {
			up++
		}
	}
	line := th.Muted.Render(fmt.Sprintf("%d of %d brokers up", up, len(m.latest.Brokers)))
	if m.latest.Err != nil {
		line = th.Error.Render("cluster unreachable: " + model.Sanitize(m.latest.Err.Error()))
	}
	if id := m.latest.Cluster.ID; id != "" {
		line = th.Title.Render(model.Sanitize(id)) + th.Muted.Render(" · ") + line
	}
	return pane.Fit(line, m.width) + "\n" + m.table.View()
}
