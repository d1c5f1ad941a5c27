package cli

import (
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/report"
)

func newCluster(g *globals, stdout io.Writer) *cobra.Command {
	var output string
	cmd := &cobra.Command{
		Use:   "cluster",
		Short: "The cluster's brokers, its features' levels and its KRaft quorum",
		Long: `Show the cluster: its id, controller and brokers; its features (KIP-584:
metadata.version, kraft.version, group.version, share.version,
transaction.version, eligible.leader.replicas.version, ...), each with
the level the cluster runs at and the range the brokers support, as
kafka-features.sh describe shows them; and its KRaft controller quorum
(leader, epoch, high watermark, and each voter's and observer's log end,
lag and last fetch), as kafka-metadata-quorum.sh describe does.
metadata.version's levels are numbers here; kafka-features.sh names
them after Kafka's releases.`,
		Example: `  kscope cluster
  kscope cluster -o json | jq '.quorum.voters[] | select(.lag > 0)'`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if output != "table" && output != "json" {
				return usagef("-o %q: want table or json", output)
			}
			conn, err := g.connect("describing")
			if err != nil {
				return err
			}
			defer conn.close()
			ctx := cmd.Context()
			c, err := conn.client.Cluster(ctx)
			if err != nil {
				return err
			}
			features, err := conn.client.Features(ctx)
			if err != nil {
				return err
			}
			var quorum *model.Quorum
			q, qerr := conn.client.Quorum(ctx)
			if qerr == nil {
				quorum = &q
			}
			out := report.ClusterOf(c, features, quorum, qerr)
			if output == "json" {
				return writeIndented(stdout, out)
			}
			return writeCluster(stdout, out)
		},
	}
	cmd.Flags().StringVarP(&output, "output", "o", "table", "output format: table or json")
	return cmd
}

func writeCluster(w io.Writer, c report.Cluster) error {
	fmt.Fprintf(w, "cluster %s, controller %d, %s\n\n", model.Sanitize(c.ID), c.Controller, model.Plural(len(c.Brokers), "broker"))
	tw := newTable(w)
	fmt.Fprintln(tw, "FEATURE\tLEVEL\tSUPPORTED")
	for _, f := range c.Features {
		fmt.Fprintf(tw, "%s\t%d\t%d-%d\n", model.Sanitize(f.Name), f.Level, f.SupportedMin, f.SupportedMax)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if c.Quorum == nil {
		_, err := fmt.Fprintf(w, "\nquorum: not described (%s)\n", model.Sanitize(c.QuorumError))
		return err
	}
	q := c.Quorum
	fmt.Fprintf(w, "\nquorum: leader %d, epoch %d, high watermark %d\n", q.Leader, q.Epoch, q.HighWatermark)
	tw = newTable(w)
	fmt.Fprintln(tw, "REPLICA\tROLE\tLOG END\tLAG\tLAST FETCH")
	now := time.Now()
	row := func(r report.QuorumReplica, role string) {
		if r.ID == q.Leader {
			role += ", leader"
		}
		fetched := "-"
		if r.LastFetchMs != nil {
			fetched = now.Sub(time.UnixMilli(*r.LastFetchMs)).Round(time.Millisecond).String() + " ago"
		}
		fmt.Fprintf(tw, "%d\t%s\t%d\t%d\t%s\n", r.ID, role, r.LogEndOffset, r.Lag, fetched)
	}
	for _, r := range q.Voters {
		row(r, "voter")
	}
	for _, r := range q.Observers {
		row(r, "observer")
	}
	return tw.Flush()
}
