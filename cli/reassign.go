package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"

	"github.com/spf13/cobra"

	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/pane"
)

func newReassign(g *globals, stdin io.Reader, stdout io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "reassign",
		Short: "Move partitions' replicas between brokers: plan, apply with a throttle, follow, cancel",
		Long: `Move partitions' replicas between brokers, as kafka-reassign-partitions.sh
does, and with the same plan files: a plan either tool writes runs on the
other.

  plan     propose a balanced placement (replicas and leaders spread over
           the brokers, rack-aware), empty brokers, or change the
           replication factor; -o json writes the plan to edit or apply
  apply    preview a plan, and with --execute start it, throttled
  status   the moves in progress with the bytes they have left, and the
           throttle; --clear-throttle removes it once they are done
  cancel   stop moves in progress, and remove the throttle

Every change is refused in read-only mode.`,
		Args: noArgs,
	}
	cmd.AddCommand(reassignPlan(g, stdout), reassignApply(g, stdin, stdout), reassignStatus(g, stdout), reassignCancel(g, stdout))
	return cmd
}

func reassignPlan(g *globals, stdout io.Writer) *cobra.Command {
	var brokers []int32
	var rf int
	var output string
	cmd := &cobra.Command{
		Use:   "plan [TOPIC...]",
		Short: "Propose a balanced placement of topics' replicas (all topics but internal ones when none is named)",
		Long: `Propose where the topics' replicas should be so that every broker holds
as many replicas as the next, within one, and is the preferred leader of
as many partitions, moving as few replicas, and the smallest partitions,
as it can. No move leaves a partition on fewer racks than it is on, and
replicas added go to racks the partition is not on yet.

--broker-list places replicas on those brokers alone: the others are emptied,
as before taking one out of the cluster. --replication-factor gives every
partition that many replicas. Nothing changes: apply the plan with
kscope reassign apply (or kafka-reassign-partitions.sh --execute).`,
		Example: `  kscope reassign plan
  kscope reassign plan orders payments -o json > plan.json
  kscope reassign plan --broker-list 1,2,3 -o json > decommission-4.json
  kscope reassign plan orders --replication-factor 3`,
		ValidArgsFunction: g.completeArg(-1, topicNames),
		RunE: func(cmd *cobra.Command, args []string) error {
			if output != "table" && output != "json" {
				return usagef("-o %q: want table or json", output)
			}
			if rf < 0 {
				return usagef("--replication-factor %d: want 1 or more", rf)
			}
			conn, err := g.connect("planning a reassignment on")
			if err != nil {
				return err
			}
			defer conn.close()
			ctx := cmd.Context()
			topics, inCluster, err := pane.Placement(ctx, conn.client, args...)
			if err != nil {
				return err
			}
			plan, err := model.PlanBalance(topics, inCluster, model.BalanceOptions{Brokers: brokers, ReplicationFactor: rf})
			if err != nil {
				return err
			}
			if output == "json" {
				return writeIndented(stdout, plan.File())
			}
			return writeMoves(stdout, plan, "kscope reassign plan … -o json > plan.json, then kscope reassign apply plan.json")
		},
	}
	cmd.Flags().Int32SliceVar(&brokers, "broker-list", nil, "place replicas on these brokers only, emptying the others (default all), as kafka-reassign-partitions.sh --broker-list")
	cmd.Flags().IntVar(&rf, "replication-factor", 0, "give every partition this many replicas (default: keep each one's)")
	cmd.Flags().StringVarP(&output, "output", "o", "table", "output format: table, or json (the plan, as kafka-reassign-partitions.sh reads it)")
	return cmd
}

func reassignApply(g *globals, stdin io.Reader, stdout io.Writer) *cobra.Command {
	var throttle string
	var execute bool
	cmd := &cobra.Command{
		Use:   "apply FILE",
		Short: "Preview, then with --execute start, the moves a plan file makes (- reads it from stdin)",
		Long: `Preview the moves a plan makes from where the partitions are now, and
with --execute start them (AlterPartitionReassignments). The plan is a
file as kafka-reassign-partitions.sh reads it, or as kscope reassign plan
-o json writes it.

--throttle caps the replication the moves cause, as
kafka-reassign-partitions.sh --throttle does: the rate on every broker
involved, and the replicas held back on each topic. Without it, the
copies run as fast as the brokers can, beside their clients' traffic.
The throttle stays until the moves are done and you remove it with
kscope reassign status --clear-throttle.`,
		Example: `  kscope reassign apply plan.json
  kscope reassign apply plan.json --throttle 50MB --execute`,
		Args: oneArg("the plan file"),
		RunE: func(cmd *cobra.Command, args []string) error {
			var rate int64
			if throttle != "" {
				var err error
				if rate, err = model.ParseThrottle(throttle); err != nil {
					return usagef("--throttle: %v", err)
				}
			}
			data, err := readInputFile(args[0], stdin)
			if err != nil {
				return err
			}
			conn, err := g.connect("reassigning partitions on")
			if err != nil {
				return err
			}
			defer conn.close()
			if execute && conn.readOnly {
				return fmt.Errorf("reassign partitions: %w", model.ErrReadOnly)
			}
			ctx := cmd.Context()
			topics, brokers, err := pane.Placement(ctx, conn.client, planTopics(data)...)
			if err != nil {
				return err
			}
			plan, err := model.ReadPlan(data, topics, brokers)
			if err != nil {
				return fmt.Errorf("%s: %w", args[0], err)
			}
			if !execute || len(plan.Moves) == 0 {
				return writeMoves(stdout, plan, "run again with --execute")
			}
			if err := writeMoves(stdout, plan, ""); err != nil {
				return err
			}
			if err := conn.client.Reassign(ctx, plan, rate); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "\nstarted moving %s", model.Plural(len(plan.Moves), "partition"))
			if rate > 0 {
				fmt.Fprintf(stdout, ", throttled to %s/s on brokers %s", model.FormatIEC(rate), pane.IDs(plan.Brokers()))
			}
			fmt.Fprintln(stdout, "\nfollow them with kscope reassign status")
			if slices.ContainsFunc(plan.Moves, func(m model.Move) bool { return m.From[0] != m.To[0] }) {
				fmt.Fprintln(stdout, "leaders move to the new preferred replicas when the cluster rebalances them (auto.leader.rebalance.enable), or at once with kscope topic elect")
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&throttle, "throttle", "", "cap the replication the moves cause to this rate a second on each broker (e.g. 50MB, 10MiB)")
	cmd.Flags().BoolVar(&execute, "execute", false, "start the moves, not just show them")
	return cmd
}

// planTopics are the topics a plan file names, to describe those alone;
// a file that is not a plan names none, and ReadPlan says why.
func planTopics(data []byte) []string {
	var f model.PlanFile
	if json.Unmarshal(data, &f) != nil {
		return nil
	}
	var names []string
	for _, p := range f.Partitions {
		if !slices.Contains(names, p.Topic) {
			names = append(names, p.Topic)
		}
	}
	return names
}

// writeMoves shows a plan: each move, what it copies, and what to do next.
func writeMoves(w io.Writer, plan model.Reassignment, next string) error {
	if len(plan.Moves) == 0 {
		fmt.Fprintln(w, "nothing to move: every partition is where the plan puts it")
		return nil
	}
	tw := newTable(w)
	fmt.Fprintln(tw, "TOPIC\tPARTITION\tREPLICAS\tAFTER\tADDING\tREMOVING\tCOPIES")
	for _, m := range plan.Moves {
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%s\t%s\n", model.Sanitize(m.Topic), m.Partition, pane.IDs(m.From), pane.IDs(m.To),
			pane.IDs(m.Adding()), pane.IDs(m.Removing()), pane.Size(m.Copies(), m.Copies() >= 0))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	bytes, known := plan.Copies()
	copies := "an unknown amount"
	if known {
		copies = pane.Bytes(int(bytes))
	}
	fmt.Fprintf(w, "\n%s move, copying %s between brokers %s\n", model.Plural(len(plan.Moves), "partition"), copies, pane.IDs(plan.Brokers()))
	if next != "" {
		fmt.Fprintf(w, "nothing changed: %s\n", next)
	}
	return nil
}

func reassignStatus(g *globals, stdout io.Writer) *cobra.Command {
	var clear bool
	cmd := &cobra.Command{
		Use:   "status",
		Short: "Show the moves in progress, what they have left to copy, and the replication throttle",
		Long: `Show each partition being moved: its replicas, those being added and
removed, and the bytes the new replicas have still to copy (the leader's
size less theirs, from DescribeLogDirs). Then the replication throttle,
if one is set. Once nothing moves, --clear-throttle removes it, as
kafka-reassign-partitions.sh --verify does.`,
		Example: `  kscope reassign status
  kscope reassign status --clear-throttle`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			conn, err := g.connect("following reassignments on")
			if err != nil {
				return err
			}
			defer conn.close()
			if clear && conn.readOnly {
				return fmt.Errorf("remove the replication throttle: %w", model.ErrReadOnly)
			}
			ctx := cmd.Context()
			moving, err := conn.client.Reassignments(ctx)
			if err != nil {
				return err
			}
			writeMoving(stdout, moving)
			th, err := conn.client.Throttled(ctx)
			if err != nil {
				return err
			}
			switch {
			case !th.Set():
				return nil
			case clear && len(moving) > 0:
				return fmt.Errorf("%s still moving: the throttle stays until they finish (or kscope reassign cancel)", model.Plural(len(moving), "partition"))
			case clear:
				if err := conn.client.ClearThrottle(ctx, th); err != nil {
					return err
				}
				fmt.Fprintf(stdout, "removed the replication throttle (%s)\n", th.String())
				return nil
			}
			fmt.Fprintf(stdout, "replication throttle: %s\n", th.String())
			if len(moving) == 0 {
				fmt.Fprintln(stdout, "nothing moves: kscope reassign status --clear-throttle removes it")
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&clear, "clear-throttle", false, "remove the replication throttle once nothing moves")
	return cmd
}

func writeMoving(w io.Writer, moving []model.Moving) {
	if len(moving) == 0 {
		fmt.Fprintln(w, "no reassignment in progress")
		return
	}
	tw := newTable(w)
	fmt.Fprintln(tw, "TOPIC\tPARTITION\tREPLICAS\tADDING\tREMOVING\tLEFT")
	var left int64
	known := true
	for _, m := range moving {
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%s\n", model.Sanitize(m.Topic), m.Partition, pane.IDs(m.Replicas),
			pane.IDs(m.Adding), pane.IDs(m.Removing), pane.Size(m.BytesLeft, m.BytesLeft >= 0))
		if m.BytesLeft < 0 {
			known = false
		} else {
			left += m.BytesLeft
		}
	}
	tw.Flush()
	summary := model.Plural(len(moving), "partition") + " moving"
	if known {
		summary += ", " + pane.Bytes(int(left)) + " left to copy"
	}
	fmt.Fprintf(w, "\n%s\n", summary)
}

func reassignCancel(g *globals, stdout io.Writer) *cobra.Command {
	var execute bool
	cmd := &cobra.Command{
		Use:   "cancel [TOPIC...]",
		Short: "Preview, then with --execute stop, the moves in progress (all, or those of the topics named)",
		Long: `Stop moves in progress: each partition goes back to the brokers it was
on, and what its new replicas copied is dropped. Kafka keeps them in the
order of the move's replicas, not as they were, so a partition's
preferred leader may change: kscope topic elect moves leadership after.
Then the replication throttle is removed, as
kafka-reassign-partitions.sh --cancel does.
Nothing changes without --execute; refused in read-only mode.`,
		Example: `  kscope reassign cancel
  kscope reassign cancel orders --execute`,
		ValidArgsFunction: g.completeArg(-1, topicNames),
		RunE: func(cmd *cobra.Command, args []string) error {
			conn, err := g.connect("cancelling reassignments on")
			if err != nil {
				return err
			}
			defer conn.close()
			if execute && conn.readOnly {
				return fmt.Errorf("cancel reassignments: %w", model.ErrReadOnly)
			}
			ctx := cmd.Context()
			all, err := conn.client.Reassignments(ctx)
			if err != nil {
				return err
			}
			var moving []model.Moving
			for _, m := range all {
				if len(args) == 0 || slices.Contains(args, m.Topic) {
					moving = append(moving, m)
				}
			}
			writeMoving(stdout, moving)
			if len(moving) == 0 {
				return nil
			}
			if !execute {
				fmt.Fprintln(stdout, "nothing changed: run again with --execute to cancel them")
				return nil
			}
			if err := conn.client.CancelReassignments(ctx, moving); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "cancelled the moves of %s\n", model.Plural(len(moving), "partition"))
			if len(moving) < len(all) {
				return nil // others still move, under the throttle
			}
			th, err := conn.client.Throttled(ctx)
			if err != nil || !th.Set() {
				return err
			}
			if err := conn.client.ClearThrottle(ctx, th); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "removed the replication throttle (%s)\n", th.String())
			return nil
		},
	}
	cmd.Flags().BoolVar(&execute, "execute", false, "cancel the moves, not just show them")
	return cmd
}
