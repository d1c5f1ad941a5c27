// Package groups is the consumer groups pane: every group with its state,
// lag, trend and a verdict, worst first, and a drill-in to one group's
// partitions and members.
package groups

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/pane"
	"github.com/kscope/kscope/ui/table"
	"github.com/kscope/kscope/ui/theme"
)

// Describer describes consumer groups with their lag.
type Describer interface {
	Groups(ctx context.Context, names ...string) ([]model.Group, error)
}

// Model is the groups pane: a list of judged groups. The groups on screen
// are described at every refresh; all of them at a pace that keeps the
// cost of describing thousands a small share of the time.
type Model struct {
	*pane.List[model.JudgedGroup]
	judge  *judge
	seeder Seeder // nil: the history starts with the polls
}

// Columns give way, when the screen is narrow, in the order of their
// Drop and Yield: the verdict, the lag and the time behind always show;
// names shrink with an ellipsis (the selected one is whole on the
// summary line).
var Columns = []table.Column{
	{Title: "GROUP", Width: 16, Flex: true, Max: 48, Yield: 7, Min: 8},
	{Title: "STATE", Width: 11, Drop: 5},
	{Title: "TYPE", Width: 8, Drop: 1},
	{Title: "MEMBERS", Width: 7, Align: table.Right, Drop: 4},
	{Title: "TOPICS", Width: 14, Flex: true, Max: 40, Drop: 6},
	{Title: "LAG", Width: 11, Align: table.Right},
	{Title: "BEHIND", Width: 7, Align: table.Right},
	{Title: "MAX", Width: 9, Align: table.Right, Drop: 2},
	{Title: "TREND", Width: 12, Drop: 3},
	{Title: "STATUS", Width: 7},
}

// New makes the groups pane; with topic set it shows only the groups that
// consume that topic, and their lag on it alone.
func New(c pane.Common, d Describer, history *model.LagHistory, topic string) *Model {
	m := &Model{judge: &judge{history: history, query: model.GroupQuery{Topic: topic}, now: c.Now}}
	m.seeder, _ = d.(Seeder)
	title, empty := "groups", model.NoneVisible(d, "consumer groups")
	if topic != "" {
		title, empty = "consumers of "+topic, "no consumer group commits offsets on "+strconv.Quote(topic)
	}
	k := c.Keys
	fetch := func(ctx context.Context, names ...string) ([]model.JudgedGroup, error) {
		gs, err := d.Groups(ctx, names...)
		out := make([]model.JudgedGroup, len(gs))
		for i, g := range gs {
			out[i].Group = g
		}
		return out, err
	}
	m.List = pane.NewList(c, pane.ListSpec[model.JudgedGroup]{
		Name:    "groups",
		Title:   title,
		Noun:    "groups",
		Columns: Columns,
		Fetch:   func(ctx context.Context) ([]model.JudgedGroup, error) { return fetch(ctx) },
		Key:     func(j model.JudgedGroup) string { return j.Name },
		Refetch: func(ctx context.Context, names []string) ([]model.JudgedGroup, error) { return fetch(ctx, names...) },
		Take:    m.take,
		Select:  m.judge.apply,
		Row:     m.judge.row,
		Empty:   empty,
		Summary: m.judge.summary,
		Keys: []pane.ListKey[model.JudgedGroup]{
			{Binding: k.List.Open, Do: pane.OnSelected(func(j model.JudgedGroup) tea.Msg {
				return pane.OpenGroupMsg{Group: j.Name, Topic: topic}
			})},
			{Binding: k.Groups.Sort, Do: func(model.JudgedGroup, bool) tea.Msg { m.judge.query.Order = m.judge.query.Order.Next(); return nil }},
			{Binding: k.Act.Reset, Do: pane.OnSelected(func(j model.JudgedGroup) tea.Msg { return actOn(j, pane.ResetOffsets) })},
			{Binding: k.Act.Delete, Do: pane.OnSelected(func(j model.JudgedGroup) tea.Msg { return actOn(j, pane.DeleteGroup) })},
			{Binding: k.Act.DeleteOffsets, Do: pane.OnSelected(func(j model.JudgedGroup) tea.Msg { return actOn(j, pane.DeleteOffsets) })},
		},
	})
	return m
}

// Init judges the rows again before it fetches: back on top after a
// group's view, whose polls added to the history they share, the list
// says what the view said, not what it had judged before.
func (m *Model) Init() tea.Cmd {
	m.rejudge()
	return m.List.Init()
}

// Update takes the reads of the log of commits; the list, the rest.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	if s, ok := msg.(seededMsg); ok {
		return m.seeded(s)
	}
	return m.List.Update(msg)
}

// take records an answer in the history, judges its groups, and keeps
// those the pane shows; on the first answer it asks for the history's
// seed.
func (m *Model) take(groups []model.JudgedGroup, at time.Time, all bool) ([]model.JudgedGroup, tea.Cmd) {
	polled := make([]model.Group, len(groups))
	for i, j := range groups {
		polled[i] = j.Group
	}
	if all {
		m.judge.history.ObserveAll(polled, at)
	} else {
		m.judge.history.Observe(polled, at)
	}
	return m.judge.query.Judge(polled, m.judge.history), m.seed(polled, at)
}

// actOn asks for a reset, a delete of a group or of its commits. A reset
// and a delete are refused at once when the group has members (Kafka
// would refuse them after the form); a deletion of commits leaves the
// partitions members consume, and says so in its preview.
func actOn(j model.JudgedGroup, action pane.Action) tea.Msg {
	if err := j.Busy(); err != nil && action != pane.DeleteOffsets {
		return pane.NoticeMsg{Text: err.Error()}
	}
	act := pane.ActMsg{Action: action, Group: j.Name}
	if action == pane.ResetOffsets || action == pane.DeleteOffsets {
		act.Topics = j.Topics()
	}
	return act
}

// judge is what the list and the group's view share: the history the
// verdicts come from, and the query that narrows and orders groups.
type judge struct {
	history *model.LagHistory // outlives the pane, so trends survive navigation
	query   model.GroupQuery
	now     func() time.Time // time behind is measured at, for its order
}

// apply filters and orders the judged groups: on every keystroke of a
// filter, so it judges nothing.
func (j *judge) apply(judged []model.JudgedGroup, filter string) []model.JudgedGroup {
	j.query.Filter, j.query.Now = filter, j.now()
	return j.query.Apply(judged)
}

func (j *judge) row(g model.JudgedGroup, now time.Time) table.Row {
	var trend []int64
	if h := j.history.Group(g.Name); h != nil {
		trend = h.Total.Lags()
	}
	cells := []string{
		model.Sanitize(g.Name),
		model.Sanitize(g.State),
		model.Sanitize(g.Type),
		strconv.Itoa(len(g.Members)),
		model.Sanitize(strings.Join(g.Topics(), ",")),
		model.Count(g.Verdict.Lag),
		model.BehindText(g.Behind(now), g.BehindStale(now)),
		model.Count(g.MaxLag()),
		pane.Sparkline(trend, 12),
		statusCell(g.Verdict),
	}
	if g.Err != nil {
		cells = append(cells[:1], "?", model.Sanitize(g.Type), "-", "-", "-", "-", "-", "", "ERROR")
	}
	return table.Row{Key: g.Name, Cells: cells, Tone: toneOf(g)}
}

// summary counts the groups in trouble, and says the order.
func (j *judge) summary(all []model.JudgedGroup, _ time.Time, th *theme.Theme) string {
	counts := map[model.Status]int{}
	for _, g := range all {
		counts[g.Verdict.Status]++
	}
	parts := []string{th.Muted.Render("sort: " + j.query.Order.String())}
	for _, s := range []model.Status{model.StatusStopped, model.StatusStalled, model.StatusWarning} {
		if n := counts[s]; n > 0 {
			style := th.Warn
			if s >= model.StatusStalled {
				style = th.Error
			}
			parts = append(parts, style.Render(fmt.Sprintf("%d %s", n, strings.ToLower(s.String()))))
		}
	}
	return strings.Join(parts, th.Muted.Render(" · "))
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
