// Package quorum is the pane of the KRaft controller quorum: each voter
// and observer of the metadata log, how far behind the leader it is and
// when it last fetched.
package quorum

import (
	"context"
	"fmt"
	"time"

	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/pane"
	"github.com/kscope/kscope/ui/table"
)

// Describer describes the quorum.
type Describer interface {
	Quorum(ctx context.Context) (model.Quorum, error)
}

// Columns are the pane's columns, as the config's columns: names them.
var Columns = []table.Column{
	{Title: "REPLICA", Width: 8, Align: table.Right},
	{Title: "ROLE", Width: 24, Flex: true},
	{Title: "LOG END", Width: 10, Align: table.Right},
	{Title: "LAG", Width: 8, Align: table.Right},
	{Title: "LAST FETCH", Width: 12, Align: table.Right},
}

// New makes the quorum pane.
func New(c pane.Common, d Describer) *pane.List[model.QuorumMember] {
	return pane.NewList(c, pane.ListSpec[model.QuorumMember]{
		Name:    "quorum",
		Title:   "quorum",
		Noun:    "quorum replicas",
		Columns: Columns,
		Fetch: func(ctx context.Context) ([]model.QuorumMember, error) {
			q, err := d.Quorum(ctx)
			return q.Members(), err
		},
		Row: func(m model.QuorumMember, now time.Time) table.Row {
			fetched := "-"
			if m.LastFetch > 0 {
				fetched = pane.Age(now.Sub(time.UnixMilli(m.LastFetch))) + " ago"
			}
			return table.Row{Key: fmt.Sprint(m.ID), Cells: []string{fmt.Sprint(m.ID), m.Role, fmt.Sprint(m.LogEndOffset), fmt.Sprint(m.Lag), fetched}}
		},
		Text:  func(m model.QuorumMember) string { return m.Role },
		Empty: "the quorum has no voters",
	})
}
