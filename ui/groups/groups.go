// Package groups is the consumer groups pane: every group with its state,
// lag, trend and a verdict, worst first, and a drill-in to one group's
// partitions and members.
package groups

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/pane"
	"github.com/kscope/kscope/ui/table"
)

// Describer describes consumer groups with their lag.
type Describer interface {
	Groups(ctx context.Context, names ...string) ([]model.Group, error)
}

// Model is the groups pane.
type Model struct {
	pane.Scope
	common  pane.Common
	poll    *pane.Poll[[]model.Group]
	seeder  Seeder            // nil: the history starts with the polls
	history *model.LagHistory // outlives the pane, so trends survive navigation
	all     []model.Group
	judged  []model.JudgedGroup // all of them, judged once per poll
	shown   []model.JudgedGroup // those the filter selects, in order
	loaded  bool
	err     error
	query   model.GroupQuery
	filter  pane.FilterInput
	table   table.Model
	open    *detail // the group drilled into, if any
	width   int
	height  int
}

var columns = []table.Column{
	{Title: "GROUP", Width: 16, Flex: true},
	{Title: "STATE", Width: 11},
	{Title: "TYPE", Width: 8},
	{Title: "MEMBERS", Width: 7, Align: table.Right},
	{Title: "TOPICS", Width: 14},
	{Title: "LAG", Width: 11, Align: table.Right},
	{Title: "BEHIND", Width: 7, Align: table.Right},
	{Title: "MAX", Width: 9, Align: table.Right},
	{Title: "TREND", Width: 12},
	{Title: "STATUS", Width: 7},
}

// New makes the groups pane; with topic set it shows only the groups that
// consume that topic, and their lag on it alone.
func New(c pane.Common, d Describer, history *model.LagHistory, topic string) *Model {
	m := &Model{
		Scope:   c.NewScope(),
		common:  c,
		history: history,
		query:   model.GroupQuery{Topic: topic},
		filter:  pane.NewFilterInput(c.Keys.Input, "filter groups or topics"),
		table:   table.New(columns, c.Keys.List, c.TableStyles(), "loading consumer groups…"),
	}
	m.poll = pane.NewPoll(c, m.Context, func(ctx context.Context) ([]model.Group, error) { return d.Groups(ctx) })
	m.seeder, _ = d.(Seeder)
	return m
}

func (m *Model) Init() tea.Cmd { return m.poll.Start() }

func (m *Model) Title() string {
	t := "groups"
	if m.query.Topic != "" {
		t = "consumers of " + model.Sanitize(m.query.Topic)
	}
	if m.open != nil {
		t += " › " + model.Sanitize(m.open.name)
	}
	return t
}

func (m *Model) Capturing() bool { return m.filter.Active() }

func (m *Model) Bindings() []key.Binding {
	k := m.common.Keys
	if m.open != nil {
		return []key.Binding{k.Topics.Tail, k.Groups.Chart, k.Act.Reset, k.Act.Delete}
	}
	return []key.Binding{k.List.Open, k.List.Filter, k.Topics.Sort, k.Act.Reset, k.Act.Delete}
}

// Back closes the open group, else clears the filter.
func (m *Model) Back() bool {
	switch {
	case m.open != nil:
		m.open = nil
	case m.query.Filter != "":
		m.filter.Clear()
		m.query.Filter = ""
	default:
		return false
	}
	m.refresh()
	return true
}

func (m *Model) SetSize(width, height int) {
	m.width, m.height = width, height
	m.filter.SetWidth(width)
	m.table.SetSize(width, height-1)
	if m.open != nil {
		m.open.setSize(width, height)
	}
}

func (m *Model) Update(msg tea.Msg) tea.Cmd {
	if answer, ok, cmd := m.poll.Update(msg); ok || cmd != nil {
		if ok {
			cmd = tea.Batch(cmd, m.observe(answer))
		}
		return cmd
	}
	if s, ok := msg.(seededMsg); ok {
		return m.seeded(s)
	}
	kp, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	switch {
	case m.filter.Active():
		cmd := m.filter.Update(kp)
		m.query.Filter = m.filter.Value()
		m.refresh()
		return cmd
	}
	k := m.common.Keys
	if key.Matches(kp, k.Act.Reset, k.Act.Delete) {
		return m.actOnGroup(kp)
	}
	if m.open != nil {
		if key.Matches(kp, k.Topics.Tail) {
			return m.open.stuckAt()
		}
		m.open.update(kp)
		return nil
	}
	switch {
	case key.Matches(kp, k.List.Filter):
		return m.filter.Focus()
	case key.Matches(kp, k.Topics.Sort):
		m.query.Order = m.query.Order.Next()
		m.refresh()
	case key.Matches(kp, k.List.Open):
		if row, ok := m.table.Selected(); ok {
			m.open = newDetail(m.common, row.Key, m.history.Span())
			m.open.setSize(m.width, m.height)
			m.refresh()
		}
	default:
		m.table.Update(kp)
	}
	return nil
}

// actOnGroup asks for a reset or a delete of the open or selected group.
func (m *Model) actOnGroup(msg tea.KeyPressMsg) tea.Cmd {
	name := ""
	if m.open != nil {
		name = m.open.name
	} else if row, ok := m.table.Selected(); ok {
		name = row.Key
	}
	j, found := m.find(name)
	if !found {
		return nil
	}
	// Refused before a form is filled in vain (Kafka would refuse it after).
	if err := j.Busy(); err != nil {
		return pane.Cmd(pane.NoticeMsg{Text: err.Error()})
	}
	act := pane.ActMsg{Action: pane.DeleteGroup, Group: name}
	if key.Matches(msg, m.common.Keys.Act.Reset) {
		act.Action, act.Topics = pane.ResetOffsets, j.Topics()
	}
	return pane.Cmd(act)
}

// observe takes in a poll, and on the first asks for the history's seed.
func (m *Model) observe(answer pane.Fetched[[]model.Group]) tea.Cmd {
	m.err = answer.Err
	if answer.Err != nil {
		if !m.loaded {
			m.table.SetEmpty("cannot describe groups: " + answer.Err.Error())
		}
		return nil
	}
	m.all, m.loaded = answer.Value, true
	m.history.ObserveAll(answer.Value, answer.At)
	m.judged = m.query.Judge(m.all, m.history)
	m.refresh()
	return m.seed(answer.Value, answer.At)
}

// refresh filters and orders the judged groups and rebuilds the rows, and
// the open group's view. It runs on every keystroke of a filter, so it
// judges nothing: verdicts change only when a poll lands.
func (m *Model) refresh() {
	m.shown = m.query.Apply(m.judged)
	rows := make([]table.Row, len(m.shown))
	for i, j := range m.shown {
		rows[i] = m.row(j)
	}
	m.table.SetRows(rows)
	switch {
	case m.query.Filter != "":
		m.table.SetEmpty("no group matches " + strconv.Quote(m.query.Filter))
	case m.query.Topic != "" && m.loaded:
		m.table.SetEmpty("no consumer group commits offsets on " + strconv.Quote(m.query.Topic))
	case m.loaded:
		m.table.SetEmpty("the cluster has no consumer groups")
	}
	if m.open != nil {
		j, found := m.find(m.open.name)
		m.open.show(j, found, m.history.Group(m.open.name))
	}
}

func (m *Model) find(name string) (model.JudgedGroup, bool) {
	for _, j := range m.shown {
		if j.Name == name {
			return j, true
		}
	}
	return model.JudgedGroup{}, false
}

func (m *Model) row(j model.JudgedGroup) table.Row {
	var trend []int64
	if h := m.history.Group(j.Name); h != nil {
		trend = h.Total.Lags()
	}
	cells := []string{
		model.Sanitize(j.Name),
		model.Sanitize(j.State),
		model.Sanitize(j.Type),
		strconv.Itoa(len(j.Members)),
		model.Sanitize(strings.Join(j.Topics(), ",")),
		pane.Count(j.Verdict.Lag),
		model.BehindText(j.Behind(m.common.Now()), j.BehindStale(m.common.Now())),
		pane.Count(j.MaxLag()),
		pane.Sparkline(trend, 12),
		statusCell(j.Verdict),
	}
	if j.Err != nil {
		cells = append(cells[:1], "?", model.Sanitize(j.Type), "-", "-", "-", "-", "-", "", "ERROR")
	}
	return table.Row{Key: j.Name, Cells: cells, Tone: toneOf(j)}
}

// statusCell is the verdict, or "judging" while it waits for evidence.
func statusCell(v model.Verdict) string {
	if v.Judging {
		return "judging"
	}
	return v.Status.String()
}

// toneOf colours a group by its verdict: stopped and stalled red, falling
// behind yellow, idle groups with nothing to do grey.
func toneOf(j model.JudgedGroup) table.Tone {
	switch {
	case j.Err != nil || j.Verdict.Status >= model.StatusStalled:
		return table.Error
	case j.Verdict.Status == model.StatusWarning:
		return table.Warn
	case len(j.Members) == 0:
		return table.Muted
	}
	return table.Normal
}

// Click selects the group on line y of the list, under the info line.
func (m *Model) Click(y int) bool { return m.open == nil && m.table.Click(y-1) }

func (m *Model) View() string {
	if m.open != nil {
		return m.open.view()
	}
	return m.infoLine() + "\n" + m.table.View()
}

func (m *Model) infoLine() string {
	if m.filter.Active() {
		return m.filter.View()
	}
	th := m.common.Theme
	counts := map[model.Status]int{}
	for _, j := range m.shown {
		counts[j.Verdict.Status]++
	}
	parts := []string{th.Muted.Render(fmt.Sprintf("%s of %s groups · sort: %s", pane.Count(len(m.shown)), pane.Count(len(m.all)), m.query.Order))}
	for _, s := range []model.Status{model.StatusStopped, model.StatusStalled, model.StatusWarning} {
		if n := counts[s]; n > 0 {
			style := th.Warn
			if s >= model.StatusStalled {
				style = th.Error
			}
			parts = append(parts, style.Render(fmt.Sprintf("%d %s", n, strings.ToLower(s.String()))))
		}
	}
	if m.query.Filter != "" {
		parts = append(parts, th.Muted.Render("filter: "+strconv.Quote(m.query.Filter)))
	}
	if m.err != nil && m.loaded {
		parts = append(parts, th.Error.Render("refresh failed: "+model.Sanitize(m.err.Error())))
	}
	return pane.Fit(strings.Join(parts, th.Muted.Render(" · ")), m.width)
}
