// Package partitions is the pane that shows one topic's partitions: where
// their replicas live and which offsets they hold.
package partitions

import (
	"context"
	"fmt"
	"strconv"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/pane"
	"github.com/kscope/kscope/ui/table"
)

// Describer describes topics by name.
type Describer interface {
	Topics(ctx context.Context, names ...string) ([]model.Topic, error)
}

// Model is the partitions pane of one topic.
type Model struct {
	pane.Scope
	common pane.Common
	name   string
	poll   *pane.Poll[model.Topic]
	topic  model.Topic
	loaded bool
	err    error
	table  table.Model
	width  int
}

var columns = []table.Column{
	{Title: "PARTITION", Width: 9, Align: table.Right},
	{Title: "LEADER", Width: 6, Align: table.Right},
	{Title: "REPLICAS", Width: 8, Flex: true},
	{Title: "ISR", Width: 8, Flex: true},
	{Title: "OFFLINE", Width: 7, Flex: true},
	{Title: "LOW", Width: 11, Align: table.Right},
	{Title: "HIGH", Width: 11, Align: table.Right},
	{Title: "MESSAGES", Width: 11, Align: table.Right},
	{Title: "SIZE", Width: 8, Align: table.Right},
}

// New makes the pane for the named topic.
func New(c pane.Common, d Describer, topic string) *Model {
	fetch := func(ctx context.Context) (model.Topic, error) {
		ts, err := pane.SizedTopics(ctx, d, topic)
		if err != nil {
			return model.Topic{}, err
		}
		for _, t := range ts {
			if t.Name == topic {
				return t, t.Err
			}
		}
		return model.Topic{}, fmt.Errorf("topic %q does not exist", topic)
	}
	m := &Model{
		Scope:  c.NewScope(),
		common: c,
		name:   topic,
		table:  table.New(columns, c.Keys.List, c.TableStyles(), "loading partitions…"),
	}
	m.poll = pane.NewPoll(c, m.Context, fetch)
	return m
}

func (m *Model) Init() tea.Cmd { return m.poll.Start() }

func (m *Model) Title() string { return model.Sanitize(m.name) }

func (m *Model) Capturing() bool { return false }

func (m *Model) Bindings() []key.Binding {
	k := m.common.Keys
	return []key.Binding{k.Topics.Tail, k.Topics.Consumers, k.Topics.Producers, k.Act.Produce, k.Act.Configs, k.Act.Grow, k.Act.Delete}
}

func (m *Model) SetSize(width, height int) {
	m.width = width
	m.table.SetSize(width, height-1)
}

func (m *Model) Update(msg tea.Msg) tea.Cmd {
	if answer, ok, cmd := m.poll.Update(msg); ok || cmd != nil {
		if ok {
			m.apply(answer.Value, answer.Err)
		}
		return cmd
	}
	kp, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	if key.Matches(kp, m.common.Keys.Topics.Consumers) {
		return pane.Cmd(pane.OpenGroupsMsg{Topic: m.name})
	}
	if key.Matches(kp, m.common.Keys.Topics.Producers) {
		return pane.Cmd(pane.OpenProducersMsg{Topic: m.name})
	}
	if act := pane.TopicAction(m.common.Keys.Act, kp, m.name, len(m.topic.Partitions)); act != nil {
		return pane.Cmd(act)
	}
	if key.Matches(kp, m.common.Keys.Topics.Tail) {
		if row, ok := m.table.Selected(); ok {
			p, _ := strconv.Atoi(row.Key)
			return pane.Cmd(pane.OpenTailMsg{Topic: m.name, Partitions: []int32{int32(p)}})
		}
		return nil
	}
	m.table.Update(kp)
	return nil
}

func (m *Model) apply(t model.Topic, err error) {
	m.err = err
	if err != nil {
		if !m.loaded {
			m.table.SetEmpty("cannot describe topic: " + err.Error())
		}
		return
	}
	m.topic, m.loaded = t, true
	rows := make([]table.Row, len(t.Partitions))
	for i, p := range t.Partitions {
		rows[i] = row(p)
	}
	m.table.SetRows(rows)
	m.table.SetEmpty("the topic has no partitions")
}

func row(p model.Partition) table.Row {
	low, high, msgs := "?", "?", "?"
	if p.Low >= 0 && p.High >= 0 {
		low, high, msgs = pane.Count(p.Low), pane.Count(p.High), pane.Count(p.Messages())
	}
	leader := "none"
	if p.Leader >= 0 {
		leader = strconv.Itoa(int(p.Leader))
	}
	return table.Row{
		Key:   strconv.Itoa(int(p.ID)),
		Cells: []string{strconv.Itoa(int(p.ID)), leader, pane.IDs(p.Replicas), pane.IDs(p.ISR), pane.IDs(p.Offline), low, high, msgs, pane.Size(p.Bytes, p.Sized)},
		Tone:  pane.ToneOf(p.Leader < 0, p.UnderReplicated() || len(p.Offline) > 0 || p.Err != nil),
	}
}

// View draws a summary of the topic above its partitions.
// Click selects the row on line y, under the info line.
func (m *Model) Click(y int) bool { return m.table.Click(y - 1) }

func (m *Model) View() string {
	th := m.common.Theme
	line := th.Title.Render(model.Sanitize(m.name))
	if m.loaded {
		t := m.topic
		line += th.Muted.Render(fmt.Sprintf(" · %d partitions · RF %d · %s messages",
			len(t.Partitions), t.ReplicationFactor(), pane.Count(t.Messages())))
		if n := t.UnderReplicated(); n > 0 {
			line += th.Warn.Render(fmt.Sprintf(" · %d under-replicated", n))
		}
		if n := t.Leaderless(); n > 0 {
			line += th.Error.Render(fmt.Sprintf(" · %d without leader", n))
		}
	}
	if m.err != nil && m.loaded {
		line += th.Error.Render(" · refresh failed: " + model.Sanitize(m.err.Error()))
	}
	if leaders, replicas, sized := m.topic.Bytes(); sized && m.loaded {
		// Last: the warnings and the error matter more when space is short.
		line += th.Muted.Render(fmt.Sprintf(" · %s (%s with replicas)", pane.Bytes(int(leaders)), pane.Bytes(int(replicas))))
	}
	return pane.Fit(line, m.width) + "\n" + m.table.View()
}
