package connect

import (
	"context"
	"fmt"
	"net/http"

	"github.com/kscope/kscope/model"
)

// Do does an action to a connector: pause, resume or stop it, restart it
// (all of it, or what failed), reset its offsets, or delete it.
func (c *Client) Do(ctx context.Context, name string, a model.ConnectorAction) error {
	switch a {
	case model.PauseConnector, model.ResumeConnector, model.StopConnector:
		return c.do(ctx, http.MethodPut, path(name, "/"+a.Verb), nil, nil)
	case model.RestartConnector:
		return c.do(ctx, http.MethodPost, path(name, "/restart?includeTasks=true"), nil, nil)
	case model.RestartFailedConnector:
		return c.do(ctx, http.MethodPost, path(name, "/restart?includeTasks=true&onlyFailed=true"), nil, nil)
	case model.DeleteConnector:
		return c.do(ctx, http.MethodDelete, path(name), nil, nil)
	case model.ResetConnectorOffsets:
		return c.ResetOffsets(ctx, name)
	}
	return fmt.Errorf("no connector action %q", a.Verb)
}
