// Package acls is the pane of the cluster's access-control bindings: who
// may, or may not, do what on which resource, filtered as you type; n
// creates one and D deletes the selected one, each after a preview.
package acls

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/kscope/kscope/keymap"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/pane"
	"github.com/kscope/kscope/ui/table"
)

// Lister lists the cluster's bindings.
type Lister interface {
	ACLs(ctx context.Context) ([]model.ACL, error)
}

// Columns are a binding's, here and in the dialogs that change one.
var Columns = []table.Column{
	{Title: "PERMISSION", Width: 10},
	{Title: "PRINCIPAL", Width: 16, Flex: true},
	{Title: "OPERATION", Width: 16},
	{Title: "RESOURCE", Width: 16},
	{Title: "NAME", Width: 16, Flex: true},
	{Title: "PATTERN", Width: 8},
	{Title: "HOST", Width: 10},
}

// New makes the ACLs pane.
func New(c pane.Common, l Lister) *pane.List[model.ACL] {
	k := c.Keys.Act
	return pane.NewList(c, pane.ListSpec[model.ACL]{
		Name:    "acls",
		Title:   "acls",
		Noun:    "ACLs",
		Columns: Columns,
		Fetch:   l.ACLs,
		Row:     Row,
		Text:    model.ACL.String, // "alice read orders" finds alice's READ on orders
		Empty:   "the cluster has no ACLs",
		Keys: []pane.ListKey[model.ACL]{
			{Binding: keymap.Relabel(k.New, "new ACL"), Do: pane.Always[model.ACL](pane.ActMsg{Action: pane.CreateACL})},
			{Binding: keymap.Relabel(k.Delete, "delete ACL"), Do: pane.OnSelected(func(a model.ACL) tea.Msg {
				return pane.ActMsg{Action: pane.DeleteACL, ACL: a}
			})},
		},
	})
}

// Row is a binding as a row; denials stand out.
func Row(a model.ACL, _ time.Time) table.Row {
	tone := table.Normal
	if a.Permission == "DENY" {
		tone = table.Warn
	}
	return table.Row{Key: a.String(), Tone: tone, Cells: []string{
		a.Permission, model.Sanitize(a.Principal), a.Operation, a.ResourceType, model.Sanitize(a.ResourceName), a.Pattern, model.Sanitize(a.Host)}}
}
