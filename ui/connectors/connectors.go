// Package connectors is the pane of the Kafka Connect clusters' connectors:
// their state, tasks and topics, and a view of one with why it failed.
package connectors

import (
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/kscope/kscope/keymap"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/pane"
	"github.com/kscope/kscope/ui/table"
	"github.com/kscope/kscope/ui/theme"
)

// Cluster is a Kafka Connect cluster: its connectors, and what can be
// done to one.
type Cluster interface {
	Name() string
	Connectors(ctx context.Context) ([]model.Connector, error)
	Do(ctx context.Context, name string, a model.ConnectorAction) error
	Validate(ctx context.Context, config map[string]string) (model.ConfigProblems, error)
	Config(ctx context.Context, name string) (config map[string]string, found bool, err error)
	Put(ctx context.Context, name string, config map[string]string) error
}

// Item is one connector of one cluster.
type Item struct {
	Cluster Cluster
	model.Connector
}

// OpenMsg asks the root to show a connector whole.
type OpenMsg struct{ Item Item }

// ActMsg asks the root for the actions on a connector.
type ActMsg struct{ Item Item }

// EditMsg asks the root for the form that edits a connector's config, or
// creates one on Cluster when Item is nil.
type EditMsg struct {
	Cluster Cluster
	Item    *Item
}

// RedriveMsg asks the root to preview a redrive of a sink's dead-letter
// topic.
type RedriveMsg struct{ DLQ string }

// Columns are the pane's columns, as the config's columns: names them.
var Columns = []table.Column{
	{Title: "CLUSTER", Width: 8, Flex: true},
	{Title: "CONNECTOR", Width: 16, Flex: true},
	{Title: "TYPE", Width: 6},
	{Title: "CLASS", Width: 14, Flex: true},
	{Title: "STATE", Width: 10},
	{Title: "TASKS", Width: 22},
	{Title: "TOPICS", Width: 10, Flex: true},
}

// New makes the pane over the clusters.
func New(c pane.Common, clusters []Cluster) *pane.List[Item] {
	k := c.Keys
	// The clusters that did not answer the latest poll, for the summary.
	var failed atomic.Pointer[string]
	return pane.NewList(c, pane.ListSpec[Item]{
		Name:    "connectors",
		Title:   "connectors",
		Noun:    "connectors",
		Columns: Columns,
		Fetch: func(ctx context.Context) ([]Item, error) {
			items, errs := fetch(ctx, clusters)
			why := strings.Join(errs, "; ")
			failed.Store(&why)
			if len(errs) == len(clusters) && len(errs) > 0 {
				return nil, errors.New(why)
			}
			return items, nil
		},
		Key: func(i Item) string { return i.Cluster.Name() + "/" + i.Name },
		Row: func(i Item, _ time.Time) table.Row {
			return table.Row{Key: i.Cluster.Name() + "/" + i.Name,
				Cells: []string{model.Sanitize(i.Cluster.Name()), model.Sanitize(i.Name), i.Type, model.Sanitize(i.Class()), model.Sanitize(i.State),
					model.TasksText(i.Connector), model.TopicsText(i.Topics)},
				Tone: pane.ToneOf(i.Failed(), i.State != "RUNNING")}
		},
		Text:  func(i Item) string { return i.Cluster.Name() + " " + i.Name + " " + i.Class() + " " + i.State },
		Empty: "no connectors",
		Summary: func(items []Item, _ time.Time, th *theme.Theme) string {
			return summary(items, failed.Load(), th)
		},
		Keys: []pane.ListKey[Item]{
			{Binding: k.List.Open, Do: pane.OnSelected(func(i Item) tea.Msg { return OpenMsg{i} })},
			{Binding: keymap.Relabel(k.Act.Edit, "act on connector"), Do: pane.OnSelected(func(i Item) tea.Msg { return ActMsg{i} })},
			{Binding: keymap.Relabel(k.Topics.Tail, "tail dead letters"), Do: pane.OnSelected(deadLetters)},
			{Binding: keymap.Relabel(k.Act.Reset, "redrive dead letters"), Do: pane.OnSelected(redrive)},
			{Binding: keymap.Relabel(k.Act.Configs, "edit config"), Do: pane.OnSelected(func(i Item) tea.Msg { return EditMsg{Cluster: i.Cluster, Item: &i} })},
			{Binding: keymap.Relabel(k.Act.New, "new connector"), Do: func(i Item, selected bool) tea.Msg {
				if !selected {
					i.Cluster = clusters[0]
				}
				return EditMsg{Cluster: i.Cluster}
			}},
		},
	})
}

// deadLetters tails a sink's dead-letter topic from its beginning.
func deadLetters(i Item) tea.Msg {
	dlq := i.DeadLetterTopic()
	if dlq == "" {
		return noDeadLetters(i)
	}
	return pane.OpenTailMsg{Topic: dlq, Start: &model.Start{Kind: model.FromBeginning}}
}

// redrive asks for a redrive of a sink's dead-letter topic.
func redrive(i Item) tea.Msg {
	dlq := i.DeadLetterTopic()
	if dlq == "" {
		return noDeadLetters(i)
	}
	return RedriveMsg{DLQ: dlq}
}

func noDeadLetters(i Item) tea.Msg {
	return pane.NoticeMsg{Text: model.Sanitize(i.Name) + " has no dead-letter topic (errors.deadletterqueue.topic.name)"}
}

// fetch asks every cluster at once; a cluster that fails is named.
func fetch(ctx context.Context, clusters []Cluster) ([]Item, []string) {
	lists := make([][]model.Connector, len(clusters))
	errs := make([]error, len(clusters))
	var wg sync.WaitGroup
	for i, cl := range clusters {
		wg.Go(func() { lists[i], errs[i] = cl.Connectors(ctx) })
	}
	wg.Wait()
	var items []Item
	var failed []string
	for i, cl := range clusters {
		if errs[i] != nil {
			failed = append(failed, errs[i].Error())
			continue
		}
		for _, c := range lists[i] {
			items = append(items, Item{Cluster: cl, Connector: c})
		}
	}
	return items, failed
}

func summary(items []Item, failed *string, th *theme.Theme) string {
	bad := 0
	for _, i := range items {
		if i.Failed() {
			bad++
		}
	}
	var parts []string
	if bad > 0 {
		parts = append(parts, th.Error.Render(model.Plural(bad, "failing connector")))
	}
	if failed != nil && *failed != "" {
		parts = append(parts, th.Error.Render(model.Sanitize(*failed)))
	}
	return strings.Join(parts, th.Muted.Render(" · "))
}
