// Package quotas is the pane of the cluster's client quotas: the limits
// set on users, client ids, both, and IPs; n sets a new one, e edits the
// selected one and D removes it, each after a preview.
package quotas

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/kscope/kscope/keymap"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/pane"
	"github.com/kscope/kscope/ui/table"
)

// Lister lists the cluster's quotas.
type Lister interface {
	Quotas(ctx context.Context) ([]model.Quota, error)
}

// Columns are the pane's columns, as the config's columns: names them.
var Columns = []table.Column{
	{Title: "ENTITY", Width: 24, Flex: true},
	{Title: "LIMITS", Width: 40, Flex: true},
}

// New makes the quotas pane.
func New(c pane.Common, l Lister) *pane.List[model.Quota] {
	k := c.Keys.Act
	return pane.NewList(c, pane.ListSpec[model.Quota]{
		Name:    "quotas",
		Title:   "quotas",
		Noun:    "quotas",
		Columns: Columns,
		Fetch:   l.Quotas,
		Row: func(q model.Quota, _ time.Time) table.Row {
			return table.Row{Key: q.EntityText(), Cells: []string{model.Sanitize(q.EntityText()), q.ValuesText()}}
		},
		Text:  func(q model.Quota) string { return q.EntityText() + " " + q.ValuesText() },
		Empty: "no quotas: every client may use what the brokers give",
		Keys: []pane.ListKey[model.Quota]{
			{Binding: keymap.Relabel(k.New, "new quota"), Do: pane.Always[model.Quota](pane.ActMsg{Action: pane.SetQuota})},
			{Binding: keymap.Relabel(k.Edit, "edit limits"), Do: onSelected(pane.SetQuota)},
			{Binding: keymap.Relabel(k.Delete, "remove quota"), Do: onSelected(pane.RemoveQuota)},
		},
	})
}

// onSelected asks for an action on the selected quota.
func onSelected(a pane.Action) func(model.Quota, bool) tea.Msg {
	return pane.OnSelected(func(q model.Quota) tea.Msg { return pane.ActMsg{Action: a, Quota: &q} })
}
