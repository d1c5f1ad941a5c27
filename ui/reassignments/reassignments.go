// Package reassignments is the pane of the partitions being moved between
// brokers: what each has left to copy, and the replication throttle.
package reassignments

import (
	"context"
	"strconv"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/kscope/kscope/keymap"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/pane"
	"github.com/kscope/kscope/ui/table"
	"github.com/kscope/kscope/ui/theme"
)

// Follower lists the moves in progress and the throttle.
type Follower interface {
	Reassignments(ctx context.Context) ([]model.Moving, error)
	Throttled(ctx context.Context) (model.Throttle, error)
}

// Columns are the pane's columns, as the config's columns: names them.
var Columns = []table.Column{
	{Title: "TOPIC", Width: 20, Flex: true},
	{Title: "PARTITION", Width: 9, Align: table.Right},
	{Title: "REPLICAS", Width: 9, Flex: true},
	{Title: "ADDING", Width: 7, Flex: true},
	{Title: "REMOVING", Width: 8, Flex: true},
	{Title: "LEFT", Width: 9, Align: table.Right},
}

// New makes the pane.
func New(c pane.Common, f Follower) *pane.List[model.Moving] {
	k := c.Keys.Act
	// The throttle from the latest poll, for the summary.
	var throttle atomic.Pointer[model.Throttle]
	return pane.NewList(c, pane.ListSpec[model.Moving]{
		Name:    "reassignments",
		Title:   "reassignments",
		Noun:    "moving partitions",
		Columns: Columns,
		Fetch: func(ctx context.Context) ([]model.Moving, error) {
			moving, err := f.Reassignments(ctx)
			if err != nil {
				return nil, err
			}
			th, err := f.Throttled(ctx)
			if err == nil {
				throttle.Store(&th)
			}
			return moving, nil
		},
		Row: func(m model.Moving, _ time.Time) table.Row {
			return table.Row{Key: key(m), Cells: []string{model.Sanitize(m.Topic), strconv.Itoa(int(m.Partition)),
				pane.IDs(m.Replicas), pane.IDs(m.Adding), pane.IDs(m.Removing), pane.Size(m.BytesLeft, m.BytesLeft >= 0)}}
		},
		Text:  func(m model.Moving) string { return m.Topic },
		Empty: "no reassignment in progress",
		Summary: func(ms []model.Moving, _ time.Time, th *theme.Theme) string {
			return summary(ms, throttle.Load(), th)
		},
		Keys: []pane.ListKey[model.Moving]{
			{Binding: keymap.Relabel(k.Delete, "cancel move"), Do: pane.OnSelected(func(m model.Moving) tea.Msg {
				return pane.ActMsg{Action: pane.CancelMove, Moving: m}
			})},
			{Binding: k.Unthrottle, Do: pane.Always[model.Moving](pane.ActMsg{Action: pane.ClearThrottle})},
		},
	})
}

func key(m model.Moving) string { return m.Topic + "/" + strconv.Itoa(int(m.Partition)) }

// summary is what the moves have left, and the throttle: set while they
// run, and to be removed once they are done.
func summary(ms []model.Moving, th *model.Throttle, t *theme.Theme) string {
	var left int64
	known := len(ms) > 0
	for _, m := range ms {
		if m.BytesLeft < 0 {
			known = false
		}
		left += max(m.BytesLeft, 0)
	}
	out := ""
	if known {
		out = t.Muted.Render(pane.Bytes(int(left)) + " left to copy")
	}
	if th == nil || !th.Set() {
		return out
	}
	if out != "" {
		out += t.Muted.Render(" · ")
	}
	if len(ms) == 0 {
		return out + t.Warn.Render("throttle still set, U removes it: "+th.String())
	}
	return out + t.Muted.Render("throttle "+th.String())
}
