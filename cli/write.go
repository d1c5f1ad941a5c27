package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/kscope/kscope/engine"
	"github.com/kscope/kscope/model"
)

// stopSignals end a copy or redrive cleanly, its journal saved and its
// resume printed: ctrl+c, kill, and a closed terminal or dropped ssh
// session (SIGHUP), which would otherwise kill it mid-batch.
var stopSignals = []os.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP}

// write is a copy or a redrive as the command line runs it: the use case,
// where it sends, and the command that runs it again.
type write struct {
	job   engine.Job
	copy  *engine.Copy
	dest  destination
	again string // "kscope copy SRC DST", for the line that says how to go on
	// unsendable are the topics a redrive's records would go back to that
	// the cluster cannot take them for, with why.
	unsendable map[string]error
}

// destination is what a write sends to and checks its topics on.
type destination interface {
	engine.Producer
	engine.TopicLister
}

// run begins the write (fresh, resumed, journaled), scans the range,
// shows progress, and says how it went: on a stop, exactly where to
// resume, and the error that stopped it.
func (w write) run(ctx context.Context, g *globals, stdout io.Writer, source *connection, rs engine.Range, resume resumeFlags, execute bool) error {
	dir, err := engine.JournalDir()
	if err != nil {
		fmt.Fprintf(g.stderr, "kscope: note: %v\n", err)
	}
	begin, err := engine.Begin(dir, w.job, resume.from, resume.restart, execute)
	if err != nil {
		return err
	}
	for _, n := range begin.Notes {
		fmt.Fprintf(g.stderr, "kscope: note: %s\n", model.Sanitize(n))
	}
	if w.copy.Route != nil && execute {
		if err := engine.CheckOrigins(ctx, source.client, rs, begin.Resume, w.copy.Route, w.dest); err != nil {
			return err
		}
	}
	tail, scan, err := rs.Open(ctx, source.client, model.TailRequest{Raw: true}, begin.Resume)
	if err != nil {
		return err
	}
	defer tail.Close()
	ledger := begin.Resume
	if ledger == nil {
		ledger = engine.NewLedger(engine.Starts(tail.Started()))
	}
	c := w.copy
	c.Journal = begin.Journal
	if execute {
		c.Sender = engine.NewSender(w.dest, ledger)
		c.Sender.Patience = g.timeout
	}
	progress, total := progressTo(g.stderr), rangeSize(tail.Started())
	c.Progress = func(c *engine.Copy) { progress.show(c.Copied, c.Bytes, c.Scanned, total, execute) }
	started := time.Now()
	err = c.Run(ctx, scan, ledger)
	took := time.Since(started)
	progress.done()
	if w.copy.Route != nil && !execute && err == nil {
		// The preview says which origins could not take their records.
		if w.unsendable, err = engine.Unsendable(ctx, w.dest, slices.Sorted(maps.Keys(c.ByTopic))); err != nil {
			return err
		}
	}
	summary := w.summary(took, execute)
	if err == nil {
		fmt.Fprintln(stdout, summary)
		if c.Journal != nil {
			return c.Journal.Finish()
		}
		return nil
	}
	fmt.Fprintf(stdout, "%s; stopped: %s\n", summary, model.Sanitize(causeOf(err)))
	from := ledger.String()
	if c.Journal != nil {
		from = c.Journal.ID
	}
	fmt.Fprintf(stdout, "to go on: %s --resume %s (with the same other flags)\n", w.again, from)
	if errors.Is(err, context.Canceled) {
		return fmt.Errorf("%s interrupted", w.job.Kind)
	}
	return err
}

func causeOf(err error) string {
	if errors.Is(err, context.Canceled) {
		return "interrupted"
	}
	return err.Error()
}

// destinations says where the records went: the topic, or for a redrive
// each origin with its count, and what was left without one.
func (w write) destinations() string {
	c := w.copy
	if c.Route == nil {
		return model.Sanitize(c.Topic)
	}
	topics := slices.Sorted(maps.Keys(c.ByTopic))
	parts := make([]string, len(topics))
	for i, t := range topics {
		parts[i] = fmt.Sprintf("%s (%s)", model.Sanitize(t), model.Count(c.ByTopic[t]))
		if why := w.unsendable[t]; why != nil {
			parts[i] = fmt.Sprintf("%s (%s, which it cannot take: %s)", model.Sanitize(t), model.Count(c.ByTopic[t]), model.Sanitize(why.Error()))
		}
	}
	s := "their origins"
	if len(parts) > 0 {
		s += ": " + strings.Join(parts, ", ")
	}
	if c.Left > 0 {
		s += fmt.Sprintf("; %s without an origin header left where they are", model.Plural(c.Left, "record"))
	}
	return s
}

func (w write) summary(took time.Duration, execute bool) string {
	c := w.copy
	verb := "copied"
	if !execute {
		verb = "would copy"
	}
	s := fmt.Sprintf("%s %s (%s) of %s scanned to %s", verb, model.Plural(c.Copied, "record"), model.FormatIEC(c.Bytes),
		model.Count(c.Scanned), w.destinations())
	if execute && took > 0 {
		s += fmt.Sprintf(" in %s, %s records/s", took.Round(time.Millisecond), model.Count(int64(float64(c.Copied)/took.Seconds())))
	}
	if c.Skipped > 0 {
		s += fmt.Sprintf("; %s sent by the last run not sent again", model.Plural(c.Skipped, "record"))
	}
	if c.Gaps > 0 {
		s += fmt.Sprintf("; %s held no committed record (transaction markers, aborted records, or compacted away), so nothing of them was copied", model.Plural(c.Gaps, "offset"))
	}
	if !execute {
		s += "; nothing is copied without --execute"
	}
	return s
}

// rangeSize is how many records the range holds, for the progress.
func rangeSize(ps []model.Position) int64 {
	var n int64
	for _, p := range ps {
		n += max(p.StartHigh-p.Next, 0)
	}
	return n
}
