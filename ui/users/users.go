// Package users is the pane of the cluster's SCRAM users and the
// mechanisms each has a password for; n adds a user, e sets the selected
// one's password and D deletes it.
package users

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/kscope/kscope/keymap"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/pane"
	"github.com/kscope/kscope/ui/table"
)

// Lister lists the cluster's SCRAM users.
type Lister interface {
	SCRAMUsers(ctx context.Context) ([]model.SCRAMUser, error)
}

// Columns are the pane's columns, as the config's columns: names them.
var Columns = []table.Column{
	{Title: "USER", Width: 20, Flex: true},
	{Title: "MECHANISMS", Width: 40, Flex: true},
}

// New makes the SCRAM users pane.
func New(c pane.Common, l Lister) *pane.List[model.SCRAMUser] {
	k := c.Keys.Act
	return pane.NewList(c, pane.ListSpec[model.SCRAMUser]{
		Name:    "users",
		Title:   "users",
		Noun:    "SCRAM users",
		Columns: Columns,
		Fetch:   l.SCRAMUsers,
		Row: func(u model.SCRAMUser, _ time.Time) table.Row {
			return table.Row{Key: u.Name, Cells: []string{model.Sanitize(u.Name), u.MechanismsText()}}
		},
		Text:  func(u model.SCRAMUser) string { return u.Name + " " + u.MechanismsText() },
		Empty: "no SCRAM users (users of other mechanisms, such as mTLS or OAUTHBEARER, are not kept by Kafka)",
		Keys: []pane.ListKey[model.SCRAMUser]{
			{Binding: keymap.Relabel(k.New, "new user"), Do: pane.Always[model.SCRAMUser](pane.ActMsg{Action: pane.SetPassword})},
			{Binding: keymap.Relabel(k.Edit, "set password"), Do: onSelected(pane.SetPassword)},
			{Binding: keymap.Relabel(k.Delete, "delete user"), Do: onSelected(pane.DeleteUser)},
		},
	})
}

// onSelected asks for an action on the selected user.
func onSelected(a pane.Action) func(model.SCRAMUser, bool) tea.Msg {
	return pane.OnSelected(func(u model.SCRAMUser) tea.Msg { return pane.ActMsg{Action: a, User: u.Name} })
}
