package cli

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	"github.com/goccy/go-yaml"
	"github.com/spf13/cobra"

	"github.com/kscope/kscope/connect"
	"github.com/kscope/kscope/engine"
	"github.com/kscope/kscope/model"
)

// readConnectorFile reads a connector as a JSON or YAML file says it:
// {name, config: {...}}, as POST /connectors takes it, or the config
// alone with its name in it. Numbers and booleans become the strings
// Connect takes.
func readConnectorFile(path string, stdin io.Reader) (name string, config map[string]string, err error) {
	data, err := readInputFile(path, stdin)
	if err != nil {
		return "", nil, err
	}
	var doc map[string]any
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return "", nil, fmt.Errorf("%s: not JSON or YAML: %w", path, err)
	}
	if inner, ok := doc["config"].(map[string]any); ok {
		name, _ = doc["name"].(string)
		doc = inner
	}
	config = map[string]string{}
	for k, v := range doc {
		switch v := v.(type) {
		case string:
			config[k] = v
		case bool:
			config[k] = strconv.FormatBool(v)
		case nil:
		case map[string]any, []any:
			return "", nil, fmt.Errorf("%s: %s: a connector's config values are text, not %T", path, k, v)
		default:
			config[k] = fmt.Sprint(v)
		}
	}
	if name == "" {
		name = config["name"]
	}
	return name, config, nil
}

func connectApply(g *globals, stdin io.Reader, stdout io.Writer, cluster *string) *cobra.Command {
	var name string
	var execute bool
	cmd := &cobra.Command{
		Use:   "apply FILE",
		Short: "Create or update a connector from a JSON or YAML file, validated by the worker first (- reads stdin)",
		Long: `Create a connector, or update its config, from a file: JSON or YAML, as
POST /connectors takes it ({name, config: {...}}) or the config alone with
its name in it. The worker validates it first (PUT
/connector-plugins/{class}/config/validate): what it finds wrong is
listed field by field and nothing changes. Then the preview says the
connector is created, or which keys change, old → new, secret-looking
values hidden. Nothing changes without --execute; refused in read-only
mode.`,
		Example: `  kscope connect apply orders-sink.yaml
  kscope connect apply orders-sink.json --cluster sinks --execute`,
		Args: oneArg("the connector's file"),
		RunE: func(cmd *cobra.Command, args []string) error {
			fileName, config, err := readConnectorFile(args[0], stdin)
			if err != nil {
				return err
			}
			name = cmp.Or(name, fileName)
			if name == "" {
				return usagef("%s names no connector: give name in it, or --name", args[0])
			}
			if config["connector.class"] == "" {
				return usagef("%s: connector.class is missing", args[0])
			}
			return withConnect(g, *cluster, "applying a connector to", func(conn *connection, clusters []*connect.Client) error {
				if execute && conn.readOnly {
					return fmt.Errorf("apply connector %s: %w", name, model.ErrReadOnly)
				}
				if len(clusters) > 1 {
					return usagef("the context names %d Connect clusters: choose one with --cluster", len(clusters))
				}
				cl := clusters[0]
				plan, err := engine.PlanConnector(cmd.Context(), cl, name, config)
				if err != nil {
					return err
				}
				if len(plan.Problems) > 0 {
					for _, p := range plan.Problems {
						fmt.Fprintf(stdout, "%s: %s\n", model.Sanitize(p.Field), model.Sanitize(p.Problem))
					}
					return fmt.Errorf("the worker finds %s in %s; nothing changed", model.Plural(len(plan.Problems), "problem"), args[0])
				}
				switch {
				case !plan.Exists:
					fmt.Fprintf(stdout, "creates connector %s (%s) on %s\n", model.Sanitize(name), model.Sanitize(config["connector.class"]), model.Sanitize(cl.Name()))
				case len(plan.Changes) == 0:
					fmt.Fprintf(stdout, "connector %s already has this config: nothing to change\n", model.Sanitize(name))
					return nil
				default:
					tw := newTable(stdout)
					fmt.Fprintln(tw, "KEY\tNOW\tAFTER")
					for _, c := range plan.Changes {
						fmt.Fprintf(tw, "%s\t%s\t%s\n", model.Sanitize(c.Key), absent(model.Sanitize(c.Old)), absent(model.Sanitize(c.New)))
					}
					if err := tw.Flush(); err != nil {
						return err
					}
				}
				if !execute {
					fmt.Fprintln(stdout, "valid; nothing changed: run again with --execute")
					return nil
				}
				if err := cl.Put(cmd.Context(), name, plan.Config); err != nil {
					return err
				}
				fmt.Fprintf(stdout, "applied connector %s\n", model.Sanitize(name))
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&name, "name", "", "the connector's name (default: the file's)")
	cmd.Flags().BoolVar(&execute, "execute", false, "create or update it, not just validate and show it")
	return cmd
}

// absent is a config value, or "-" where the key is absent.
func absent(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func connectOffsets(g *globals, stdin io.Reader, stdout io.Writer, cluster *string) *cobra.Command {
	var set, output string
	var reset, execute bool
	cmd := &cobra.Command{
		Use:   "offsets NAME",
		Short: "Show a connector's offsets; --reset or --set FILE changes them (the connector stopped), previewed",
		Long: `Show a connector's offsets (Kafka 3.6+): a source's positions in what it
reads, a sink's in its topics' partitions. --reset removes them all (a
source starts over, a sink's group from its auto.offset.reset); --set
FILE sets some, from {"offsets": [{"partition": {...}, "offset": {...}}]}
as GET prints them (a null offset removes one). The worker changes them
only while the connector is stopped: kscope connect stop NAME --execute.
Nothing changes without --execute; refused in read-only mode.`,
		Example: `  kscope connect offsets orders-sink
  kscope connect offsets orders-sink --reset --execute`,
		Args: oneArg("the connector's name"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if reset && set != "" {
				return usagef("--reset and --set: give one")
			}
			var next []model.ConnectorOffset
			if set != "" {
				data, err := readInputFile(set, stdin)
				if err != nil {
					return err
				}
				var body struct {
					Offsets []model.ConnectorOffset `json:"offsets"`
				}
				if err := json.Unmarshal(data, &body); err != nil || len(body.Offsets) == 0 {
					return usagef("--set %s: want {\"offsets\": [{\"partition\": {...}, \"offset\": {...}}]} (%v)", set, err)
				}
				next = body.Offsets
			}
			return withConnect(g, *cluster, "reading a connector's offsets on", func(conn *connection, clusters []*connect.Client) error {
				if execute && conn.readOnly {
					return fmt.Errorf("change offsets of %s: %w", args[0], model.ErrReadOnly)
				}
				cl, c, err := findConnector(cmd.Context(), clusters, args[0])
				if err != nil {
					return err
				}
				offsets, err := cl.Offsets(cmd.Context(), c.Name)
				if err != nil {
					return err
				}
				if output == "json" && !reset && set == "" {
					return writeIndented(stdout, map[string]any{"offsets": offsets})
				}
				fmt.Fprintf(stdout, "%s (%s) has %s now:\n", model.Sanitize(c.Name), c.State, model.Plural(len(offsets), "offset"))
				for _, o := range offsets {
					fmt.Fprintf(stdout, "  %s → %s\n", jsonText(o.Partition), jsonText(o.Offset))
				}
				if !reset && set == "" {
					return nil
				}
				if reset {
					fmt.Fprintln(stdout, "--reset removes them all")
				} else {
					fmt.Fprintf(stdout, "--set makes %s:\n", model.Plural(len(next), "offset"))
					for _, o := range next {
						fmt.Fprintf(stdout, "  %s → %s\n", jsonText(o.Partition), jsonText(o.Offset))
					}
				}
				if c.State != "STOPPED" {
					return fmt.Errorf("%s is %s: the worker changes offsets only of a stopped connector (kscope connect stop %s --execute)", model.Sanitize(c.Name), c.State, model.Sanitize(c.Name))
				}
				if !execute {
					fmt.Fprintln(stdout, "nothing changed: run again with --execute")
					return nil
				}
				if reset {
					err = cl.ResetOffsets(cmd.Context(), c.Name)
				} else {
					err = cl.AlterOffsets(cmd.Context(), c.Name, next)
				}
				if err != nil {
					return err
				}
				fmt.Fprintf(stdout, "changed the offsets of %s\n", model.Sanitize(c.Name))
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&reset, "reset", false, "remove every offset")
	cmd.Flags().StringVar(&set, "set", "", "set the offsets a JSON file gives")
	cmd.Flags().BoolVar(&execute, "execute", false, "change them, not just show it")
	cmd.Flags().StringVarP(&output, "output", "o", "table", "output format: table or json")
	return cmd
}

// jsonText is a value as compact JSON, escaped for a terminal.
func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "?"
	}
	return model.Sanitize(string(b))
}
