// Package topics is the pane that lists a cluster's topics.
package topics

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/kscope/kscope/keymap"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/pane"
	"github.com/kscope/kscope/ui/table"
)

// Lister lists topics with their partitions and watermarks.
type Lister interface {
	Topics(ctx context.Context, names ...string) ([]model.Topic, error)
}

// Model is the topics pane.
type Model struct {
	pane.Scope
	common pane.Common
	poll   *pane.Poll[[]model.Topic]
	all    []model.Topic
	rates  model.Throughput
	loaded bool
	err    error // of the latest poll; older data stays on screen
	query  model.TopicQuery
	filter pane.FilterInput
	table  table.Model
	width  int
}

var columns = []table.Column{
	{Title: "TOPIC", Width: 12, Flex: true},
	{Title: "PARTS", Width: 5, Align: table.Right},
	{Title: "RF", Width: 2, Align: table.Right},
	{Title: "MESSAGES", Width: 13, Align: table.Right},
	{Title: "SIZE", Width: 8, Align: table.Right},
	{Title: "IN/S", Width: 5, Align: table.Right},
	{Title: "URP", Width: 3, Align: table.Right},
}

// New makes the topics pane of a cluster.
func New(c pane.Common, lister Lister) *Model {
	m := &Model{
		Scope:  c.NewScope(),
		common: c,
		filter: pane.NewFilterInput(c.Keys.Input, "filter topics"),
		table:  table.New(columns, c.Keys.List, c.TableStyles(), "loading topics…"),
	}
	m.poll = pane.NewPoll(c, m.Context, func(ctx context.Context) ([]model.Topic, error) { return pane.SizedTopics(ctx, lister) })
	return m
}

func (m *Model) Init() tea.Cmd { return m.poll.Start() }

func (m *Model) Title() string { return "topics" }

func (m *Model) Capturing() bool { return m.filter.Active() }

func (m *Model) Bindings() []key.Binding {
	k := m.common.Keys
	return []key.Binding{k.List.Open, k.Topics.Tail, k.Topics.Consumers, k.Topics.Producers, k.Topics.Search, k.List.Filter, k.Topics.Sort, k.Topics.Internal,
		k.Act.Produce, keymap.Relabel(k.Act.New, "new topic"), k.Act.Configs, k.Act.Grow, k.Act.Delete}
}

// actOnSelected asks for an action on the selected topic.
func (m *Model) actOnSelected(msg tea.KeyPressMsg) tea.Cmd {
	row, ok := m.table.Selected()
	if !ok {
		return nil
	}
	return pane.Cmd(pane.TopicAction(m.common.Keys.Act, msg, row.Key, m.partitionsOf(row.Key)))
}

func (m *Model) partitionsOf(topic string) int {
	for _, t := range m.all {
		if t.Name == topic {
			return len(t.Partitions)
		}
	}
	return 0
}

// Back clears the filter, if one is set.
func (m *Model) Back() bool {
	if m.query.Filter == "" {
		return false
	}
	m.clearFilter()
	return true
}

func (m *Model) SetSize(width, height int) {
	m.width = width
	m.filter.SetWidth(width)
	m.table.SetSize(width, height-1)
}

func (m *Model) Update(msg tea.Msg) tea.Cmd {
	if answer, ok, cmd := m.poll.Update(msg); ok || cmd != nil {
		if ok {
			m.loaded = m.loaded || answer.Err == nil
			m.err = answer.Err
			if answer.Err == nil {
				m.all = answer.Value
				m.rates.Observe(answer.Value, answer.At)
			}
			m.refresh()
		}
		return cmd
	}
	if kp, ok := msg.(tea.KeyPressMsg); ok {
		return m.updateKey(kp)
	}
	return nil
}

func (m *Model) updateKey(msg tea.KeyPressMsg) tea.Cmd {
	if m.filter.Active() {
		cmd := m.filter.Update(msg)
		m.query.Filter = m.filter.Value()
		m.refresh()
		return cmd
	}
	keys := m.common.Keys
	switch {
	case key.Matches(msg, keys.List.Filter):
		return m.filter.Focus()
	case key.Matches(msg, keys.Topics.Internal):
		m.query.Internal = !m.query.Internal
		m.refresh()
	case key.Matches(msg, keys.Topics.Sort):
		m.query.Order = m.query.Order.Next()
		m.refresh()
	case key.Matches(msg, keys.List.Open):
		if row, ok := m.table.Selected(); ok {
			return pane.Cmd(pane.OpenTopicMsg{Topic: row.Key})
		}
	case key.Matches(msg, keys.Topics.Tail):
		if row, ok := m.table.Selected(); ok {
			return pane.Cmd(pane.OpenTailMsg{Topic: row.Key})
		}
	case key.Matches(msg, keys.Topics.Consumers):
		if row, ok := m.table.Selected(); ok {
			return pane.Cmd(pane.OpenGroupsMsg{Topic: row.Key})
		}
	case key.Matches(msg, keys.Topics.Producers):
		if row, ok := m.table.Selected(); ok {
			return pane.Cmd(pane.OpenProducersMsg{Topic: row.Key})
		}
	case key.Matches(msg, keys.Topics.Search):
		if row, ok := m.table.Selected(); ok {
			return pane.Cmd(pane.PromptMsg{Text: "search " + row.Key + " "})
		}
	case key.Matches(msg, keys.Act.New):
		return pane.Cmd(pane.ActMsg{Action: pane.CreateTopic})
	case key.Matches(msg, keys.Act.Produce, keys.Act.Delete, keys.Act.Grow, keys.Act.Configs):
		return m.actOnSelected(msg)
	default:
		m.table.Update(msg)
	}
	return nil
}

func (m *Model) clearFilter() {
	m.filter.Clear()
	m.query.Filter = ""
	m.refresh()
}

// refresh rebuilds the rows from the latest topics and the query.
func (m *Model) refresh() {
	shown := m.query.Apply(m.all)
	rows := make([]table.Row, len(shown))
	for i, t := range shown {
		rows[i] = m.row(t)
	}
	m.table.SetRows(rows)
	switch {
	case !m.loaded && m.err != nil:
		m.table.SetEmpty("cannot list topics: " + m.err.Error())
	case m.query.Filter != "":
		m.table.SetEmpty("no topic matches " + strconv.Quote(m.query.Filter))
	case m.loaded:
		m.table.SetEmpty("the cluster has no topics")
	}
}

func (m *Model) row(t model.Topic) table.Row {
	r := table.Row{Key: t.Name, Cells: []string{model.Sanitize(t.Name)}}
	if t.Err != nil {
		r.Cells = append(r.Cells, "-", "-", "-", "-", "-", "-")
		r.Tone = table.Error
		return r
	}
	bytes, _, sized := t.Bytes()
	r.Cells = append(r.Cells,
		pane.Count(len(t.Partitions)),
		strconv.Itoa(t.ReplicationFactor()),
		pane.Count(t.Messages()),
		pane.Size(bytes, sized),
		"-",
		strconv.Itoa(t.UnderReplicated()),
	)
	if rate, ok := m.rates.Rate(t.Name); ok {
		r.Cells[5] = pane.Rate(rate)
	}
	r.Tone = pane.ToneOf(t.Leaderless() > 0, t.UnderReplicated() > 0)
	if r.Tone == table.Normal && t.Internal {
		r.Tone = table.Muted
	}
	return r
}

// View draws a summary line (or the filter being typed) above the table.
// Click selects the row on line y, under the info line.
func (m *Model) Click(y int) bool { return m.table.Click(y - 1) }

func (m *Model) View() string {
	return m.infoLine() + "\n" + m.table.View()
}

func (m *Model) infoLine() string {
	if m.filter.Active() {
		return m.filter.View()
	}
	th := m.common.Theme
	parts := []string{fmt.Sprintf("%s of %s topics", pane.Count(m.table.Len()), pane.Count(len(m.all)))}
	parts = append(parts, "sort: "+m.query.Order.String())
	if m.query.Internal {
		parts = append(parts, "internal shown")
	}
	if m.query.Filter != "" {
		parts = append(parts, "filter: "+strconv.Quote(m.query.Filter))
	}
	line := th.Muted.Render(strings.Join(parts, " · "))
	if m.err != nil && m.loaded {
		line += th.Error.Render(" · refresh failed: " + model.Sanitize(m.err.Error()))
	}
	return pane.Fit(line, m.width)
}
