package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/pane"
)

// topicJSON is one topic in `kscope topics -o json`; its fields are a
// documented interface for scripts, so they only ever grow.
type topicJSON struct {
	Name              string `json:"name"`
	Partitions        int    `json:"partitions"`
	ReplicationFactor int    `json:"replication_factor"`
	Messages          int64  `json:"messages"`
	UnderReplicated   int    `json:"under_replicated"`
	Internal          bool   `json:"internal"`
	// SizeBytes is what the topic's leader replicas take on disk,
	// ReplicasSizeBytes what all its replicas take; null when the brokers
	// did not say (DescribeLogDirs needs DESCRIBE on the cluster).
	SizeBytes         *int64 `json:"size_bytes"`
	ReplicasSizeBytes *int64 `json:"replicas_size_bytes"`
	Error             string `json:"error,omitempty"`
}

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
	out := make([]topicJSON, len(topics))
	for i, t := range topics {
		out[i] = topicJSON{
			Name:              t.Name,
			Partitions:        len(t.Partitions),
			ReplicationFactor: t.ReplicationFactor(),
			Messages:          t.Messages(),
			UnderReplicated:   t.UnderReplicated(),
			Internal:          t.Internal,
		}
		if leaders, replicas, sized := t.Bytes(); sized {
			out[i].SizeBytes, out[i].ReplicasSizeBytes = &leaders, &replicas
		}
		if t.Err != nil {
			out[i].Error = t.Err.Error()
		}
	}
	return writeIndented(w, out)
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
