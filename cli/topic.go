package cli

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kscope/kscope/kafka"
	"github.com/kscope/kscope/model"
)

func newTopic(g *globals, stdin io.Reader, stdout io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "topic",
		Short: "Describe, create, delete, grow and configure topics",
		Long:  "Describe, create, delete, grow and configure topics. Every change is refused in read-only mode.",
		Args:  noArgs,
	}
	del := newDelete(g, stdin, stdout, deletion{noun: "topic", complete: topicNames, losing: "all its records", short: "Delete a topic and all its records",
		perform: (*kafka.Client).DeleteTopic})
	cmd.AddCommand(topicCreate(g, stdout), topicDescribe(g, stdout), del, topicPartitions(g, stdout), topicConfig(g, stdout), topicElect(g, stdout))
	return cmd
}

func oneArg(what string) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) != 1 {
			return usagef("needs %s", what)
		}
		return nil
	}
}

func topicCreate(g *globals, stdout io.Writer) *cobra.Command {
	var partitions int32
	var rf int16
	var configs []string
	cmd := &cobra.Command{
		Use:     "create NAME",
		Short:   "Create a topic",
		Example: `  kscope topic create orders -p 12 -r 3 --set cleanup.policy=compact --set retention.ms=7d`,
		Args:    oneArg("the topic's name"),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg := map[string]string{}
			for _, c := range configs {
				k, v, ok := strings.Cut(c, "=")
				if !ok || k == "" {
					return usagef("--set %q: want name=value", c)
				}
				cfg[k] = v
			}
			cfg, err := model.ParseConfigs(cfg)
			if err != nil {
				return usageError{err}
			}
			t := model.NewTopic{Name: args[0], Partitions: partitions, ReplicationFactor: rf, Configs: cfg}
			if err := t.Check(); err != nil {
				return usageError{err}
			}
			conn, err := g.connect("creating a topic on")
			if err != nil {
				return err
			}
			defer conn.close()
			if err := conn.client.CreateTopic(cmd.Context(), t); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "created topic %s\n", args[0])
			return nil
		},
	}
	cmd.Flags().Int32VarP(&partitions, "partitions", "p", -1, "partitions (default: the broker's default)")
	cmd.Flags().Int16VarP(&rf, "replication-factor", "r", -1, "replicas of each partition (default: the broker's default)")
	// Not --config: that is the global flag naming kscope's config file,
	// which a local flag of the same name would hide from this command.
	cmd.Flags().StringArrayVar(&configs, "set", nil, "a topic config name=value (repeat for more)")
	return cmd
}

func topicPartitions(g *globals, stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:               "partitions NAME TOTAL",
		ValidArgsFunction: g.completeArg(0, topicNames),
		Short:             "Raise a topic's partition count to TOTAL",
		Long: `Raise a topic's partition count to TOTAL. Kafka cannot lower it, and keyed
records written from now on may land in other partitions than before.`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 2 {
				return usagef("needs the topic's name and the new total")
			}
			n, err := strconv.Atoi(args[1])
			if err != nil {
				return usagef("total %q: want a whole number of partitions", args[1])
			}
			if err := model.CheckPartitions(n); err != nil {
				return usageError{err}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			total, _ := strconv.Atoi(args[1])
			conn, err := g.connect("changing a topic on")
			if err != nil {
				return err
			}
			defer conn.close()
			if err := conn.client.SetPartitions(cmd.Context(), args[0], total); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "topic %s now has %d partitions\n", args[0], total)
			return nil
		},
	}
}

func topicConfig(g *globals, stdout io.Writer) *cobra.Command {
	var unset string
	var all bool
	cmd := &cobra.Command{
		Use:               "config NAME [KEY=VALUE]",
		ValidArgsFunction: g.completeArg(0, topicNames),
		Short:             "Show a topic's configuration, or set one value",
		Long: `Show a topic's configuration: the values set for it (source "topic") or
its brokers, and with --all the defaults too. KEY=VALUE sets a value for
the topic: durations (….ms) may be written 7d, 12h or 1h30m, sizes
(….bytes) 1 GiB or 512 MB, and values Kafka would refuse are refused first,
saying why; --unset KEY removes the topic's own value, back to the default.`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) < 1 || len(args) > 2 {
				return usagef("needs the topic's name, and at most one KEY=VALUE")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			conn, err := g.connect("configuring a topic on")
			if err != nil {
				return err
			}
			defer conn.close()
			topic := args[0]
			switch {
			case len(args) == 2:
				k, typed, ok := strings.Cut(args[1], "=")
				if !ok || k == "" {
					return usagef("%q: want KEY=VALUE", args[1])
				}
				v, err := model.ParseConfigValue(k, typed)
				if err != nil {
					return usageError{err}
				}
				if err := conn.client.SetTopicConfig(cmd.Context(), topic, k, &v); err != nil {
					return err
				}
				fmt.Fprintf(stdout, "%s of %s set to %s\n", k, topic, model.ReadableConfig(k, v))
				return nil
			case unset != "":
				if err := conn.client.SetTopicConfig(cmd.Context(), topic, unset, nil); err != nil {
					return err
				}
				fmt.Fprintf(stdout, "%s of %s is back to its default\n", unset, topic)
				return nil
			}
			entries, err := conn.client.TopicConfigs(cmd.Context(), topic)
			if err != nil {
				return err
			}
			tw := newTable(stdout)
			fmt.Fprintln(tw, "NAME\tVALUE\tSOURCE")
			for _, e := range entries {
				if e.IsDefault() && !all {
					continue
				}
				value := model.ReadableConfig(e.Name, e.Value)
				if e.Sensitive {
					value = "(sensitive)"
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\n", model.Sanitize(e.Name), model.Sanitize(value), model.Sanitize(e.Source))
			}
			return tw.Flush()
		},
	}
	cmd.Flags().StringVar(&unset, "unset", "", "remove the topic's own value of this config")
	cmd.Flags().BoolVar(&all, "all", false, "show default values too")
	return cmd
}
