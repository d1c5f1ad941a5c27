package ui

import (
	"cmp"
	"errors"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/actions"
	"github.com/kscope/kscope/ui/connectors"
	"github.com/kscope/kscope/ui/pane"
	"github.com/kscope/kscope/ui/table"
)

// connectorActMsg asks the root for an action's question on a connector.
type connectorActMsg struct {
	item   connectors.Item
	action model.ConnectorAction
}

func openConnectors(a *App, _ any, _ Command) (pane.Pane, error) {
	if len(a.connect) == 0 {
		return nil, errors.New("this cluster's context names no Kafka Connect cluster: add connect: [{name, url}] to it")
	}
	return connectors.New(a.common, a.connect), nil
}

// connectorActions lists what can be done to a connector, refused at once
// in read-only mode: each of them writes.
func (a *App) connectorActions(msg connectors.ActMsg) tea.Cmd {
	if a.opts.ReadOnly {
		a.notice = model.ErrReadOnly.Error() + " (--read-only, or read_only in the context)"
		return nil
	}
	cols := []table.Column{{Title: "ACTION", Width: 14}, {Title: "WHAT IT DOES", Width: 40, Flex: true}}
	row := func(_ int, act model.ConnectorAction) table.Row {
		return table.Row{Key: act.Verb, Cells: []string{act.Verb, act.Effect}}
	}
	return a.push(newPicker(a.common, "act on "+msg.Item.Name, "choose", cols, "", model.ConnectorActions, row,
		func(act model.ConnectorAction) tea.Msg { return connectorActMsg{item: msg.Item, action: act} }))
}

// connectorAct replaces the list of actions with the question of the one
// chosen.
func (a *App) connectorAct(msg connectorActMsg) tea.Cmd {
	a.drop()
	return a.push(actions.ConnectorAction(a.common, msg.item.Cluster, msg.item.Connector, msg.action))
}

// redrive previews a redrive of a dead-letter topic, refused at once in
// read-only mode or where masking keeps the raw bytes from being sent.
func (a *App) redrive(msg connectors.RedriveMsg) tea.Cmd {
	if a.opts.ReadOnly {
		a.notice = model.ErrReadOnly.Error() + " (--read-only, or read_only in the context)"
		return nil
	}
	if err := a.opts.Masking.Refuse(msg.DLQ, "redrive"); err != nil {
		a.notice = err.Error()
		return nil
	}
	return a.push(actions.Redrive(a.common, a.client, a.client, a.opts.Name, msg.DLQ, cmp.Or(a.opts.Patience, 10*time.Second)))
}

// editConnector opens the form that creates or edits a connector,
// refused at once in read-only mode.
func (a *App) editConnector(msg connectors.EditMsg) tea.Cmd {
	if a.opts.ReadOnly {
		a.notice = model.ErrReadOnly.Error() + " (--read-only, or read_only in the context)"
		return nil
	}
	if msg.Item == nil {
		return a.push(actions.EditConnector(a.common, msg.Cluster, "", nil))
	}
	return a.push(actions.EditConnector(a.common, msg.Cluster, msg.Item.Name, msg.Item.Config))
}
