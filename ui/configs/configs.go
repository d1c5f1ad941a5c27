// Package configs is the pane of a topic's or a broker's configuration:
// the values set for it stand out, the defaults are grey, e edits one.
package configs

import (
	"context"
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/pane"
	"github.com/kscope/kscope/ui/table"
	"github.com/kscope/kscope/ui/theme"
)

// Lister describes topics' and brokers' configs.
type Lister interface {
	TopicConfigs(ctx context.Context, topic string) ([]model.ConfigEntry, error)
	BrokerConfigs(ctx context.Context, broker int32) ([]model.ConfigEntry, error)
}

var columns = []table.Column{
	{Title: "NAME", Width: 24, Flex: true},
	{Title: "VALUE", Width: 20, Flex: true},
	{Title: "SOURCE", Width: 24},
}

// New makes the configs pane of a topic or a broker.
func New(c pane.Common, l Lister, owner model.ConfigOwner) *pane.List[model.ConfigEntry] {
	fetch := func(ctx context.Context) ([]model.ConfigEntry, error) { return l.TopicConfigs(ctx, owner.Topic) }
	if owner.IsBroker() {
		fetch = func(ctx context.Context) ([]model.ConfigEntry, error) { return l.BrokerConfigs(ctx, owner.Broker) }
	}
	return pane.NewList(c, pane.ListSpec[model.ConfigEntry]{
		Title:   "configs",
		Heading: owner.String(),
		Noun:    "configs",
		Columns: columns,
		Fetch:   fetch,
		Row:     row,
		Text:    func(e model.ConfigEntry) string { return e.Name + " " + e.Source },
		Empty:   "no configs described",
		Summary: func(es []model.ConfigEntry, _ time.Time, th *theme.Theme) string { return summary(owner, es, th) },
		Keys: []pane.ListKey[model.ConfigEntry]{{Binding: c.Keys.Act.Edit, Do: pane.OnSelected(func(e model.ConfigEntry) tea.Msg {
			if e.ReadOnly {
				return pane.NoticeMsg{Text: model.Sanitize(e.Name) + " cannot change while the broker runs: it is read from server.properties at start"}
			}
			return pane.ActMsg{Action: pane.SetConfig, Owner: owner, Config: e}
		})}},
	})
}

// row is a config in human units; a default is grey, a secret is not shown.
func row(e model.ConfigEntry, _ time.Time) table.Row {
	value := model.ReadableConfig(e.Name, e.Value)
	if e.Sensitive {
		value = "(sensitive)"
	}
	source := e.Source
	if e.ReadOnly {
		source += ", read-only"
	}
	r := table.Row{Key: e.Name, Cells: []string{e.Name, value, source}}
	if e.IsDefault() {
		r.Tone = table.Muted
	}
	return r
}

// summary counts where the values come from: for a topic, how many are
// set; for a broker, what an operator asks: set for it, cluster-wide, or
// in server.properties.
func summary(owner model.ConfigOwner, es []model.ConfigEntry, th *theme.Theme) string {
	counts := map[string]int{}
	for _, e := range es {
		counts[e.Source]++
	}
	if owner.IsBroker() {
		return th.Muted.Render(fmt.Sprintf("%d set for this broker, %d cluster-wide, %d in server.properties",
			counts["broker"], counts["broker default"], counts["static broker"]))
	}
	return th.Muted.Render(fmt.Sprintf("%d set, not default", len(es)-counts["default"]))
}
