package cli

import (
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/kscope/kscope/engine"
	"github.com/kscope/kscope/kafka"
	"github.com/kscope/kscope/model"
)

func newGroup(g *globals, stdin io.Reader, stdout io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "group",
		Short: "Reset a consumer group's offsets, delete some of them, or delete a group",
		Long: `Reset a consumer group's offsets, delete its commits on a topic, or delete
a group. A reset and a deletion of the group need a group without active
members; a deletion of commits leaves the partitions members consume.
All are refused in read-only mode.`,
		Args: noArgs,
	}
	del := newDelete(g, stdin, stdout, deletion{noun: "group", complete: groupNames, losing: "its committed offsets", short: "Delete a group without members, and its committed offsets",
		perform: (*kafka.Client).DeleteGroup})
	cmd.AddCommand(groupReset(g, stdout), groupOffsetsDelete(g, stdout), del)
	return cmd
}

func groupReset(g *globals, stdout io.Writer) *cobra.Command {
	var topic, to string
	var partitions []int32
	var execute bool
	cmd := &cobra.Command{
		Use:   "reset GROUP --topic TOPIC --to TARGET",
		Short: "Preview, then with --execute apply, a reset of a group's offsets",
		Long: `Show where a reset would move a group's committed offsets on a topic:
per partition the current offset, the new one and the lag after. Nothing
changes without --execute. The group must have no active members.

--to takes earliest, latest, an offset, +N or -N (shift the committed
offset), a duration ago such as -15m, or an RFC 3339 time.`,
		Example: `  kscope group reset billing --topic payments --to -1h
  kscope group reset billing --topic payments -p 0 --to +100 --execute`,
		Args:              oneArg("the group's name"),
		ValidArgsFunction: g.completeArg(0, groupNames),
		RunE: func(cmd *cobra.Command, args []string) error {
			if topic == "" || to == "" {
				return usagef("reset needs --topic and --to")
			}
			reset, err := engine.ParseReset(args[0], topic, partitions, to, time.Now())
			if err != nil {
				return usageError{err}
			}
			conn, err := g.connect("resetting a group on")
			if err != nil {
				return err
			}
			defer conn.close()
			plan, err := reset.Plan(cmd.Context(), conn.client)
			if err != nil {
				return err
			}
			if err := writePlan(stdout, plan); err != nil {
				return err
			}
			if !execute {
				fmt.Fprintln(stdout, "\nnothing changed: run again with --execute to apply")
				return nil
			}
			if err := engine.Apply(cmd.Context(), conn.client, plan); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "\nreset %s on %s to %s: %s\n", plan.Group, topic, plan.Target, engine.ResetTotals(plan))
			return nil
		},
	}
	cmd.Flags().StringVar(&topic, "topic", "", "the topic whose offsets to reset")
	_ = cmd.RegisterFlagCompletionFunc("topic", g.completeArg(-1, topicNames))
	cmd.Flags().Int32SliceVarP(&partitions, "partition", "p", nil, "only these partitions (repeat or comma-separate)")
	cmd.Flags().StringVar(&to, "to", "", "earliest, latest (now), OFFSET, +N/-N, -15m, an RFC 3339 time, or a local time: \"2026-11-25 09:30\", 09:30, \"yesterday 09:30\"")
	cmd.Flags().BoolVar(&execute, "execute", false, "apply the reset, not just show it")
	return cmd
}

func writePlan(w io.Writer, plan model.ResetPlan) error {
	tw := newTable(w)
	fmt.Fprintln(tw, "TOPIC\tPARTITION\tCURRENT\tNEW\tLAG AFTER")
	for _, r := range plan.Rows {
		if r.Err != nil {
			fmt.Fprintf(tw, "%s\t%d\t%s\t-\tskipped: %s\n", model.Sanitize(r.Topic), r.Partition, orDash(r.Current, "no commit"), model.Sanitize(r.Err.Error()))
			continue
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%d\t%d\n", model.Sanitize(r.Topic), r.Partition, orDash(r.Current, "no commit"), r.New, r.LagAfter())
	}
	return tw.Flush()
}
