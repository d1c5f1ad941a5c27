package engine

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/kscope/kscope/model"
)

// Destination is what a write sends to and checks its topics on.
type Destination interface {
	Producer
	TopicLister
}

// Write is a copy or a redrive as a front end runs it: begun (fresh,
// resumed from a journal or offsets, journaled), the range scanned, its
// records sent (or, as a dry run, counted), and said.
type Write struct {
	Job    Job
	Copy   *Copy
	Source Tailer
	Dest   Destination
	Range  Range
	// Resume is a journal's id or offsets to go on from; Restart drops
	// an unfinished run of the same job.
	Resume  string
	Restart bool
	Execute bool // else a dry run: counts, sends nothing
	// Patience is how long refusals Kafka calls retriable are sent again.
	Patience   time.Duration
	JournalDir string // "" keeps no journal
	// Note, when set, is told what the user should know before it starts.
	Note func(string)
	// Progress, when set, is told of the copy as it goes, with how many
	// records the range holds.
	Progress func(c *Copy, total int64)
}

// Outcome is what a write did.
type Outcome struct {
	// Summary says what was copied or would be, where to, and what was
	// not: "" when the write failed before it began.
	Summary string
	// ResumeFrom, for a write that stopped, is what --resume takes to go
	// on exactly where it stopped: its journal's id, or offsets.
	ResumeFrom string
}

// Run runs the write. A write that stops partway returns its error with
// an Outcome that says what it did and where to go on from.
func (w *Write) Run(ctx context.Context) (Outcome, error) {
	begin, err := Begin(w.JournalDir, w.Job, w.Resume, w.Restart, w.Execute)
	if err != nil {
		return Outcome{}, err
	}
	for _, n := range begin.Notes {
		if w.Note != nil {
			w.Note(n)
		}
	}
	c := w.Copy
	if c.Route != nil && w.Execute {
		if err := CheckOrigins(ctx, w.Source, w.Range, begin.Resume, c.Route, w.Dest); err != nil {
			return Outcome{}, err
		}
	}
	tail, scan, err := w.Range.Open(ctx, w.Source, model.TailRequest{Raw: true}, begin.Resume)
	if err != nil {
		return Outcome{}, err
	}
	defer tail.Close()
	ledger := begin.Resume
	if ledger == nil {
		ledger = NewLedger(Starts(tail.Started()))
	}
	c.Journal = begin.Journal
	if w.Execute {
		c.Sender = NewSender(w.Dest, ledger)
		c.Sender.Patience = w.Patience
	}
	if w.Progress != nil {
		total := rangeSize(tail.Started())
		c.Progress = func(c *Copy) { w.Progress(c, total) }
	}
	started := time.Now()
	err = c.Run(ctx, scan, ledger)
	took := time.Since(started)
	var unsendable map[string]error
	if c.Route != nil && !w.Execute && err == nil {
		// The preview says which origins could not take their records.
		if unsendable, err = Unsendable(ctx, w.Dest, slices.Sorted(maps.Keys(c.ByTopic))); err != nil {
			return Outcome{}, err
		}
	}
	out := Outcome{Summary: w.summary(took, unsendable)}
	if err == nil {
		if c.Journal != nil {
			return out, c.Journal.Finish()
		}
		return out, nil
	}
	out.ResumeFrom = ledger.String()
	if c.Journal != nil {
		out.ResumeFrom = c.Journal.ID
	}
	return out, err
}

// rangeSize is how many records the range holds, for the progress.
func rangeSize(ps []model.Position) int64 {
	var n int64
	for _, p := range ps {
		n += max(p.StartHigh-p.Next, 0)
	}
	return n
}

// destinations says where the records went: the topic, or for a redrive
// each origin with its count, and what was left without one.
func (w *Write) destinations(unsendable map[string]error) string {
	c := w.Copy
	if c.Route == nil {
		return model.Sanitize(c.Topic)
	}
	topics := slices.Sorted(maps.Keys(c.ByTopic))
	parts := make([]string, len(topics))
	for i, t := range topics {
		parts[i] = fmt.Sprintf("%s (%s)", model.Sanitize(t), model.Count(c.ByTopic[t]))
		if why := unsendable[t]; why != nil {
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

func (w *Write) summary(took time.Duration, unsendable map[string]error) string {
	c := w.Copy
	verb := "copied"
	if !w.Execute {
		verb = "would copy"
	}
	s := fmt.Sprintf("%s %s (%s) of %s scanned to %s", verb, model.Plural(c.Copied, "record"), model.FormatIEC(c.Bytes),
		model.Count(c.Scanned), w.destinations(unsendable))
	if w.Execute && took > 0 {
		s += fmt.Sprintf(" in %s, %s records/s", took.Round(time.Millisecond), model.Count(int64(float64(c.Copied)/took.Seconds())))
	}
	if c.Skipped > 0 {
		s += fmt.Sprintf("; %s sent by the last run not sent again", model.Plural(c.Skipped, "record"))
	}
	if c.Gaps > 0 {
		s += fmt.Sprintf("; %s held no committed record (transaction markers, aborted records, or compacted away), so nothing of them was copied", model.Plural(c.Gaps, "offset"))
	}
	return s
}
