// Package brokers is the pane that lists the cluster's brokers, with what
// each leads and holds, and their log dirs.
package brokers

import (
	"fmt"
	"strconv"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/pane"
	"github.com/kscope/kscope/ui/table"
)

// Model is the brokers pane. Which brokers are up comes from the root,
// which polls the cluster for its header and passes each answer on as a
// pane.ClusterMsg; what they lead and hold the pane polls itself.
type Model struct {
	pane.Scope
	common pane.Common
	latest pane.ClusterMsg
	poll   *pane.Poll[load]
	load   load
	loadOK bool
	loadAt time.Time // when the latest load was asked for
	err    error     // of the latest poll of the load
	table  table.Model
	dirs   table.Model
	width  int
	height int
}

var columns = []table.Column{
	{Title: "ID", Width: 4, Align: table.Right},
	{Title: "ADDRESS", Width: 20, Flex: true},
	{Title: "RACK", Width: 10},
	{Title: "STATUS", Width: 7},
	{Title: "ROLE", Width: 10},
	{Title: "LEADERS", Width: 7, Align: table.Right},
	{Title: "REPLICAS", Width: 8, Align: table.Right},
	{Title: "USED", Width: 9, Align: table.Right},
	{Title: "USE%", Width: 4, Align: table.Right},
}

// New makes the brokers pane, showing latest until the next poll.
func New(c pane.Common, latest pane.ClusterMsg, src Source) *Model {
	m := &Model{
		Scope:  c.NewScope(),
		common: c,
		table:  table.New(columns, c.Keys.List, c.TableStyles(), "waiting for the cluster's metadata…"),
		dirs:   table.New(dirColumns, c.Keys.List, c.TableStyles(), "no log dirs described yet"),
	}
	// What brokers lead and hold sums every partition of the cluster:
	// paced, as a list's whole fetch is. Which brokers are up comes
	// with the root's poll at every refresh.
	m.poll = pane.NewPoll(c, m.Context, fetchLoad(src))
	m.poll.Pace(pane.WholeShare)
	m.apply(latest)
	return m
}

func (m *Model) Init() tea.Cmd { return m.poll.Start() }

func (m *Model) Title() string { return "brokers" }

func (m *Model) Capturing() bool { return false }

func (m *Model) Bindings() []key.Binding {
	return []key.Binding{m.common.Keys.Act.Configs, m.common.Keys.Act.Balance, m.common.Keys.List.Refresh}
}

func (m *Model) SetSize(width, height int) {
	m.width, m.height = width, height
	m.layout()
}

// layout gives the brokers what they need first, and the log dirs the
// rest, under the summary line and a blank line between.
func (m *Model) layout() {
	body := max(m.height-2, 0)
	brokers := min(len(m.latest.Brokers)+1, body)
	m.table.SetSize(m.width, brokers)
	m.dirs.SetSize(m.width, max(body-brokers, 0))
}

func (m *Model) Update(msg tea.Msg) tea.Cmd {
	if answer, ok, cmd := m.poll.Update(msg); ok || cmd != nil {
		if ok {
			m.err = answer.Err
			if answer.Err == nil {
				m.load, m.loadOK, m.loadAt = answer.Value, true, answer.At
			} else if !m.loadOK {
				m.dirs.SetEmpty("cannot describe the log dirs: " + model.Sanitize(answer.Err.Error()))
			}
			m.apply(m.latest)
		}
		return cmd
	}
	switch msg := msg.(type) {
	case pane.ClusterMsg:
		m.apply(msg)
	case tea.KeyPressMsg:
		if key.Matches(msg, m.common.Keys.List.Refresh) {
			return m.poll.Start()
		}
		if key.Matches(msg, m.common.Keys.Act.Balance) {
			return pane.Cmd(pane.ActMsg{Action: pane.Balance})
		}
		if key.Matches(msg, m.common.Keys.Act.Configs) {
			if row, ok := m.table.Selected(); ok {
				id, _ := strconv.Atoi(row.Key)
				return pane.Cmd(pane.ActMsg{Action: pane.ShowConfigs, Owner: model.BrokerConfigs(int32(id))})
			}
			return nil
		}
		m.table.Update(msg)
	}
	return nil
}

func (m *Model) apply(latest pane.ClusterMsg) {
	m.latest = latest
	skew := m.load.skewed(m.ids())
	rows := make([]table.Row, len(latest.Brokers))
	for i, b := range latest.Brokers {
		rows[i] = m.row(b, skew[b.ID] != "")
	}
	m.table.SetRows(rows)
	dirs := make([]table.Row, len(m.load.usage.Dirs))
	for i, d := range m.load.usage.Dirs {
		dirs[i] = dirRow(d)
	}
	m.dirs.SetRows(dirs)
	m.layout()
}

// ids are the brokers that are up, whose loads compare.
func (m *Model) ids() []int32 {
	var ids []int32
	for _, b := range m.latest.Brokers {
		if b.Up {
			ids = append(ids, b.ID)
		}
	}
	return ids
}

func (m *Model) row(b model.BrokerStatus, skewed bool) table.Row {
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
	leaders, replicas, used, use := "-", "-", "-", "-"
	if m.loadOK {
		l := m.load.loads[b.ID]
		leaders, replicas = model.Count(l.Leaders), model.Count(l.Replicas)
		if l.Answered {
			used, use = pane.Bytes(int(l.Used)), usePercent(l)
		}
	}
	return table.Row{
		Key:   strconv.Itoa(int(b.ID)),
		Cells: []string{strconv.Itoa(int(b.ID)), model.Sanitize(b.Addr()), model.Sanitize(rack), status, role, leaders, replicas, used, use},
		Tone:  pane.ToneOf(!b.Up, skewed),
	}
}

// View draws a summary of the cluster above its brokers.
// Click selects the row on line y, under the info line.
func (m *Model) Click(y int) table.Clicked { return m.table.Click(y - 1) }

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
	skew := m.load.skewed(m.ids())
	for _, id := range m.ids() {
		if s := skew[id]; s != "" {
			line += th.Muted.Render(" · ") + th.Warn.Render("skew: "+s)
		}
	}
	if m.err != nil && m.loadOK {
		line += th.Error.Render(" · refresh failed: " + model.Sanitize(m.err.Error()))
	}
	if age := m.common.Aged("load", m.loadAt); age != "" {
		line += th.Muted.Render(" · " + age)
	}
	return pane.Fit(line, m.width) + "\n" + m.table.View() + "\n\n" + m.dirs.View()
}
