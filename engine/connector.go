package engine

import (
	"context"
	"maps"

	"github.com/kscope/kscope/model"
)

// ConnectorConfigs are a Connect cluster's connectors' configs: checked by
// a worker, and read.
type ConnectorConfigs interface {
	Validate(ctx context.Context, config map[string]string) (model.ConfigProblems, error)
	Config(ctx context.Context, name string) (config map[string]string, found bool, err error)
}

// ConnectorPlan is a connector's config to write, worked out: what the
// worker finds wrong with it (nothing is to be written while it finds
// anything), and else whether it creates the connector or which keys of
// its config change.
type ConnectorPlan struct {
	Name     string
	Config   map[string]string
	Problems model.ConfigProblems
	Exists   bool
	Changes  []model.ConfigChange
}

// PlanConnector has the worker validate config as the connector name's
// (PUT /connector-plugins/{class}/config/validate), then compares it with
// the connector's config now, as the CLI's apply and the TUI's form both
// preview it.
func PlanConnector(ctx context.Context, c ConnectorConfigs, name string, config map[string]string) (ConnectorPlan, error) {
	config = maps.Clone(config)
	config["name"] = name
	plan := ConnectorPlan{Name: name, Config: config}
	var err error
	if plan.Problems, err = c.Validate(ctx, config); err != nil || len(plan.Problems) > 0 {
		return plan, err
	}
	current, found, err := c.Config(ctx, name)
	if err != nil {
		return plan, err
	}
	plan.Exists = found
	if found && current["name"] == "" {
		// A worker's config holds the connector's name; one that left it
		// out has not changed it.
		current = maps.Clone(current)
		current["name"] = name
	}
	plan.Changes = model.DiffConfig(current, config)
	return plan, nil
}
