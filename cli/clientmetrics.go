package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/kscope/kscope/model"
)

func newClientMetrics(g *globals, stdout io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "client-metrics",
		Short: "List, set or delete client-metrics subscriptions (KIP-714)",
		Long: `Client-metrics subscriptions (KIP-714) tell Kafka clients which of their
metrics to push to the brokers, how often: by metric name prefix, for
the clients a match selects (client_id=, client_software_name=, ...;
none: every client). set and delete show what changes, and do it with
--execute; both are refused in read-only mode.`,
		Args: noArgs,
	}
	cmd.AddCommand(clientMetricsList(g, stdout), clientMetricsSet(g, stdout), clientMetricsDelete(g, stdout))
	return cmd
}

// clientMetricsJSON is one subscription in -o json.
type clientMetricsJSON struct {
	Name       string   `json:"name"`
	Metrics    []string `json:"metrics"`
	IntervalMs int      `json:"interval_ms"`
	Match      []string `json:"match"`
}

func clientMetricsList(g *globals, stdout io.Writer) *cobra.Command {
	var output string
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the subscriptions",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if output != "table" && output != "json" {
				return usagef("-o %q: want table or json", output)
			}
			conn, err := g.connect("listing client-metrics subscriptions on")
			if err != nil {
				return err
			}
			defer conn.close()
			subs, err := conn.client.ClientMetrics(cmd.Context())
			if err != nil {
				return err
			}
			if output == "json" {
				out := []clientMetricsJSON{}
				for _, s := range subs {
					out = append(out, clientMetricsJSON{Name: s.Name, Metrics: orEmpty(s.Metrics), IntervalMs: s.IntervalMs, Match: orEmpty(s.Match)})
				}
				return writeIndented(stdout, out)
			}
			tw := newTable(stdout)
			fmt.Fprintln(tw, "NAME\tINTERVAL\tMETRICS\tMATCH")
			for _, s := range subs {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", model.Sanitize(s.Name), time.Duration(s.IntervalMs)*time.Millisecond,
					model.Sanitize(strings.Join(s.Metrics, ",")), model.Sanitize(orAll(s.Match)))
			}
			return tw.Flush()
		},
	}
	cmd.Flags().StringVarP(&output, "output", "o", "table", "output format: table or json")
	return cmd
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func orAll(match []string) string {
	if len(match) == 0 {
		return "every client"
	}
	return strings.Join(match, ",")
}

func clientMetricsSet(g *globals, stdout io.Writer) *cobra.Command {
	var metrics, match []string
	var interval time.Duration
	var execute bool
	cmd := &cobra.Command{
		Use:   "set NAME --metrics PREFIX,... [--interval 5m] [--match client_id=...]",
		Short: "Create or change a subscription",
		Example: `  kscope client-metrics set producers --metrics org.apache.kafka.producer. --interval 1m --match client_software_name=apache-kafka-java
  kscope client-metrics set producers --metrics org.apache.kafka.producer. --interval 1m --execute`,
		Args: oneArg("the subscription's name"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(metrics) == 0 {
				return usagef("set needs --metrics: metric name prefixes, such as org.apache.kafka.producer.")
			}
			if interval < 100*time.Millisecond || interval > time.Hour {
				return usagef("--interval %s: Kafka takes 100ms to 1h", interval)
			}
			want := model.ClientMetrics{Name: args[0], Metrics: metrics, IntervalMs: int(interval.Milliseconds()), Match: match}
			conn, err := g.connect("setting a client-metrics subscription on")
			if err != nil {
				return err
			}
			defer conn.close()
			if execute && conn.readOnly {
				return fmt.Errorf("set client-metrics subscription %s: %w", args[0], model.ErrReadOnly)
			}
			subs, err := conn.client.ClientMetrics(cmd.Context())
			if err != nil {
				return err
			}
			before := "none (new)"
			if i := slices.IndexFunc(subs, func(s model.ClientMetrics) bool { return s.Name == args[0] }); i >= 0 {
				before = describeSubscription(subs[i])
			}
			fmt.Fprintf(stdout, "%s\n  before: %s\n  after:  %s\n", model.Sanitize(args[0]), model.Sanitize(before), model.Sanitize(describeSubscription(want)))
			if !execute {
				fmt.Fprintln(stdout, "\nnothing changed: run again with --execute to set it")
				return nil
			}
			if err := conn.client.SetClientMetrics(cmd.Context(), want); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "\nset client-metrics subscription %s\n", model.Sanitize(args[0]))
			return nil
		},
	}
	cmd.Flags().StringSliceVar(&metrics, "metrics", nil, "metric name prefixes to push (comma-separate, or repeat); * for every metric")
	cmd.Flags().DurationVar(&interval, "interval", 5*time.Minute, "how often the clients push")
	cmd.Flags().StringSliceVar(&match, "match", nil, "the clients it is for: client_id=REGEX, client_software_name=..., client_instance_id=..., client_source_address=...; none: every client")
	cmd.Flags().BoolVar(&execute, "execute", false, "set it, not just show what would change")
	return cmd
}

func describeSubscription(s model.ClientMetrics) string {
	b, _ := json.Marshal(s.Metrics)
	return fmt.Sprintf("metrics %s every %s, for %s", b, time.Duration(s.IntervalMs)*time.Millisecond, orAll(s.Match))
}

func clientMetricsDelete(g *globals, stdout io.Writer) *cobra.Command {
	var execute bool
	cmd := &cobra.Command{
		Use:   "delete NAME",
		Short: "Delete a subscription",
		Args:  oneArg("the subscription's name"),
		RunE: func(cmd *cobra.Command, args []string) error {
			conn, err := g.connect("deleting a client-metrics subscription on")
			if err != nil {
				return err
			}
			defer conn.close()
			if execute && conn.readOnly {
				return fmt.Errorf("delete client-metrics subscription %s: %w", args[0], model.ErrReadOnly)
			}
			subs, err := conn.client.ClientMetrics(cmd.Context())
			if err != nil {
				return err
			}
			i := slices.IndexFunc(subs, func(s model.ClientMetrics) bool { return s.Name == args[0] })
			if i < 0 {
				return fmt.Errorf("no client-metrics subscription %q", args[0])
			}
			fmt.Fprintf(stdout, "%s: %s goes\n", model.Sanitize(args[0]), model.Sanitize(describeSubscription(subs[i])))
			if !execute {
				fmt.Fprintln(stdout, "\nnothing changed: run again with --execute to delete it")
				return nil
			}
			if err := conn.client.DeleteClientMetrics(cmd.Context(), args[0]); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "\ndeleted client-metrics subscription %s\n", model.Sanitize(args[0]))
			return nil
		},
	}
	cmd.Flags().BoolVar(&execute, "execute", false, "delete it, not just show what would go")
	return cmd
}
