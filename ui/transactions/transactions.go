// Package transactions is the pane of the cluster's transactional ids:
// their state, producer, and for an open transaction its age and what it
// writes to, hanging ones first and in red.
package transactions

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/pane"
	"github.com/kscope/kscope/ui/table"
)

// Lister lists the cluster's transactional ids.
type Lister interface {
	Transactions(ctx context.Context) ([]model.Transaction, error)
}

// Model is the transactions pane.
type Model struct {
	pane.Scope
	common pane.Common
	poll   *pane.Poll[[]model.Transaction]
	latest pane.Latest[[]model.Transaction]
	table  table.Model
	width  int
}

var columns = []table.Column{
	{Title: "TRANSACTIONAL ID", Width: 20, Flex: true},
	{Title: "STATE", Width: 18},
	{Title: "PRODUCER", Width: 12, Align: table.Right},
	{Title: "AGE", Width: 7, Align: table.Right},
	{Title: "TIMEOUT", Width: 7, Align: table.Right},
	{Title: "PARTITIONS", Width: 20, Flex: true},
}

// New makes the transactions pane.
func New(c pane.Common, l Lister) *Model {
	m := &Model{Scope: c.NewScope(), common: c, table: table.New(columns, c.Keys.List, c.TableStyles(), "loading transactions…")}
	m.poll = pane.NewPoll(c, m.Context(), l.Transactions)
	return m
}

func (m *Model) Init() tea.Cmd { return m.poll.Start() }

func (m *Model) Title() string { return "transactions" }

func (m *Model) Capturing() bool { return false }

func (m *Model) Bindings() []key.Binding { return nil }

func (m *Model) SetSize(width, height int) {
	m.width = width
	m.table.SetSize(width, height-1)
}

func (m *Model) Update(msg tea.Msg) tea.Cmd {
	if answer, ok, cmd := m.poll.Update(msg); ok || cmd != nil {
		if ok {
			if m.latest.Take(answer) {
				m.table.SetEmpty("cannot list transactions: " + model.Sanitize(answer.Err.Error()))
			}
			m.refresh()
		}
		return cmd
	}
	if kp, ok := msg.(tea.KeyPressMsg); ok {
		m.table.Update(kp)
	}
	return nil
}

// refresh orders hanging transactions first, then open ones by age, then
// the rest by id.
func (m *Model) refresh() {
	now := m.common.Now()
	shown := slices.Clone(m.latest.Value)
	rank := func(t model.Transaction) int {
		switch {
		case t.Hanging(now):
			return 0
		case t.Open():
			return 1
		}
		return 2
	}
	slices.SortStableFunc(shown, func(a, b model.Transaction) int {
		return cmp.Or(cmp.Compare(rank(a), rank(b)), cmp.Compare(b.Age(now), a.Age(now)), strings.Compare(a.ID, b.ID))
	})
	rows := make([]table.Row, len(shown))
	for i, t := range shown {
		rows[i] = row(t, now)
	}
	m.table.SetRows(rows)
	if m.latest.Loaded {
		m.table.SetEmpty("no transactional ids: no producer here has used transactions")
	}
}

func row(t model.Transaction, now time.Time) table.Row {
	age, timeout := "-", "-"
	if t.Open() {
		age = model.FormatBehind(t.Age(now))
	}
	if t.Timeout > 0 {
		timeout = model.FormatBehind(t.Timeout)
	}
	producer := strconv.FormatInt(t.ProducerID, 10)
	if t.ProducerEpoch >= 0 {
		producer += "/" + strconv.Itoa(int(t.ProducerEpoch))
	}
	state := model.Sanitize(t.State)
	tone := table.Muted
	switch {
	case t.Err != nil:
		state, tone = "error: "+model.Sanitize(t.Err.Error()), table.Error
	case t.Hanging(now):
		state, tone = state+", hanging", table.Error
	case t.Open():
		tone = table.Normal
	}
	return table.Row{Key: t.ID, Tone: tone, Cells: []string{model.Sanitize(t.ID), state, producer, age, timeout, pane.TopicPartitions(t.Partitions)}}
}

func (m *Model) View() string {
	th := m.common.Theme
	now := m.common.Now()
	open, hanging := 0, 0
	for _, t := range m.latest.Value {
		if t.Open() {
			open++
		}
		if t.Hanging(now) {
			hanging++
		}
	}
	line := th.Muted.Render(fmt.Sprintf("%s transactional ids · %d open", pane.Count(len(m.latest.Value)), open))
	if hanging > 0 {
		line += th.Muted.Render(" · ") + th.Error.Render(fmt.Sprintf("%d hanging: open past their timeout, holding back read_committed readers", hanging))
	}
	if stale := m.latest.Stale(); stale != "" {
		line += th.Error.Render(" · " + model.Sanitize(stale))
	}
	return pane.Fit(line, m.width) + "\n" + m.table.View()
}
