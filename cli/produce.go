package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/serde"
)

// produceBatch is how many lines go to the cluster at once.
const produceBatch = 1000

func newProduce(g *globals, stdin io.Reader, stdout io.Writer) *cobra.Command {
	var key, keySep string
	var headers []string
	var partition int32
	var nulSeparated bool
	var schema, keySchema, message string
	var jsonl string
	var keepPartition, keepTimestamp bool
	cmd := &cobra.Command{
		Use:               "produce TOPIC",
		ValidArgsFunction: g.completeArg(0, topicNames),
		Short:             "Send records read from standard input, one per line",
		Long: `Send one record per line of standard input (or per NUL-terminated chunk
with --null), like kcat -P. Every record gets --key and the --header
values; with -K SEP, each line is KEY SEP VALUE. Without --partition,
Kafka's partitioner chooses by key. The topic must exist.

With --schema SUBJECT (its latest version) or --schema ID, each value is
JSON that kscope encodes in the schema's format (Avro, Protobuf or JSON
Schema) and frames for the context's schema registry, as Confluent's
serializers do; --key-schema does the same for keys, and --message picks
the Protobuf message (default: the file's first). A value that does not fit
stops the run, naming its line and the field.

With --jsonl FILE (- for standard input), each line is a record as
kscope tail -o json and the TUI's w write it, sent byte for byte: keys,
values and headers (in order, duplicates and nulls kept) exactly as they
were. --keep-partition sends each to the partition it came from, else
Kafka's partitioner chooses by key; --keep-timestamp keeps its timestamp,
else it is stamped now. Transaction markers' lines are skipped, and so are
the records of transactions that aborted (as tail --uncommitted exports
them), which sent again would be committed. A line
whose value was exported decoded (without --raw) or cut is refused.

Refused in read-only mode.`,
		Example: `  echo '{"id":1}' | kscope produce orders --key cus-0001 --header source=cli
  kscope produce audit.log < lines.txt
  printf 'k1:v1\nk2:v2\n' | kscope produce orders -K :
  echo '{"payment_id":"p1",...}' | kscope produce payments.avro --schema payments.avro-value
  kscope tail orders --from beginning -e -o json > orders.jsonl
  kscope produce orders-copy --jsonl orders.jsonl --keep-partition --keep-timestamp`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("produce needs exactly one topic")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			hs, err := parseHeaders(headers)
			if err != nil {
				return err
			}
			if jsonl == "" && (keepPartition || keepTimestamp) {
				return usagef("--keep-partition and --keep-timestamp need --jsonl")
			}
			if jsonl != "" && (key != "" || keySep != "" || len(headers) > 0 || nulSeparated || schema != "" || keySchema != "" || partition >= 0) {
				return usagef("--jsonl lines carry their key, value, headers and partition: give no --key, -K, --header, --null, --schema or --partition")
			}
			in := stdin
			if jsonl != "" && jsonl != "-" {
				f, err := os.Open(jsonl)
				if err != nil {
					return usageError{err}
				}
				defer f.Close()
				in = f
			}
			conn, err := g.connect("producing to")
			if err != nil {
				return err
			}
			defer conn.close()
			if conn.readOnly {
				return fmt.Errorf("produce to %s: %w", args[0], model.ErrReadOnly)
			}
			topics, err := conn.client.Topics(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			if topics[0].Err != nil {
				return withCreateHint(topics[0].Err, args[0])
			}
			p := recordParser{topic: args[0], key: key, keySep: keySep, headers: hs, partition: partition,
				jsonl: jsonl != "", keepPartition: keepPartition, keepTimestamp: keepTimestamp, partitions: int32(len(topics[0].Partitions))}
			if schema != "" || keySchema != "" {
				if conn.registry == nil {
					return usagef("--schema needs a schema registry: set schema_registry in the context")
				}
				p.value = encoder(cmd.Context(), conn, schema, message)
				p.keyEncode = encoder(cmd.Context(), conn, keySchema, message)
			}
			n, skipped, err := produceLines(cmd.Context(), conn.client, in, nulSeparated, p)
			fmt.Fprintf(stdout, "produced %d records to %s", n, args[0])
			if s := skipped.String(); s != "" {
				fmt.Fprintf(stdout, " (%s skipped)", s)
			}
			fmt.Fprintln(stdout)
			return err
		},
	}
	f := cmd.Flags()
	f.StringVarP(&key, "key", "k", "", "the key of every record")
	f.StringVarP(&keySep, "key-separator", "K", "", "split each line into KEY SEP VALUE")
	f.StringArrayVarP(&headers, "header", "H", nil, "a header key=value (repeat for more; duplicates are kept)")
	f.Int32VarP(&partition, "partition", "p", -1, "the partition (default: chosen by key)")
	f.BoolVarP(&nulSeparated, "null", "0", false, "records are NUL-terminated rather than lines")
	f.StringVar(&schema, "schema", "", "encode each JSON value with this registry subject's latest schema, or schema id")
	f.StringVar(&keySchema, "key-schema", "", "encode each JSON key likewise")
	f.StringVar(&message, "message", "", "the Protobuf message to encode as (default: the schema's first)")
	f.StringVar(&jsonl, "jsonl", "", "read records as kscope's JSON lines from FILE (- for stdin), sent byte for byte")
	f.BoolVar(&keepPartition, "keep-partition", false, "with --jsonl: send each record to the partition it came from")
	f.BoolVar(&keepTimestamp, "keep-timestamp", false, "with --jsonl: keep each record's timestamp")
	return cmd
}

// encoder encodes JSON with a registry schema, or is nil without one.
func encoder(ctx context.Context, conn *connection, schema, message string) func([]byte) ([]byte, error) {
	if schema == "" {
		return nil
	}
	var enc *serde.Encoder // resolved at the first record, once
	return func(text []byte) ([]byte, error) {
		if enc == nil {
			e, err := conn.registry.Encoder(ctx, schema, message)
			if err != nil {
				return nil, err
			}
			enc = e
		}
		return enc.Encode(text)
	}
}

// withCreateHint is a topic's error, with how to create it when the
// cluster says it does not exist (not when it will not say).
func withCreateHint(err error, topic string) error {
	if errors.Is(err, model.ErrNoSuchTopic) {
		return fmt.Errorf("%w; create it with kscope topic create %s", err, topic)
	}
	return err
}
