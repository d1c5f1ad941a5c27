package cli

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/report"
	"github.com/kscope/kscope/ui/pane"
)

func topicDescribe(g *globals, stdout io.Writer) *cobra.Command {
	var output string
	cmd := &cobra.Command{
		Use:   "describe NAME",
		Short: "Show a topic's partitions: leaders, replicas, ISR, eligible leaders, offsets and sizes",
		Long: `Show each partition of a topic, as kafka-topics.sh --describe does and
more: its leader, replicas, in-sync replicas, eligible leader replicas
and last-known eligible leader replicas (ELR, Kafka 4: replicas out of
the ISR that still hold every committed record, so may lead without
loss), offline replicas, offsets, messages and size.

A topic with tiered storage (remote.storage.enable) says how many of its
records are in remote storage alone, and for each partition the first
offset still on the brokers' disks (LOCAL-START) and the last copied to
remote storage (LAST-TIERED).

A partition with fewer replicas in sync than the topic's
min.insync.replicas is marked: producers with acks=all are refused
there until enough replicas return.`,
		Example: `  kscope topic describe orders
  kscope topic describe orders -o json | jq '.partitions[] | select(.below_min_isr)'`,
		Args:              oneArg("the topic's name"),
		ValidArgsFunction: g.completeArg(0, topicNames),
		RunE: func(cmd *cobra.Command, args []string) error {
			if output != "table" && output != "json" {
				return usagef("-o %q: want table or json", output)
			}
			conn, err := g.connect("describing")
			if err != nil {
				return err
			}
			defer conn.close()
			topics, err := pane.SizedTopics(cmd.Context(), conn.client, args[0])
			if err != nil {
				return err
			}
			if topics[0].Err != nil {
				return topics[0].Err
			}
			if output == "json" {
				return writeIndented(stdout, report.Detail(topics[0]))
			}
			return writeTopicDetail(stdout, topics[0])
		},
	}
	cmd.Flags().StringVarP(&output, "output", "o", "table", "output format: table or json")
	return cmd
}

func writeTopicDetail(w io.Writer, t model.Topic) error {
	head := []string{model.Sanitize(t.Name), model.Plural(len(t.Partitions), "partition"), fmt.Sprintf("RF %d", t.ReplicationFactor())}
	if t.MinISR > 0 {
		head = append(head, fmt.Sprintf("min.insync.replicas %d", t.MinISR))
	}
	if t.Tiered {
		head = append(head, fmt.Sprintf("remote storage: %s records in it alone", model.Count(t.RemoteOnly())))
	}
	fmt.Fprintln(w, strings.Join(head, " · "))
	tw := newTable(w)
	tiered := ""
	if t.Tiered {
		tiered = "LOCAL-START\tLAST-TIERED\t"
	}
	fmt.Fprintf(tw, "PARTITION\tLEADER\tREPLICAS\tISR\tELR\tLAST-KNOWN-ELR\tOFFLINE\tLOW\t%sHIGH\tMESSAGES\tSIZE\t\n", tiered)
	for _, p := range t.Partitions {
		if t.Tiered {
			tiered = offsetText(p.LocalLow) + "\t" + offsetText(p.TieredHigh) + "\t"
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s%d\t%d\t%s\t%s\n", p.ID, leaderText(p.Leader),
			pane.IDs(p.Replicas), pane.IDs(p.ISR), pane.IDs(p.ELR), pane.IDs(p.LastKnownELR), pane.IDs(p.Offline),
			p.Low, tiered, p.High, p.Messages(), pane.Size(p.Bytes, p.Sized), partitionTrouble(p, t.MinISR))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if n := t.BelowMinISR(); n > 0 {
		fmt.Fprintf(w, "\n%s below min.insync.replicas %d: producers with acks=all are refused there\n", model.Plural(n, "partition"), t.MinISR)
	}
	return nil
}

// offsetText is an offset, or "-" where unknown.
func offsetText(o int64) string {
	if o < 0 {
		return "-"
	}
	return strconv.FormatInt(o, 10)
}

// partitionTrouble names what is wrong with a partition, worst first, or
// nothing.
func partitionTrouble(p model.Partition, minISR int) string {
	switch {
	case p.Err != nil:
		return model.Sanitize(p.Err.Error())
	case p.Leader < 0:
		return "no leader"
	case p.BelowMinISR(minISR):
		return "below min ISR"
	case p.UnderReplicated():
		return "under-replicated"
	}
	return ""
}
