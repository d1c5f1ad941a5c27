package ui

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/actions"
	"github.com/kscope/kscope/ui/configs"
	"github.com/kscope/kscope/ui/pane"
)

// act opens the dialog for an action, or refuses a write in read-only
// mode before anything opens (the adapter refuses too, should one slip by).
func (a *App) act(msg pane.ActMsg) tea.Cmd {
	if a.opts.ReadOnly && msg.Action.Writes() {
		a.notice = model.ErrReadOnly.Error() + " (--read-only, or read_only in the context)"
		return nil
	}
	c, w := a.common, a.client
	var p pane.Pane
	switch msg.Action {
	case pane.Produce:
		p = actions.Produce(c, w, a.encoder(), msg.Topic, msg.Record)
	case pane.CreateTopic:
		p = actions.CreateTopic(c, w)
	case pane.DeleteTopic:
		p = actions.Delete(c, "topic", msg.Topic, func(ctx context.Context) error { return w.DeleteTopic(ctx, msg.Topic) })
	case pane.AddPartitions:
		p = actions.AddPartitions(c, w, msg.Topic, msg.Partitions)
	case pane.ShowConfigs:
		p = configs.New(c, w, msg.Owner)
	case pane.SetConfig:
		p = actions.SetConfig(c, w, msg.Owner, msg.Config)
	case pane.ResetOffsets:
		p = actions.ResetOffsets(c, w, msg.Group, msg.Topics)
	case pane.DeleteGroup:
		p = actions.Delete(c, "group", msg.Group, func(ctx context.Context) error { return w.DeleteGroup(ctx, msg.Group) })
	case pane.CreateACL:
		p = actions.CreateACL(c, w)
	case pane.DeleteACL:
		p = actions.DeleteACL(c, w, msg.ACL)
	case pane.AbortTransaction:
		p = actions.AbortTransaction(c, w, msg.Transaction)
	case pane.AbortProducer:
		p = actions.AbortProducer(c, w, msg.Producer)
	case pane.SetQuota:
		p = actions.SetQuota(c, w, msg.Quota)
	case pane.RemoveQuota:
		p = actions.RemoveQuota(c, w, *msg.Quota)
	case pane.SetPassword:
		p = actions.SetPassword(c, w, msg.User)
	case pane.SendRecords:
		p = actions.SendRecords(c, w, msg.Topic, msg.Records)
	case pane.DeleteRecords:
		p = actions.DeleteRecords(c, w, msg.Topic)
	case pane.ElectLeaders:
		p = actions.ElectLeaders(c, w, msg.Topic)
	case pane.DeleteOffsets:
		p = actions.DeleteOffsets(c, w, msg.Group, msg.Topics)
	case pane.Balance:
		p = actions.Balance(c, w)
	case pane.CancelMove:
		p = actions.CancelMove(c, w, msg.Moving)
	case pane.ClearThrottle:
		p = actions.ClearThrottle(c, w)
	case pane.DeleteUser:
		p = actions.Delete(c, "SCRAM user", msg.User, func(ctx context.Context) error { return w.DeleteSCRAMUser(ctx, msg.User) })
	default:
		return nil
	}
	return a.push(p)
}

// encoder is the registry as the produce form's encoder, or nil without
// one: a nil encoder leaves the schema field out.
func (a *App) encoder() actions.SchemaEncoder {
	if enc, ok := a.registry.(actions.SchemaEncoder); ok {
		return enc
	}
	return nil
}
