package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kscope/kscope/connect"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/report"
)

func newConnect(g *globals, stdin io.Reader, stdout io.Writer) *cobra.Command {
	var cluster string
	cmd := &cobra.Command{
		Use:   "connect",
		Short: "Kafka Connect: connectors, their tasks and failures; pause, resume, stop, restart, delete",
		Long: `Kafka Connect clusters the context names (connect: in the config file,
each with a name, a url, and basic auth or a bearer token):

  list       every connector with its type, class, state, tasks and topics
  describe   one connector: its tasks with why they failed, its topics,
             its dead-letter topic, its config with secrets hidden
  plugins    the connector classes installed
  apply      create or update one from a JSON or YAML file, validated by
             the worker first, previewed
  offsets    a connector's offsets; --reset or --set FILE, previewed
  pause, resume, stop, restart [--failed], delete
             previewed, and done with --execute; refused in read-only mode`,
		Args: noArgs,
	}
	cmd.PersistentFlags().StringVar(&cluster, "cluster", "", "only the Connect cluster of this name (default: every one the context names)")
	cmd.AddCommand(connectList(g, stdout, &cluster), connectDescribe(g, stdout, &cluster), connectPlugins(g, stdout, &cluster),
		connectApply(g, stdin, stdout, &cluster), connectOffsets(g, stdin, stdout, &cluster))
	for _, a := range model.ConnectorActions {
		if a == model.RestartFailedConnector || a == model.ResetConnectorOffsets {
			continue // restart --failed, offsets --reset
		}
		cmd.AddCommand(connectAct(g, stdout, &cluster, a))
	}
	return cmd
}

// withConnect runs fn with the Connect clusters chosen.
func withConnect(g *globals, cluster, doing string, fn func(*connection, []*connect.Client) error) error {
	conn, err := g.connect(doing)
	if err != nil {
		return err
	}
	defer conn.close()
	clusters, err := conn.connectClusters(cluster)
	if err != nil {
		return err
	}
	return fn(conn, clusters)
}

func connectList(g *globals, stdout io.Writer, cluster *string) *cobra.Command {
	var output string
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List connectors with their type, state, tasks and topics",
		Example: `  kscope connect list
  kscope connect list -o json | jq '.[] | select(.state != "RUNNING")'`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if output != "table" && output != "json" {
				return usagef("-o %q: want table or json", output)
			}
			return withConnect(g, *cluster, "listing connectors of", func(_ *connection, clusters []*connect.Client) error {
				all := []report.Connector{}
				tw := newTable(stdout)
				if output == "table" {
					fmt.Fprintln(tw, "CLUSTER\tCONNECTOR\tTYPE\tCLASS\tSTATE\tTASKS\tTOPICS")
				}
				var failed []error
				for _, cl := range clusters {
					cs, err := cl.Connectors(cmd.Context())
					if err != nil {
						failed = append(failed, err)
						continue
					}
					all = append(all, report.Connectors(cl.Name(), cs)...)
					for _, c := range cs {
						fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", model.Sanitize(cl.Name()), model.Sanitize(c.Name), c.Type,
							model.Sanitize(c.Class()), c.State, model.TasksText(c), model.TopicsText(c.Topics))
					}
				}
				if output == "json" {
					if err := writeIndented(stdout, all); err != nil {
						return err
					}
				} else if err := tw.Flush(); err != nil {
					return err
				}
				if len(failed) == len(clusters) {
					return errors.Join(failed...)
				}
				// Some clusters answered: their connectors are listed, and
				// the others named.
				for _, err := range failed {
					fmt.Fprintf(g.stderr, "kscope: %s\n", model.Sanitize(err.Error()))
				}
				return nil
			})
		},
	}
	cmd.Flags().StringVarP(&output, "output", "o", "table", "output format: table or json")
	return cmd
}

// findConnector finds a connector by name in the clusters, saying which
// cluster holds it; a name in several needs --cluster.
func findConnector(ctx context.Context, clusters []*connect.Client, name string) (*connect.Client, model.Connector, error) {
	var found []*connect.Client
	var c model.Connector
	var lastErr error
	for _, cl := range clusters {
		got, err := cl.Connector(ctx, name)
		switch {
		case connect.NotFound(err):
		case err != nil:
			lastErr = err
		default:
			found, c = append(found, cl), got
		}
	}
	switch {
	case len(found) == 1:
		return found[0], c, nil
	case len(found) > 1:
		return nil, c, usagef("connector %q is on %d Connect clusters: name one with --cluster", name, len(found))
	case lastErr != nil:
		return nil, c, lastErr
	}
	return nil, c, fmt.Errorf("no connector %q on the context's Connect clusters", model.Sanitize(name))
}

func connectDescribe(g *globals, stdout io.Writer, cluster *string) *cobra.Command {
	var output string
	var trace bool
	cmd := &cobra.Command{
		Use:   "describe NAME",
		Short: "Show a connector: its state, tasks and why they failed, topics, dead-letter topic and config",
		Long: `Show a connector: its type and class, its state and worker, each task's
state and worker, and for what failed, why: the exception and each cause
from the worker's stack trace (--trace prints it whole). Then the topics
it read or wrote, its dead-letter topic (a sink's
errors.deadletterqueue.topic.name) with the commands that read and
redrive it, and its config, the values of keys that look secret
(password, secret, token, credentials, keys) hidden.`,
		Example: `  kscope connect describe orders-sink
  kscope connect describe orders-sink --trace`,
		Args: oneArg("the connector's name"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if output != "table" && output != "json" {
				return usagef("-o %q: want table or json", output)
			}
			return withConnect(g, *cluster, "describing a connector of", func(_ *connection, clusters []*connect.Client) error {
				cl, c, err := findConnector(cmd.Context(), clusters, args[0])
				if err != nil {
					return err
				}
				if output == "json" {
					return writeIndented(stdout, report.Connectors(cl.Name(), []model.Connector{c})[0])
				}
				return writeConnector(stdout, cl.Name(), c, trace)
			})
		},
	}
	cmd.Flags().StringVarP(&output, "output", "o", "table", "output format: table or json")
	cmd.Flags().BoolVar(&trace, "trace", false, "print failed tasks' stack traces whole")
	return cmd
}

func writeConnector(w io.Writer, cluster string, c model.Connector, whole bool) error {
	for _, line := range model.DescribeConnector(cluster, c, whole) {
		if _, err := fmt.Fprintln(w, line); err != nil {
			return err
		}
	}
	return nil
}

func connectPlugins(g *globals, stdout io.Writer, cluster *string) *cobra.Command {
	return &cobra.Command{
		Use:   "plugins",
		Short: "List the connector classes installed on the Connect clusters",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return withConnect(g, *cluster, "listing connector plugins of", func(_ *connection, clusters []*connect.Client) error {
				tw := newTable(stdout)
				fmt.Fprintln(tw, "CLUSTER\tCLASS\tTYPE\tVERSION")
				for _, cl := range clusters {
					ps, err := cl.Plugins(cmd.Context())
					if err != nil {
						return err
					}
					for _, p := range ps {
						fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", model.Sanitize(cl.Name()), model.Sanitize(p.Class), p.Type, model.Sanitize(p.Version))
					}
				}
				return tw.Flush()
			})
		},
	}
}

func connectAct(g *globals, stdout io.Writer, cluster *string, a model.ConnectorAction) *cobra.Command {
	var execute, failed bool
	cmd := &cobra.Command{
		Use:   a.Verb + " NAME",
		Short: fmt.Sprintf("Preview, then with --execute %s, a connector: %s", a.Verb, a.Effect),
		Args:  oneArg("the connector's name"),
		RunE: func(cmd *cobra.Command, args []string) error {
			action := a
			if failed {
				action = model.RestartFailedConnector
			}
			return withConnect(g, *cluster, "acting on a connector of", func(conn *connection, clusters []*connect.Client) error {
				if execute && conn.readOnly {
					return fmt.Errorf("%s connector %s: %w", action.Verb, args[0], model.ErrReadOnly)
				}
				cl, c, err := findConnector(cmd.Context(), clusters, args[0])
				if err != nil {
					return err
				}
				name := model.Sanitize(c.Name)
				fmt.Fprintf(stdout, "%s (%s, %s on cluster %s): %s\n", name, c.State, model.TasksText(c), model.Sanitize(cl.Name()), action.Effect)
				if !execute {
					fmt.Fprintf(stdout, "nothing changed: run again with --execute to %s it\n", strings.TrimSuffix(action.Verb, "-failed"))
					return nil
				}
				if err := cl.Do(cmd.Context(), c.Name, action); err != nil {
					return err
				}
				fmt.Fprintf(stdout, "%s: done (%s)\n", name, action.Verb)
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&execute, "execute", false, "do it, not just show it")
	if a == model.RestartConnector {
		cmd.Flags().BoolVar(&failed, "failed", false, "restart only the connector or tasks that failed")
	}
	return cmd
}
