package cli

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/kscope/kscope/model"
)

func topicElect(g *globals, stdout io.Writer) *cobra.Command {
	var partitions []int32
	var unclean, execute bool
	cmd := &cobra.Command{
		Use:   "elect NAME",
		Short: "Preview, then with --execute hold, a leader election on a topic's partitions",
		Long: `Move the leadership of a topic's partitions (all, or those named) back
to each one's preferred replica, its first, where that replica is in
sync, as kafka-leader-election.sh --election-type preferred does: after
brokers restart, leadership piles up on the ones that stayed. The preview
says, per partition, who leads now and who would, or why it stays.

--unclean elects any live replica for partitions that have no leader,
even one that is out of sync: the records it missed are LOST, for good,
and consumers may see offsets reused. It is the last resort when the
in-sync replicas are gone for good, never a fix for a slow broker.
Nothing changes without --execute; refused in read-only mode.`,
		Example: `  kscope topic elect orders
  kscope topic elect orders -p 3 --execute`,
		Args:              oneArg("the topic's name"),
		ValidArgsFunction: g.completeArg(0, topicNames),
		RunE: func(cmd *cobra.Command, args []string) error {
			conn, err := g.connect("electing leaders on")
			if err != nil {
				return err
			}
			defer conn.close()
			if execute && conn.readOnly {
				return fmt.Errorf("elect leaders of %s: %w", args[0], model.ErrReadOnly)
			}
			topics, err := conn.client.Topics(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			if topics[0].Err != nil {
				return topics[0].Err
			}
			plan := model.PlanElection(topics[0], partitions, unclean)
			if unclean {
				fmt.Fprintln(stdout, "WARNING: an unclean election may elect a replica that missed records: they are lost for good")
			}
			tw := newTable(stdout)
			fmt.Fprintln(tw, "PARTITION\tLEADER\tAFTER\t")
			for _, r := range plan.Rows {
				after := fmt.Sprint(r.Next)
				if r.Next < 0 {
					after = "any live replica"
				}
				if r.Stays != "" {
					after = "stays: " + r.Stays
				}
				fmt.Fprintf(tw, "%d\t%s\t%s\n", r.Partition, leaderText(r.Leader), after)
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			moving := plan.Moving()
			switch {
			case len(moving) == 0:
				fmt.Fprintln(stdout, "\nnothing to elect")
				return nil
			case !execute:
				fmt.Fprintf(stdout, "\n%s would change leader; nothing changed: run again with --execute\n", model.Plural(len(moving), "partition"))
				return nil
			}
			if err := conn.client.Elect(cmd.Context(), plan); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "\nelected leaders of %s of %s\n", model.Plural(len(moving), "partition"), model.Sanitize(plan.Topic))
			return nil
		},
	}
	cmd.Flags().Int32SliceVarP(&partitions, "partition", "p", nil, "only these partitions (repeat or comma-separate)")
	cmd.Flags().BoolVar(&unclean, "unclean", false, "elect any live replica for partitions without a leader, losing what it missed")
	cmd.Flags().BoolVar(&execute, "execute", false, "hold the election, not just show it")
	return cmd
}

func leaderText(id int32) string {
	if id < 0 {
		return "none"
	}
	return fmt.Sprint(id)
}
