package cli

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/kscope/kscope/engine"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/report"
	"github.com/kscope/kscope/ui/pane"
)

func newTransactions(g *globals, stdout io.Writer) *cobra.Command {
	var output, producersOf string
	var partitions []int32
	cmd := &cobra.Command{
		Use:   "transactions",
		Short: "List transactional ids, with open and hanging transactions",
		Long: `List every transactional id with its state and producer, and for an open
transaction how long it has been open and the partitions it writes to. A
transaction open past its timeout is hanging: its coordinator should have
aborted it, and read_committed readers cannot get past it.

--producers TOPIC lists instead the producers writing to the topic's
partitions (all, or those -p names), as each leader knows them: a
producer with a transaction open there says from which offset, where
read_committed readers wait.`,
		Example: "  kscope transactions\n  kscope transactions -o json | jq '.[] | select(.hanging)'\n  kscope transactions --producers orders -p 3",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if output != "table" && output != "json" {
				return usagef("-o %q: want table or json", output)
			}
			conn, err := g.connect("listing transactions on")
			if err != nil {
				return err
			}
			defer conn.close()
			if producersOf != "" {
				ps, err := conn.client.Producers(context.WithoutCancel(cmd.Context()), producersOf, partitions...)
				if err != nil {
					return err
				}
				return writeProducersTable(stdout, ps)
			}
			txns, err := conn.client.Transactions(context.WithoutCancel(cmd.Context()))
			if err != nil {
				return err
			}
			if output == "json" {
				return writeTransactionsJSON(stdout, txns, time.Now())
			}
			return writeTransactionsTable(stdout, txns, time.Now())
		},
	}
	cmd.Flags().StringVarP(&output, "output", "o", "table", "output format: table or json")
	cmd.Flags().StringVar(&producersOf, "producers", "", "list the producers writing to this topic instead")
	cmd.Flags().Int32SliceVarP(&partitions, "partition", "p", nil, "with --producers, only these partitions")
	cmd.AddCommand(transactionAbort(g, stdout))
	return cmd
}

// transactionAbort is `transactions abort`: a preview of the producer whose
// open transaction would be aborted, then with --execute the abort.
func transactionAbort(g *globals, stdout io.Writer) *cobra.Command {
	var execute bool
	cmd := &cobra.Command{
		Use:               "abort TOPIC PARTITION OFFSET",
		ValidArgsFunction: g.completeArg(0, topicNames),
		Short:             "Preview, then with --execute abort, the transaction open on a partition from OFFSET",
		Long: `Abort, with a marker on the partition, the transaction a producer has open
there from OFFSET (its first record, as --producers and :transactions
show it): what kafka-transactions.sh abort does for a hanging transaction
its coordinator will not end. Its records there are then never read by
read_committed readers, which get past them. Nothing changes without
--execute; refused in read-only mode.`,
		Example: "  kscope transactions abort orders 3 1562\n  kscope transactions abort orders 3 1562 --execute",
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 3 {
				return usagef("needs TOPIC PARTITION OFFSET")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			partition, err1 := strconv.ParseInt(args[1], 10, 32)
			from, err2 := strconv.ParseInt(args[2], 10, 64)
			if err1 != nil || err2 != nil || partition < 0 || from < 0 {
				return usagef("PARTITION and OFFSET are numbers, 0 or more")
			}
			tp := model.TopicPartition{Topic: args[0], Partition: int32(partition)}
			conn, err := g.connect("aborting a transaction on")
			if err != nil {
				return err
			}
			defer conn.close()
			p, err := engine.OpenOn(cmd.Context(), conn.client, tp, from)
			if err != nil {
				return err
			}
			what := fmt.Sprintf("the transaction of producer %d/%d open on %s/%d from offset %d", p.ID, p.Epoch, model.Sanitize(tp.Topic), tp.Partition, from)
			if !execute {
				fmt.Fprintf(stdout, "would abort %s; its records there are never read (nothing changes without --execute)\n", what)
				return nil
			}
			if err := engine.Abort(cmd.Context(), conn.client, []model.Producer{p}); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "aborted %s\n", what)
			return nil
		},
	}
	cmd.Flags().BoolVar(&execute, "execute", false, "abort it; without it, only show what would be aborted")
	return cmd
}

func writeProducersTable(w io.Writer, ps []model.Producer) error {
	tw := newTable(w)
	fmt.Fprintln(tw, "PARTITION\tPRODUCER\tLAST SEQUENCE\tLAST WRITE\tOPEN TRANSACTION FROM")
	for _, p := range ps {
		open := "-"
		if p.OpenFrom >= 0 {
			open = fmt.Sprint(p.OpenFrom)
		}
		fmt.Fprintf(tw, "%d\t%d/%d\t%d\t%s\t%s\n", p.Partition, p.ID, p.Epoch, p.LastSequence, p.LastWrite.Format(time.RFC3339), open)
	}
	return tw.Flush()
}

func writeTransactionsJSON(w io.Writer, txns []model.Transaction, now time.Time) error {
	return writeIndented(w, report.Transactions(txns, now))
}

func writeTransactionsTable(w io.Writer, txns []model.Transaction, now time.Time) error {
	tw := newTable(w)
	fmt.Fprintln(tw, "TRANSACTIONAL ID\tSTATE\tPRODUCER\tAGE\tTIMEOUT\tPARTITIONS")
	for _, t := range txns {
		state := t.State
		if t.Hanging(now) {
			state += " (HANGING)"
		}
		age := "-"
		if t.Open() {
			age = model.FormatBehind(t.Age(now))
		}
		fmt.Fprintf(tw, "%s\t%s\t%d/%d\t%s\t%s\t%s\n", model.Sanitize(t.ID), model.Sanitize(state), t.ProducerID, t.ProducerEpoch,
			age, model.FormatBehind(t.Timeout), strings.TrimSpace(pane.TopicPartitions(t.Partitions)))
	}
	return tw.Flush()
}
