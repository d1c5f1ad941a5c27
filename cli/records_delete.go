package cli

import (
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/kscope/kscope/model"
)

func newRecords(g *globals, stdout io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "records",
		Short: "Delete a topic's oldest records",
		Args:  noArgs,
	}
	cmd.AddCommand(recordsDelete(g, stdout))
	return cmd
}

func recordsDelete(g *globals, stdout io.Writer) *cobra.Command {
	var to string
	var partitions []int32
	var execute bool
	cmd := &cobra.Command{
		Use:   "delete TOPIC --to OFFSET|TIME|end",
		Short: "Preview, then with --execute do, a deletion of a topic's records before a point",
		Long: `Show what deleting a topic's records before a point would delete, per
partition: the log start now and after, how many records and about how
many bytes go; and which consumer groups have committed an offset inside
what goes (the records they would read next). Nothing is deleted without
--execute. Refused in read-only mode.

--to takes end (every record: a purge), an offset (the first one kept),
or a time (-24h, an RFC 3339 time, "yesterday 09:00": the first record at
or after it is kept). Kafka deletes by moving each partition's log start
(DeleteRecords, as kafka-delete-records.sh does); the space is freed as
the segments go.`,
		Example: `  kscope records delete orders.dlq --to end
  kscope records delete clickstream --to -7d --execute
  kscope records delete payments -p 0 --to 15000 --execute`,
		Args:              oneTopic("records delete needs exactly one topic, e.g. kscope records delete orders --to end"),
		ValidArgsFunction: g.completeArg(0, topicNames),
		RunE: func(cmd *cobra.Command, args []string) error {
			target, err := model.ParsePurgeTarget(to, time.Now())
			if err != nil {
				return usageError{err}
			}
			conn, err := g.connect("deleting records on")
			if err != nil {
				return err
			}
			defer conn.close()
			if execute && conn.readOnly {
				return fmt.Errorf("delete records of %s: %w", args[0], model.ErrReadOnly)
			}
			plan, err := conn.client.PlanPurge(cmd.Context(), args[0], partitions, target)
			if err != nil {
				return err
			}
			if err := writePurge(stdout, plan); err != nil {
				return err
			}
			records, _, _ := plan.Totals()
			switch {
			case records == 0:
				fmt.Fprintln(stdout, "\nnothing to delete: every partition already starts there")
				return nil
			case !execute:
				fmt.Fprintln(stdout, "\nnothing deleted: run again with --execute to delete")
				return nil
			}
			if err := conn.client.Purge(cmd.Context(), plan); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "\ndeleted %s from %s\n", plan.Summary(), model.Sanitize(plan.Topic))
			return nil
		},
	}
	cmd.Flags().StringVar(&to, "to", "", "delete the records before: end (all), OFFSET, -24h, an RFC 3339 time, or a local time")
	cmd.Flags().Int32SliceVarP(&partitions, "partition", "p", nil, "only these partitions (repeat or comma-separate)")
	cmd.Flags().BoolVar(&execute, "execute", false, "delete, not just show what would go")
	return cmd
}

func writePurge(w io.Writer, plan model.Purge) error {
	tw := newTable(w)
	fmt.Fprintln(tw, "PARTITION\tLOG START\tAFTER\tRECORDS\tBYTES")
	for _, r := range plan.Rows {
		if r.Err != nil {
			fmt.Fprintf(tw, "%d\t%d\t-\tskipped: %s\t\n", r.Partition, r.Low, model.Sanitize(r.Err.Error()))
			continue
		}
		size := "?"
		if r.Bytes >= 0 {
			size = model.FormatIEC(r.Bytes)
		}
		fmt.Fprintf(tw, "%d\t%d\t%d\t%s\t%s\n", r.Partition, r.Low, r.New, model.Count(r.Records()), size)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\n%s: %s go\n", model.Sanitize(plan.Topic), plan.Summary())
	for _, c := range plan.Inside {
		fmt.Fprintf(w, "warning: group %s has committed offset %d on partition %d, inside what goes: the records it would read next are gone\n",
			model.Sanitize(c.Group), c.Committed, c.Partition)
	}
	return nil
}
