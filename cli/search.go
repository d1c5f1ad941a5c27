package cli

import (
	"context"
	"fmt"
	"io"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/kscope/kscope/engine"
	"github.com/kscope/kscope/model"
)

type searchFlags struct {
	partitions []int32
	key        string
	all        bool
	where      string
	filter     string
	from, to   string
	count      int
	output     string
}

func newSearch(g *globals, stdout io.Writer) *cobra.Command {
	var f searchFlags
	cmd := &cobra.Command{
		Use:   "search TOPIC",
		Short: "Find records in a whole topic or a range of it, by key or by expression",
		Long: `Scan a range of a topic, every record of it, and print those that match,
as kscope tail prints them (-o json or text). A summary on stderr says
what was scanned: how many records, in which partitions, and how many
matched.

--key K finds the records of a key: only the partition Kafka's default
partitioner (murmur2, as the Java client, librdkafka and franz-go use)
writes K to is scanned, unless --all-partitions or -p says otherwise.
--where takes an expression (https://expr-lang.org) over key, value,
headers, partition, offset and timestamp, with the value's JSON fields,
decoded from Avro or Protobuf too, addressable:
  value.status == "paid" && value.amount > 1000 && headers["source"] == "pos"
--filter takes a substring or ~regex, as kscope tail does. All given must
match.

--from (default beginning) and --to (default end, the end when the
search starts) take what tail's --from takes: an offset, -15m, an RFC 3339
time; the range ends before --to.

In a context with masking, records are matched in their masked form only:
a masked value cannot be found by what it holds in clear, and the summary
says masking applied.`,
		Example: `  kscope search orders --key ord-0001562
  kscope search payments --where 'value.status == "declined" && value.amount > 50' --from -24h
  kscope search clickstream --filter ~'"query":"caf' -n 10 -o text`,
		Args:              oneTopic("search needs exactly one topic, e.g. kscope search orders --key ord-0001"),
		ValidArgsFunction: g.completeArg(0, topicNames),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runSearch(cmd.Context(), g, stdout, args[0], f)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&f.key, "key", "k", "", "find the records of this key, in the partition it is written to")
	fl.BoolVar(&f.all, "all-partitions", false, "with --key, scan every partition, not only the key's")
	fl.StringVar(&f.where, "where", "", "an expression the records must satisfy")
	fl.StringVar(&f.filter, "filter", "", "a substring, or ~regex, of key, value or a header value")
	fl.Int32SliceVarP(&f.partitions, "partition", "p", nil, "scan only these partitions")
	fl.StringVar(&f.from, "from", "beginning", "where the range starts: beginning, OFFSET, -N, -15m, or an RFC 3339 time")
	fl.StringVar(&f.to, "to", "end", "where the range ends (not included): end, OFFSET, -15m, or an RFC 3339 time")
	fl.IntVarP(&f.count, "count", "n", 0, "stop after this many matches")
	fl.StringVarP(&f.output, "output", "o", "json", "output format: json or text")
	return cmd
}

func runSearch(ctx context.Context, g *globals, stdout io.Writer, topic string, f searchFlags) error {
	r, err := f.parse(topic)
	if err != nil {
		return err
	}
	if f.key != "" {
		r.Query.Key = []byte(f.key)
	}
	if f.output != "json" && f.output != "text" {
		return usagef("-o %q: want json or text", f.output)
	}
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	conn, err := g.connect("searching")
	if err != nil {
		return err
	}
	defer conn.close()
	s, err := engine.Search{Range: r, AllPartitions: f.all}.Open(ctx, conn.client, model.TailRequest{})
	if err != nil {
		return err
	}
	defer s.Close()
	if s.KeyPartition >= 0 {
		fmt.Fprintf(g.stderr, "kscope: scanning partition %d of %d, where Kafka's default partitioner writes key %s; --all-partitions scans every one\n",
			s.KeyPartition, s.Total, model.Inline(r.Query.Key))
	}
	p := newPrinter(stdout, topic, f.output, f.count)
	interrupted, err := p.print(ctx, s.Scan, true, g)
	fmt.Fprintln(g.stderr, "kscope: "+s.Summary(p.printed, interrupted || p.limit > 0 && p.printed >= p.limit))
	if why := conn.masking.Explain(topic, r.Query); why != "" {
		fmt.Fprintln(g.stderr, "kscope: "+why)
	}
	if missed := model.MissedLine(p.positions); missed != "" {
		fmt.Fprintln(g.stderr, "kscope: not scanned: "+missed)
	}
	if n, first := s.Scan.Failed(); n > 0 {
		fmt.Fprintf(g.stderr, "kscope: the expression could not be evaluated on %s records, which did not match; the first: %s\n", model.Count(n), model.Sanitize(first.Error()))
	}
	return err
}

// parse reads the flags' range of topic; a mistake in it is a usage
// error.
func (f searchFlags) parse(topic string) (engine.Range, error) {
	r, err := engine.ParseRange(topic, f.partitions, f.from, f.to, f.where, f.filter, time.Now())
	if err != nil {
		return r, usageError{err}
	}
	return r, nil
}
