package cli

import (
	"context"
	"fmt"
	"io"
	"os/signal"
	"slices"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/kscope/kscope/model"
)

// originHeaders name where a dead letter came from, as the common
// dead-letter writers put it: Spring Kafka's DeadLetterPublishingRecoverer
// and Kafka Connect's errors.deadletterqueue.context.headers.enable.
var originHeaders = []string{"kafka_dlt-original-topic", "__connect.errors.topic"}

// errorHeaderPrefixes are the headers those writers add about the error,
// which --strip-headers removes.
var errorHeaderPrefixes = []string{"kafka_dlt-", "__connect.errors."}

type redriveFlags struct {
	search       searchFlags
	originHeader string
	strip        bool
	execute      bool
	resume       string
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
Interrupted, it says how to --resume. Refused in read-only mode.`,
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
	rs, err := parseRange(f.search, f.resume)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	conn, err := g.connect("redriving on")
	if err != nil {
		return err
	}
	defer conn.close()
	if f.execute && conn.readOnly {
		return fmt.Errorf("redrive %s: %w", dlq, model.ErrReadOnly)
	}
	tail, scan, err := rs.open(ctx, conn, dlq, f.search.partitions)
	if err != nil {
		return err
	}
	defer tail.Close()
	headers := originHeaders
	if f.originHeader != "" {
		headers = []string{f.originHeader}
	}
	c := &copier{dst: conn.client, execute: f.execute, route: origin(headers, dlq, f.strip)}
	return c.transfer(ctx, g, stdout, tail, scan, "kscope redrive "+dlq)
}

// origin routes a dead letter to the topic its first origin header names,
// stripping the error headers when asked. A record naming no topic, or
// the DLQ itself, has nowhere to go back to.
func origin(headers []string, dlq string, strip bool) func(r *model.Record) (string, bool) {
	return func(r *model.Record) (string, bool) {
		topic := ""
		for _, name := range headers {
			if i := slices.IndexFunc(r.Headers, func(h model.Header) bool { return h.Key == name }); i >= 0 {
				topic = string(r.Headers[i].Value)
				break
			}
		}
		if topic == "" || topic == dlq {
			return "", false
		}
		if strip {
			r.Headers = slices.DeleteFunc(slices.Clone(r.Headers), func(h model.Header) bool {
				return slices.ContainsFunc(errorHeaderPrefixes, func(p string) bool { return strings.HasPrefix(h.Key, p) })
			})
		}
		return topic, true
	}
}
