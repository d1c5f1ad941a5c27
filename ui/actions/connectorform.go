package actions

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"charm.land/huh/v2"

	"github.com/kscope/kscope/engine"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/pane"
	"github.com/kscope/kscope/ui/table"
)

// ConnectorConfigurer creates and updates a Connect cluster's connectors,
// its worker validating each config first.
type ConnectorConfigurer interface {
	Name() string
	engine.ConnectorConfigs
	Put(ctx context.Context, name string, config map[string]string) error
}

var configChangeColumns = []table.Column{
	{Title: "KEY", Width: 20, Flex: true},
	{Title: "NOW", Width: 16, Flex: true},
	{Title: "AFTER", Width: 16, Flex: true},
}

// EditConnector is the dialog that creates a connector (current nil) or
// edits one's config: key=value lines, secret-looking values shown as
// hidden and kept unless retyped; the worker validates them (its
// problems come back on the field), then a preview of what changes, then
// the write on a yes.
func EditConnector(c pane.Common, cluster ConnectorConfigurer, name string, current map[string]string) *Dialog {
	var lines strings.Builder
	if current == nil {
		lines.WriteString("connector.class=\ntopics=\n")
	}
	for _, kv := range model.MaskedConfig(current) {
		if kv[0] != "name" {
			fmt.Fprintf(&lines, "%s=%s\n", kv[0], kv[1])
		}
	}
	typed := lines.String()
	build := func() *huh.Form {
		var fields []huh.Field
		if current == nil {
			fields = append(fields, huh.NewInput().Key("name").Title("Name").Value(&name).Validate(func(s string) error {
				if strings.TrimSpace(s) == "" {
					return errors.New("a connector needs a name")
				}
				return nil
			}))
		}
		fields = append(fields, huh.NewText().Key("config").Title("Config").
			Description("key=value, one a line; "+model.Hidden+" keeps a secret as it is").Lines(10).Value(&typed).Validate(checkHeaders))
		return huh.NewForm(huh.NewGroup(fields...))
	}
	check := func(ctx context.Context) outcome {
		config, err := typedConfig(typed, current)
		if err != nil {
			return outcome{err: err, field: "config"}
		}
		plan, err := engine.PlanConnector(ctx, cluster, strings.TrimSpace(name), config)
		if err != nil {
			return outcome{err: err}
		}
		if len(plan.Problems) > 0 {
			said := make([]string, len(plan.Problems))
			for i, p := range plan.Problems {
				said[i] = p.Field + ": " + p.Problem
			}
			return outcome{err: errors.New(strings.Join(said, "; ")), field: "config"}
		}
		write := writing(func(ctx context.Context) outcome {
			if err := cluster.Put(ctx, plan.Name, plan.Config); err != nil {
				return outcome{err: err}
			}
			return outcome{notice: "applied connector " + model.Sanitize(plan.Name), done: true}
		})
		if plan.Exists && len(plan.Changes) == 0 {
			return outcome{notice: "nothing to change"}
		}
		changes := plan.Changes
		rows := make([]table.Row, len(changes))
		for i, ch := range changes {
			rows[i] = table.Row{Key: strconv.Itoa(i), Cells: []string{ch.Key, or(ch.Old, "-"), or(ch.New, "-")}}
		}
		question := fmt.Sprintf("update %s of %s on %s", model.Plural(len(changes), "key"), plan.Name, cluster.Name())
		if !plan.Exists {
			question = fmt.Sprintf("create connector %s on %s", plan.Name, cluster.Name())
		}
		return outcome{notice: "the worker finds it valid; nothing changes until you say yes",
			preview: newPreview(c, configChangeColumns, rows, model.Plural(len(rows), "key")), question: question, confirm: &write}
	}
	title := "new connector on " + cluster.Name()
	if current != nil {
		title = "edit connector " + name
	}
	return newDialog(c, title, build, step{run: check})
}

// typedConfig is the config the lines say, a secret left hidden taking
// its current value.
func typedConfig(typed string, current map[string]string) (map[string]string, error) {
	pairs, err := parseHeaderLines(typed)
	if err != nil {
		return nil, err
	}
	config := map[string]string{}
	for _, kv := range pairs {
		k, v := strings.TrimSpace(kv.Key), strings.TrimSpace(string(kv.Value))
		if v == model.Hidden {
			old, ok := current[k]
			if !ok {
				return nil, fmt.Errorf("%s: %s stands for a secret it already has; a new one is typed", k, model.Hidden)
			}
			v = old
		}
		if v != "" {
			config[k] = v
		}
	}
	return config, nil
}
