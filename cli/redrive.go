package cli

import (
	"context"
	"fmt"
	"io"
	"os/signal"

	"github.com/spf13/cobra"

	"github.com/kscope/kscope/engine"
	"github.com/kscope/kscope/model"
)

type redriveFlags struct {
	search       searchFlags
	originHeader string
	strip        bool
	execute      bool
	resume       resumeFlags
}

func newRedrive(g *globals, stdout io.Writer) *cobra.Command {
	var f redriveFlags
	cmd := &cobra.Command{
		Use:   "redrive DLQ",
		Short: "Send a dead-letter topic's records back to the topics they came from: a preview unless --execute",
		Long: `Read a range of a dead-letter topic (all, or --where, --filter) and send
each record back to the topic its headers name, byte for byte: Spring
Kafka's kafka_dlt-original-topic, Kafka Connect's __connect.errors.topic,
or --origin-header NAME. Without --execute it previews how many records go
to each topic; records without an origin stay where they are, counted.
--strip-headers removes the error headers those writers add (kafka_dlt-*,
__connect.errors.*) from what is sent. Partitions are chosen by key.
Interrupted, it resumes exactly, as kscope copy does (see its help).
Refused in read-only mode, and on a DLQ the context masks (the bytes go
unmasked) unless its masking says allow_raw: true.`,
		Example: `  kscope redrive orders.DLT
  kscope redrive orders.DLT --where 'headers["kafka_dlt-exception-message"] contains "timeout"' --strip-headers --execute`,
		Args:              oneTopic("redrive needs exactly one dead-letter topic, e.g. kscope redrive orders.DLT"),
		ValidArgsFunction: g.completeArg(0, topicNames),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runRedrive(cmd.Context(), g, stdout, args[0], f)
		},
	}
	fl := cmd.Flags()
	rangeFlags(fl, &f.search, &f.resume, "the DLQ")
	fl.StringVar(&f.originHeader, "origin-header", "", "the header naming each record's origin topic (default: Spring's, then Connect's)")
	fl.BoolVar(&f.strip, "strip-headers", false, "remove the dead-letter writers' error headers from what is sent")
	fl.BoolVar(&f.execute, "execute", false, "send; without it, only preview")
	return cmd
}

func runRedrive(ctx context.Context, g *globals, stdout io.Writer, dlq string, f redriveFlags) error {
	rs, err := f.search.parse(dlq)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(ctx, stopSignals...)
	defer stop()
	conn, err := g.connect("redriving on")
	if err != nil {
		return err
	}
	defer conn.close()
	if err := conn.masking.Refuse(dlq, "redrive"); err != nil {
		return err
	}
	if f.execute && conn.readOnly {
		return fmt.Errorf("redrive %s: %w", dlq, model.ErrReadOnly)
	}
	headers := engine.OriginHeaders
	if f.originHeader != "" {
		headers = []string{f.originHeader}
	}
	w := write{
		job:   engine.Job{Kind: "redrive", SourceCluster: conn.name, Source: dlq, DestCluster: conn.name, Dest: "their origins"},
		copy:  &engine.Copy{Route: engine.Origin(headers, dlq, f.strip)},
		dest:  conn.client,
		again: "kscope redrive " + dlq,
	}
	return w.run(ctx, g, stdout, conn, rs, f.resume, f.execute)
}
