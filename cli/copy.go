package cli

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/kscope/kscope/model"
)

type copyFlags struct {
	search                       searchFlags
	toContext                    string
	keepPartition, keepTimestamp bool
	execute                      bool
	resume                       string
}

func newCopy(g *globals, stdout io.Writer) *cobra.Command {
	var f copyFlags
	cmd := &cobra.Command{
		Use:   "copy SRC DST",
		Short: "Copy a range of records to another topic, or another cluster: a dry run unless --execute",
		Long: `Copy the records of a range of SRC that match (all, or --where, --filter)
to DST, byte for byte: keys, values, headers. Without --execute it only
says how many records and bytes it would copy. DST must exist; with
--to-context it is on that context's cluster.

--keep-partition sends each record to the partition it came from, else
Kafka's partitioner chooses by key; --keep-timestamp keeps its timestamp,
else it is stamped now. Records are sent by an idempotent producer, in
order per partition, a batch at a time. Interrupted (ctrl+c, or a failure),
it says exactly how far it got and how to go on: --resume P:OFFSET,...
starts each partition where the last run stopped. Refused in read-only
mode.`,
		Example: `  kscope copy orders orders-replay --from -1h
  kscope copy orders orders-replay --from -1h --where 'value.status == "failed"' --execute
  kscope copy payments payments --to-context staging --keep-partition --keep-timestamp --execute`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 2 {
				return usagef("copy needs a source and a destination topic, e.g. kscope copy orders orders-replay")
			}
			return nil
		},
		ValidArgsFunction: g.completeArg(-1, topicNames),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCopy(cmd.Context(), g, stdout, args[0], args[1], f)
		},
	}
	fl := cmd.Flags()
	rangeFlags(fl, &f.search, &f.resume, "SRC")
	fl.StringVar(&f.toContext, "to-context", "", "the config context of DST's cluster (default: SRC's)")
	fl.BoolVar(&f.keepPartition, "keep-partition", false, "send each record to the partition it came from")
	fl.BoolVar(&f.keepTimestamp, "keep-timestamp", false, "keep each record's timestamp")
	fl.BoolVar(&f.execute, "execute", false, "copy; without it, only say what would be copied")
	return cmd
}

// rangeFlags are the flags copy and redrive read a range of a topic by.
func rangeFlags(fl *pflag.FlagSet, f *searchFlags, resume *string, topic string) {
	fl.StringVar(&f.where, "where", "", "an expression the records must satisfy, as kscope search takes")
	fl.StringVar(&f.filter, "filter", "", "a substring, or ~regex, of key, value or a header value")
	fl.Int32SliceVarP(&f.partitions, "partition", "p", nil, "read only these partitions of "+topic)
	fl.StringVar(&f.from, "from", "beginning", "where the range starts: beginning, OFFSET, -15m, or an RFC 3339 time")
	fl.StringVar(&f.to, "to", "end", "where the range ends (not included): end, OFFSET, -15m, or an RFC 3339 time")
	fl.StringVar(resume, "resume", "", "go on from where a run stopped: P:OFFSET,... as it printed")
}

// parseResume reads "0:123,1:456".
func parseResume(s string) (map[int32]int64, error) {
	if s == "" {
		return nil, nil
	}
	out := map[int32]int64{}
	for part := range strings.SplitSeq(s, ",") {
		p, o, ok := strings.Cut(strings.TrimSpace(part), ":")
		pn, err1 := strconv.ParseInt(p, 10, 32)
		on, err2 := strconv.ParseInt(o, 10, 64)
		if !ok || err1 != nil || err2 != nil || pn < 0 || on < 0 {
			return nil, usagef("--resume %q: want PARTITION:OFFSET,... as a copy printed it", s)
		}
		out[int32(pn)] = on
	}
	return out, nil
}

// rangeScan is a parsed range of a topic and the query its records must
// match: what search, copy and redrive read.
type rangeScan struct {
	from, to model.Start
	query    model.Query
	resume   map[int32]int64
}

func parseRange(f searchFlags, resume string) (rangeScan, error) {
	var r rangeScan
	now := time.Now()
	var err error
	if r.from, err = model.ParseStart(f.from, now); err != nil {
		return r, usageError{err}
	}
	r.to, err = model.ParseStart(f.to, now)
	if err != nil || r.to.Kind == model.FromBeginning || r.to.Kind == model.FromLast {
		return r, usagef("--to %q: want end, an offset, -15m or an RFC 3339 time", f.to)
	}
	r.query = model.Query{Where: f.where}
	if r.query.Filter, err = model.ParseFilter(f.filter); err != nil {
		return r, usageError{err}
	}
	if _, err := model.ParseWhere(f.where); f.where != "" && err != nil {
		return r, usageError{err}
	}
	r.resume, err = parseResume(resume)
	return r, err
}

// open starts the scan of the range of topic, its bytes undecoded.
func (r rangeScan) open(ctx context.Context, conn *connection, topic string, partitions []int32) (model.RecordStream, *model.Scan, error) {
	tail, err := conn.client.Tail(ctx, model.TailRequest{Topic: topic, Partitions: partitions, Start: r.from, Offsets: r.resume, Until: &r.to, Raw: true})
	if err != nil {
		return nil, nil, err
	}
	scan, err := model.NewScan(tail, r.query)
	if err != nil {
		tail.Close()
		return nil, nil, usageError{err}
	}
	return tail, scan, nil
}

func runCopy(ctx context.Context, g *globals, stdout io.Writer, src, dst string, f copyFlags) error {
	rs, err := parseRange(f.search, f.resume)
	if err != nil {
		return err
	}
	if src == dst && f.toContext == "" {
		return usagef("copy %s onto itself: name another topic, or --to-context another cluster", src)
	}
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	source, err := g.connect("copying from")
	if err != nil {
		return err
	}
	defer source.close()
	dest := source
	if f.toContext != "" {
		t := g.target
		t.context, t.brokers = f.toContext, nil
		if dest, err = t.connect(g.timeout, g.stderr); err != nil {
			return err
		}
		defer dest.close()
	}
	if f.execute && dest.readOnly {
		return fmt.Errorf("copy to %s: %w", dst, model.ErrReadOnly)
	}
	dstTopics, err := dest.client.Topics(ctx, dst)
	if err != nil {
		return err
	}
	if dstTopics[0].Err != nil {
		return fmt.Errorf("%w; create it with kscope topic create %s", dstTopics[0].Err, dst)
	}
	tail, scan, err := rs.open(ctx, source, src, f.search.partitions)
	if err != nil {
		return err
	}
	defer tail.Close()
	c := &copier{dst: dest.client, topic: dst, partitions: int32(len(dstTopics[0].Partitions)),
		keepPartition: f.keepPartition, keepTimestamp: f.keepTimestamp, execute: f.execute}
	return c.transfer(ctx, g, stdout, tail, scan, fmt.Sprintf("kscope copy %s %s", src, dst))
}

// transfer runs the copier over the scan, with a progress line, and says
// how it went: on a stop, where to resume and the command that does.
func (c *copier) transfer(ctx context.Context, g *globals, stdout io.Writer, tail model.RecordStream, scan *model.Scan, again string) error {
	c.total, c.next, c.progress = rangeSize(tail.Started()), startsOf(tail.Started()), progressTo(g.stderr)
	started := time.Now()
	err := c.run(ctx, scan)
	took := time.Since(started)
	c.progress.done()
	summary := c.summary(took, scan.Scanned)
	if err == nil {
		fmt.Fprintln(stdout, summary)
		return nil
	}
	fmt.Fprintf(stdout, "%s; stopped: %s\n", summary, model.Sanitize(causeOf(err)))
	fmt.Fprintf(stdout, "to go on: %s --resume %s (with the same other flags)\n", again, c.resumeText())
	if errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}

func causeOf(err error) string {
	if errors.Is(err, context.Canceled) {
		return "interrupted"
	}
	return err.Error()
}

// copier sends the matching records of a scan to a topic, a batch at a
// time, and keeps where each source partition would go on from.
type copier struct {
	dst                          producer
	topic                        string
	partitions                   int32
	keepPartition, keepTimestamp bool
	execute                      bool
	copied, bytes                int64
	total                        int64           // records in the range
	next                         map[int32]int64 // where each source partition goes on from: after what the destination took
	progress                     *progress
	// route, when set, sends each record where it says (a dead letter
	// back to its origin) rather than to topic, and may rewrite its
	// headers; a record it has no destination for stays, counted in left.
	route   func(r *model.Record) (topic string, ok bool)
	left    int64
	byTopic map[string]int64 // records sent, or to send, by destination
}

func (c *copier) run(ctx context.Context, scan *model.Scan) error {
	if model.AllCaught(scan.Started()) {
		return nil
	}
	for {
		b, err := scan.Next(ctx)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err := c.send(ctx, b.Records); err != nil {
			return err
		}
		for _, p := range b.Positions {
			c.next[p.Partition] = p.Next
		}
		c.progress.show(c.copied, c.bytes, scan.Scanned, c.total, c.execute)
		switch {
		case errors.Is(err, model.ErrTopicGone):
			return err
		case model.AllCaught(b.Positions):
			return nil
		}
	}
}

// send copies a batch's matches; a dry run only counts them. When the
// destination refuses a record, each source partition goes on from after
// its last record the destination took: an idempotent producer fails the
// rest of a partition after a failure, so nothing is sent twice on resume.
func (c *copier) send(ctx context.Context, records []model.Record) error {
	out := make([]model.Record, 0, len(records))
	from := make([]model.Position, 0, len(records)) // each record's source partition, and where it goes on from after it
	sizes := make([]int64, 0, len(records))
	for _, r := range records {
		topic := c.topic
		if c.route != nil {
			var ok bool
			if topic, ok = c.route(&r); !ok {
				c.left++
				continue
			}
		}
		sent, err := resend(&r, topic, c.partitions, c.keepPartition, c.keepTimestamp)
		if err != nil {
			return err
		}
		size := int64(len(r.Key) + len(r.Value))
		for _, h := range r.Headers {
			size += int64(len(h.Key) + len(h.Value))
		}
		from = append(from, model.Position{Partition: r.Partition, Next: r.Offset + 1})
		sizes, out = append(sizes, size), append(out, sent)
	}
	if !c.execute {
		for i, size := range sizes {
			c.took(out[i].Topic, size)
		}
		return nil
	}
	if len(out) == 0 {
		return nil
	}
	results, err := c.dst.Produce(ctx, out)
	if err != nil {
		return err
	}
	var failed error
	for i, r := range results {
		if r.Err != nil {
			failed = cmp.Or(failed, r.Err)
			continue
		}
		p := from[i].Partition
		c.next[p] = max(c.next[p], from[i].Next)
		c.took(out[i].Topic, sizes[i])
	}
	return failed
}

// took counts a record sent, or to send, to topic.
func (c *copier) took(topic string, size int64) {
	c.copied, c.bytes = c.copied+1, c.bytes+size
	if c.byTopic == nil {
		c.byTopic = map[string]int64{}
	}
	c.byTopic[topic]++
}

// destinations says where the records went: the topic, or for a redrive
// each origin with its count, and what was left without one.
func (c *copier) destinations() string {
	if c.route == nil {
		return c.topic
	}
	topics := slices.Sorted(maps.Keys(c.byTopic))
	parts := make([]string, len(topics))
	for i, t := range topics {
		parts[i] = fmt.Sprintf("%s (%s)", model.Sanitize(t), model.Count(c.byTopic[t]))
	}
	s := "their origins"
	if len(parts) > 0 {
		s += ": " + strings.Join(parts, ", ")
	}
	if c.left > 0 {
		s += fmt.Sprintf("; %s without an origin header left where they are", model.Plural(int(c.left), "record"))
	}
	return s
}

func (c *copier) summary(took time.Duration, scanned int64) string {
	verb := "copied"
	if !c.execute {
		verb = "would copy"
	}
	s := fmt.Sprintf("%s %s (%s) of %s scanned to %s", verb, model.Plural(int(c.copied), "record"), model.FormatIEC(c.bytes),
		model.Count(scanned), c.destinations())
	if c.execute && took > 0 {
		s += fmt.Sprintf(" in %s, %s records/s", took.Round(time.Millisecond), model.Count(int64(float64(c.copied)/took.Seconds())))
	}
	if !c.execute {
		s += "; nothing is copied without --execute"
	}
	return s
}

// resumeText is where each partition goes on from: "0:123,1:456".
func (c *copier) resumeText() string {
	ps := slices.Sorted(maps.Keys(c.next))
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = fmt.Sprintf("%d:%d", p, c.next[p])
	}
	return strings.Join(parts, ",")
}

func startsOf(ps []model.Position) map[int32]int64 {
	out := make(map[int32]int64, len(ps))
	for _, p := range ps {
		out[p.Partition] = p.Next
	}
	return out
}

// rangeSize is how many records the range holds, for the progress.
func rangeSize(ps []model.Position) int64 {
	var n int64
	for _, p := range ps {
		n += max(p.StartHigh-p.Next, 0)
	}
	return n
}

// progress is a line on a terminal's stderr, redrawn at most four times a
// second: records, bytes, rate and time left. Not on a pipe or a file.
type progress struct {
	w       io.Writer
	started time.Time
	last    time.Time
	drawn   bool
}

func progressTo(w io.Writer) *progress {
	if f, ok := w.(*os.File); ok {
		if info, err := f.Stat(); err == nil && info.Mode()&os.ModeCharDevice != 0 {
			return &progress{w: w, started: time.Now()}
		}
	}
	return &progress{}
}

func (p *progress) show(copied, bytes, scanned, total int64, execute bool) {
	if p.w == nil || time.Since(p.last) < 250*time.Millisecond {
		return
	}
	p.last, p.drawn = time.Now(), true
	elapsed := time.Since(p.started).Seconds()
	rate := float64(scanned) / max(elapsed, 0.001)
	eta := "-"
	if rate > 0 && total > scanned {
		eta = (time.Duration(float64(total-scanned)/rate) * time.Second).Round(time.Second).String()
	}
	verb := "copied"
	if !execute {
		verb = "counted"
	}
	fmt.Fprintf(p.w, "\r\x1b[K%s %s (%s) · scanned %s of %s · %s/s · %s left", verb, model.Count(copied), model.FormatIEC(bytes),
		model.Count(scanned), model.Count(total), model.Count(int64(rate)), eta)
}

// done ends the progress line, so what follows starts on its own.
func (p *progress) done() {
	if p.drawn {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}
