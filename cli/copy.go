package cli

import (
	"context"
	"fmt"
	"io"
	"os/signal"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/kscope/kscope/engine"
	"github.com/kscope/kscope/model"
)

type copyFlags struct {
	search                       searchFlags
	toContext                    string
	keepPartition, keepTimestamp bool
	execute                      bool
	resume                       resumeFlags
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
order per partition, a batch at a time; a refusal Kafka calls retriable
(a leader moving) is sent again within --timeout. Refused in read-only
mode, and from a topic the context masks (the bytes go unmasked) unless
its masking says allow_raw: true.

Interrupted any way (ctrl+c, a closed terminal, a broker failing, kill -9),
it resumes exactly: no record missing, none sent twice. It journals where
it is under $XDG_STATE_HOME/kscope/writes as it goes, and prints the
--resume ID that goes on from there (or --resume P:OFFSET+SENT,... as
printed). A new copy of the same topics is refused while one is
unfinished: --resume it, or --restart.`,
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

// resumeFlags say how a copy or redrive begins.
type resumeFlags struct {
	from    string // --resume: a journal's id, or offsets
	restart bool   // --restart: drop an unfinished run's journal
}

// rangeFlags are the flags copy and redrive read a range of a topic by.
func rangeFlags(fl *pflag.FlagSet, f *searchFlags, resume *resumeFlags, topic string) {
	fl.StringVar(&f.where, "where", "", "an expression the records must satisfy, as kscope search takes")
	fl.StringVar(&f.filter, "filter", "", "a substring, or ~regex, of key, value or a header value")
	fl.Int32SliceVarP(&f.partitions, "partition", "p", nil, "read only these partitions of "+topic)
	fl.StringVar(&f.from, "from", "beginning", "where the range starts: beginning, OFFSET, -15m, or an RFC 3339 time")
	fl.StringVar(&f.to, "to", "end", "where the range ends (not included): end, OFFSET, -15m, or an RFC 3339 time")
	fl.StringVar(&resume.from, "resume", "", "go on from where a run stopped: the id it printed, or P:OFFSET,...")
	fl.BoolVar(&resume.restart, "restart", false, "start over, dropping an unfinished run of the same topics")
}

func runCopy(ctx context.Context, g *globals, stdout io.Writer, src, dst string, f copyFlags) error {
	rs, err := f.search.parse(src)
	if err != nil {
		return err
	}
	if src == dst && f.toContext == "" {
		return usagef("copy %s onto itself: name another topic, or --to-context another cluster", src)
	}
	ctx, stop := signal.NotifyContext(ctx, stopSignals...)
	defer stop()

	source, err := g.connect("copying from")
	if err != nil {
		return err
	}
	defer source.close()
	if err := source.masking.Refuse(src, "copy"); err != nil {
		return err
	}
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
		return withCreateHint(dstTopics[0].Err, dst)
	}
	w := write{
		job:   engine.Job{Kind: "copy", SourceCluster: source.name, Source: src, DestCluster: dest.name, Dest: dst},
		copy:  &engine.Copy{Topic: dst, Partitions: int32(len(dstTopics[0].Partitions)), KeepPartition: f.keepPartition, KeepTimestamp: f.keepTimestamp},
		dest:  dest.client,
		again: fmt.Sprintf("kscope copy %s %s", src, dst),
	}
	return w.run(ctx, g, stdout, source, rs, f.resume, f.execute)
}
