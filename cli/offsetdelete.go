package cli

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/kscope/kscope/model"
)

func groupOffsetsDelete(g *globals, stdout io.Writer) *cobra.Command {
	var topic string
	var partitions []int32
	var execute bool
	cmd := &cobra.Command{
		Use:   "offsets-delete GROUP --topic TOPIC",
		Short: "Preview, then with --execute do, a deletion of a group's committed offsets on a topic",
		Long: `Show which of a group's committed offsets on a topic (all its partitions,
or those named) a deletion would remove. A partition a member of the
group is assigned is consuming, and is left alone: stop the consumer
first. Nothing is deleted without --execute; refused in read-only mode.
Without a commit, the group starts where its auto.offset.reset says the
next time it reads the partition (OffsetDelete, as
kafka-consumer-groups.sh --delete-offsets).`,
		Example: `  kscope group offsets-delete billing --topic payments.v1
  kscope group offsets-delete billing --topic payments.v1 -p 0 --execute`,
		Args:              oneArg("the group's name"),
		ValidArgsFunction: g.completeArg(0, groupNames),
		RunE: func(cmd *cobra.Command, args []string) error {
			if topic == "" {
				return usagef("offsets-delete needs --topic")
			}
			conn, err := g.connect("deleting offsets on")
			if err != nil {
				return err
			}
			defer conn.close()
			if execute && conn.readOnly {
				return fmt.Errorf("delete offsets of %s: %w", args[0], model.ErrReadOnly)
			}
			plan, err := conn.client.PlanOffsetDelete(cmd.Context(), args[0], topic, partitions)
			if err != nil {
				return err
			}
			tw := newTable(stdout)
			fmt.Fprintln(tw, "TOPIC\tPARTITION\tCOMMITTED\t")
			for _, r := range plan.Rows {
				what := "deleted"
				if r.Err != nil {
					what = "stays: " + r.Err.Error()
				}
				fmt.Fprintf(tw, "%s\t%d\t%d\t%s\n", model.Sanitize(plan.Topic), r.Partition, r.Committed, what)
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			n := len(plan.Deletable())
			switch {
			case n == 0:
				return fmt.Errorf("nothing to delete: the group consumes every partition named; stop its consumers first")
			case !execute:
				fmt.Fprintln(stdout, "\nnothing deleted: run again with --execute to delete")
				return nil
			}
			if err := conn.client.DeleteOffsets(cmd.Context(), plan); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "\ndeleted %s of %s on %s\n", model.Plural(n, "committed offset"), model.Sanitize(plan.Group), model.Sanitize(plan.Topic))
			return nil
		},
	}
	cmd.Flags().StringVar(&topic, "topic", "", "the topic whose committed offsets to delete")
	_ = cmd.RegisterFlagCompletionFunc("topic", g.completeArg(-1, topicNames))
	cmd.Flags().Int32SliceVarP(&partitions, "partition", "p", nil, "only these partitions (repeat or comma-separate)")
	cmd.Flags().BoolVar(&execute, "execute", false, "delete, not just show what would go")
	return cmd
}
