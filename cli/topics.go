package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/report"
	"github.com/kscope/kscope/ui/pane"
)

func newTopics(g *globals, stdout io.Writer) *cobra.Command {
	var output string
	var internal bool
	cmd := &cobra.Command{
		Use:   "topics",
		Short: "List topics with partitions, replication and message counts",
		Long: `List topics with their partition count, replication factor, messages
(the sum over partitions of high minus low watermark), size on disk (of
the leader replicas; -o json adds all replicas) and under-replicated
partition count. Internal topics are listed only with --internal.`,
		Example: `  kscope topics -b localhost:9092
  kscope topics -o json | jq '.[] | select(.under_replicated > 0)'`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if output != "table" && output != "json" {
				return usagef("-o %q: want table or json", output)
			}
			conn, err := g.connect("listing")
			if err != nil {
				return err
			}
			defer conn.close()
			ctx := context.WithoutCancel(cmd.Context())
			all, usage, usageErr, err := pane.TopicsAndDisks(ctx, conn.client, conn.client)
			if err != nil {
				return err
			}
			if usageErr != nil {
				fmt.Fprintf(g.stderr, "kscope: sizes unknown: %s\n", model.Sanitize(usageErr.Error()))
			} else {
				usage.Fill(all)
			}
			shown := model.TopicQuery{Internal: internal}.Apply(all)
			if len(all) == 0 {
				fmt.Fprintln(g.stderr, "kscope:", model.NoneVisible(conn.client, "topics"))
			}
			if output == "json" {
				return writeTopicsJSON(stdout, shown)
			}
			return writeTopicsTable(stdout, shown)
		},
	}
	cmd.Flags().StringVarP(&output, "output", "o", "table", "output format: table or json")
	cmd.Flags().BoolVar(&internal, "internal", false, "include internal topics such as __consumer_offsets")
	return cmd
}

func writeTopicsJSON(w io.Writer, topics []model.Topic) error {
	return writeIndented(w, report.Topics(topics))
}

// writeIndented writes v as indented JSON, with what a terminal may act
// on escaped (see model.JSONSafe).
func writeIndented(w io.Writer, v any) error {
	enc := json.NewEncoder(model.JSONSafeWriter{W: w})
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func writeTopicsTable(w io.Writer, topics []model.Topic) error {
	tw := newTable(w)
	fmt.Fprintln(tw, "TOPIC\tPARTITIONS\tRF\tMESSAGES\tSIZE\tURP")
	for _, t := range topics {
		if t.Err != nil {
			fmt.Fprintf(tw, "%s\t-\t-\t-\t-\t-\t%s\n", model.Sanitize(t.Name), model.Sanitize(t.Err.Error()))
			continue
		}
		leaders, _, sized := t.Bytes()
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%s\t%d\n", model.Sanitize(t.Name), len(t.Partitions),
			t.ReplicationFactor(), strconv.FormatInt(t.Messages(), 10), pane.Size(leaders, sized), t.UnderReplicated())
	}
	return tw.Flush()
}
