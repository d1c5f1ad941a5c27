package actions

import (
	"context"
	"fmt"

	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/pane"
)

// ConnectorDoer does actions to the connectors of a Connect cluster.
type ConnectorDoer interface {
	Name() string
	Do(ctx context.Context, name string, a model.ConnectorAction) error
}

// ConnectorAction is the question that does an action to a connector,
// saying what it does.
func ConnectorAction(c pane.Common, cluster ConnectorDoer, connector model.Connector, a model.ConnectorAction) *Dialog {
	name := model.Sanitize(connector.Name)
	do := writing(func(ctx context.Context) outcome {
		if err := cluster.Do(ctx, connector.Name, a); err != nil {
			return outcome{err: err}
		}
		return outcome{notice: fmt.Sprintf("%s: done (%s)", name, a.Verb), done: true}
	})
	return newQuestion(c, a.Verb+" "+name, outcome{
		question: fmt.Sprintf("%s %s (%s, %s, on %s): %s", a.Verb, name, connector.State, model.TasksText(connector), model.Sanitize(cluster.Name()), a.Effect),
		confirm:  &do,
	})
}
