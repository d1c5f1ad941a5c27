package cli

import (
	"context"
	"io"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/kscope/kscope/model"
)

// tailFlags are the options of kscope tail.
type tailFlags struct {
	partitions  []int32
	from        string
	count       int
	exitAtEnd   bool
	output      string
	filter      string
	uncommitted bool
	raw         bool
}

func newTail(g *globals, stdout io.Writer) *cobra.Command {
	var f tailFlags
	cmd := &cobra.Command{
		Use:   "tail TOPIC",
		Short: "Print a topic's records as they arrive, or from any point",
		Long: `Print a topic's records, as JSON lines (-o json) or one readable line each
(-o text). It reads partitions directly: it joins no consumer group and
commits nothing.

--from takes end (the default), beginning, an offset, -N or last:N (the
last N records of each partition), a duration ago such as -15m, or an
RFC 3339 time. --filter takes a substring (ignoring case when it is all
lower case) or, after ~, a regular expression, matched against keys,
values and header values.

Like kcat and Kafka's consumers, it reads committed data only: records of
aborted transactions are skipped, and it ends (-e) at the last stable
offset. --uncommitted reads everything up to the high watermark; records
written in a transaction then carry "transaction": "open", and each
commit or abort marker is printed as its own line, {"topic", "partition",
"offset", "control": "commit"|"abort", "producer_id"}, so a reader can
tell which records were aborted.

In -o json, keys and values that are UTF-8 are strings; others are base64,
flagged by "key_encoding"/"value_encoding": "base64". Kafka's null is null.

Keys and values framed for a Schema Registry (Avro, Protobuf, JSON Schema)
are decoded through the context's schema_registry, and topics the
context's decode rules name are read as they say (Protobuf from .proto
files, Avro from a schema file, MessagePack, JSON). Decoded, "value" is
the JSON itself, with "value_schema": {"id", "subject", "version",
"type"} from the registry or "value_format" from a rule (likewise for the
key); what cannot be decoded stays as bytes with "value_note" saying why.
--raw prints the bytes, undecoded.

In a context with masking, the records are printed masked, and --raw,
which would print a masked topic's bytes in clear, is refused unless the
context's masking says allow_raw: true.`,
		Example: `  kscope tail orders
  kscope tail orders --from beginning --exit-at-end -o json > orders.jsonl
  kscope tail payments -p 0 -p 2 --from -15m --filter declined
  kscope tail clickstream -n 10 -o json | jq .value
  kscope tail payments.avro -n 1 -o json | jq '.value_schema, .value'`,
		Args:              oneTopic("tail needs exactly one topic, e.g. kscope tail orders"),
		ValidArgsFunction: g.completeArg(0, topicNames),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runTail(cmd.Context(), g, stdout, args[0], f)
		},
	}
	fl := cmd.Flags()
	fl.Int32SliceVarP(&f.partitions, "partition", "p", nil, "read only these partitions (repeat or comma-separate)")
	fl.StringVar(&f.from, "from", "end", "where to start: end, beginning, OFFSET, -N, last:N, -15m, or an RFC 3339 time")
	fl.IntVarP(&f.count, "count", "n", 0, "stop after this many records (after filtering)")
	fl.BoolVarP(&f.exitAtEnd, "exit-at-end", "e", false, "stop once every partition reaches the end it had at start")
	fl.StringVarP(&f.output, "output", "o", "json", "output format: json or text")
	fl.StringVar(&f.filter, "filter", "", "print only records matching this (substring, or ~regex)")
	fl.BoolVar(&f.raw, "raw", false, "print keys and values as bytes, without decoding Avro, Protobuf or other formats")
	fl.BoolVar(&f.uncommitted, "uncommitted", false, "read what transactions have not committed, and what they aborted, with their transaction markers")
	return cmd
}

func runTail(ctx context.Context, g *globals, stdout io.Writer, topic string, f tailFlags) error {
	start, err := model.ParseStart(f.from, time.Now())
	if err != nil {
		return usageError{err}
	}
	filter, err := model.ParseFilter(f.filter)
	if err != nil {
		return usageError{err}
	}
	if f.output != "json" && f.output != "text" {
		return usagef("-o %q: want json or text", f.output)
	}
	if f.count < 0 {
		return usagef("-n %d: want a positive count", f.count)
	}
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	conn, err := g.connect("tailing")
	if err != nil {
		return err
	}
	defer conn.close()
	if f.raw {
		if err := conn.masking.Refuse(topic, "--raw"); err != nil {
			return err
		}
	}
	req := model.TailRequest{Topic: topic, Partitions: f.partitions, Start: start, Uncommitted: f.uncommitted, Raw: f.raw}
	if f.exitAtEnd {
		// Its range ends where each partition ended at the start: a
		// partition read that far is fetched no more.
		req.Until = &model.Start{Kind: model.FromEnd}
	}
	tail, err := conn.client.Tail(ctx, req)
	if err != nil {
		return err
	}
	defer tail.Close()
	p := newPrinter(stdout, topic, f.output, f.count)
	p.filter = filter
	_, err = p.print(ctx, tail, f.exitAtEnd, g)
	return err
}

// oneTopic accepts exactly one argument, the topic, or says usage.
func oneTopic(usage string) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) != 1 {
			return usagef("%s", usage)
		}
		return nil
	}
}
