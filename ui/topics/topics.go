// Package topics is the pane that lists a cluster's topics: sizes, rates
// and health, sorted and filtered as the user asks.
package topics

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/kscope/kscope/keymap"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/pane"
	"github.com/kscope/kscope/ui/table"
	"github.com/kscope/kscope/ui/theme"
)

// Lister lists topics with their partitions and watermarks.
type Lister interface {
	Topics(ctx context.Context, names ...string) ([]model.Topic, error)
}

// Columns give way, when the screen is narrow, in the order of their
// Drop and Yield: the rate in and the under-replicated count always
// show; names shrink with an ellipsis (the selected one is whole on the
// summary line), and on a wide screen stop growing, keeping the numbers
// near them.
var Columns = []table.Column{
	{Title: "TOPIC", Width: 12, Flex: true, Max: 60, Yield: 4, Min: 8},
	{Title: "PARTS", Width: 5, Align: table.Right, Drop: 3},
	{Title: "RF", Width: 2, Align: table.Right, Drop: 1},
	{Title: "MESSAGES", Width: 13, Align: table.Right, Yield: 5, Min: 10},
	{Title: "SIZE", Width: 8, Align: table.Right, Drop: 2},
	{Title: "IN/S", Width: 5, Align: table.Right},
	{Title: "URP", Width: 3, Align: table.Right},
}

// topics is the pane's own state beside the list: its query (the
// filter is the list's) and the rates measured between polls.
type topics struct {
	query model.TopicQuery
	rates model.Throughput
}

// New makes the topics pane of a cluster.
func New(c pane.Common, lister Lister) *pane.List[model.Topic] {
	t := &topics{}
	t.query.Rate = func(topic string) (float64, bool) { return t.rates.Rate(topic) } // the rates as they are at each sort
	k := c.Keys
	spec := pane.ListSpec[model.Topic]{
		Name:    "topics",
		Title:   "topics",
		Noun:    "topics",
		Columns: Columns,
		Fetch:   func(ctx context.Context) ([]model.Topic, error) { return pane.SizedTopics(ctx, lister) },
		Key:     func(tp model.Topic) string { return tp.Name },
		Refetch: func(ctx context.Context, names []string) ([]model.Topic, error) {
			return pane.SizedTopics(ctx, lister, names...)
		},
		Row: t.row,
		Select: func(all []model.Topic, filter string) []model.Topic {
			t.query.Filter = filter
			return t.query.Apply(all)
		},
		Take:    t.observe,
		Empty:   model.NoneVisible(lister, "topics"),
		Summary: t.summary,
		Keys: []pane.ListKey[model.Topic]{
			{Binding: k.List.Open, Do: on(func(tp model.Topic) tea.Msg { return pane.OpenTopicMsg{Topic: tp.Name} })},
			{Binding: k.Topics.Tail, Do: on(func(tp model.Topic) tea.Msg { return pane.OpenTailMsg{Topic: tp.Name} })},
			{Binding: k.Topics.Consumers, Do: on(func(tp model.Topic) tea.Msg { return pane.OpenGroupsMsg{Topic: tp.Name} })},
			{Binding: k.Topics.Producers, Do: on(func(tp model.Topic) tea.Msg { return pane.OpenProducersMsg{Topic: tp.Name} })},
			{Binding: k.Topics.Search, Do: on(func(tp model.Topic) tea.Msg { return pane.PromptMsg{Text: "search " + tp.Name + " "} })},
			{Binding: k.Topics.Sort, Do: func(model.Topic, bool) tea.Msg { t.query.Order = t.query.Order.Next(); return nil }},
			{Binding: k.Topics.Internal, Do: func(model.Topic, bool) tea.Msg { t.query.Internal = !t.query.Internal; return nil }},
		},
	}
	acts := pane.TopicActs(k.Act, func(t model.Topic) (string, int) { return t.Name, len(t.Partitions) })
	create := pane.ListKey[model.Topic]{Binding: keymap.Relabel(k.Act.New, "new topic"), Do: pane.Always[model.Topic](pane.ActMsg{Action: pane.CreateTopic})}
	spec.Keys = append(spec.Keys, slices.Insert(acts, 1, create)...)
	return pane.NewList(c, spec)
}

// on asks for msg of the selected topic.
func on(msg func(model.Topic) tea.Msg) func(model.Topic, bool) tea.Msg { return pane.OnSelected(msg) }

func (t *topics) row(tp model.Topic, _ time.Time) table.Row {
	r := table.Row{Key: tp.Name, Cells: []string{model.Sanitize(tp.Name)}}
	if tp.Err != nil {
		r.Cells = append(r.Cells, "-", "-", "-", "-", "-", "-")
		r.Tone = table.Error
		return r
	}
	bytes, _, sized := tp.Bytes()
	r.Cells = append(r.Cells,
		model.Count(len(tp.Partitions)),
		strconv.Itoa(tp.ReplicationFactor()),
		model.Count(tp.Messages()),
		pane.Size(bytes, sized),
		"-",
		strconv.Itoa(tp.UnderReplicated()),
	)
	if rate, ok := t.rates.Rate(tp.Name); ok {
		r.Cells[5] = pane.Rate(rate)
	}
	r.Tone = pane.ToneOf(tp.Leaderless() > 0, tp.UnderReplicated() > 0)
	if r.Tone == table.Normal && tp.Internal {
		r.Tone = table.Muted
	}
	return r
}

// observe measures rates from a listing of every topic or of some.
func (t *topics) observe(listed []model.Topic, at time.Time, all bool) ([]model.Topic, tea.Cmd) {
	if all {
		t.rates.ObserveAll(listed, at)
	} else {
		t.rates.Observe(listed, at)
	}
	return listed, nil
}

// summary says how the topics are sorted, and whether internal ones show.
func (t *topics) summary(_ []model.Topic, _ time.Time, th *theme.Theme) string {
	parts := []string{"sort: " + t.query.Order.String()}
	if t.query.Internal {
		parts = append(parts, "internal shown")
	}
	return th.Muted.Render(strings.Join(parts, " · "))
}
