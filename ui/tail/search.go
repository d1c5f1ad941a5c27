package tail

import (
	"fmt"
	"strings"
	"time"

	"github.com/kscope/kscope/keymap"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/pane"
)

// search is what a tail pane that searches keeps besides a tail's state:
// the query, and how far the scan of its range has come.
type search struct {
	query   model.Query
	label   string // the query as typed
	inRange int64  // records the range holds, from the positions it started at
	scanned int64  // records read, matched or not
	began   time.Time
	took    time.Duration
	done    bool
}

// NewSearch makes a search of req's range, to its end when req.Until is
// not set: the tail's list and record view over the records q matches,
// in time order, with the scan's progress above them. Space stops and
// resumes it, keeping what it found; f searches from elsewhere.
func NewSearch(c pane.Common, tailer Tailer, decoding Decoding, req model.TailRequest, q model.Query, label string) *Model {
	if req.Until == nil {
		req.Until = &model.Start{Kind: model.FromEnd}
	}
	if req.Start == (model.Start{}) {
		req.Start = model.Start{Kind: model.FromBeginning}
	}
	m := New(c, tailer, decoding, req)
	m.search = &search{query: q, label: label}
	m.follow = false
	return m
}

// started notes the range the scan covers, once its stream is open.
func (s *search) started(positions []model.Position, now time.Time) {
	s.inRange, s.scanned, s.began, s.took = 0, 0, now, 0
	for _, p := range positions {
		s.inRange += max(p.StartHigh-p.Next, 0)
	}
	s.done = model.AllCaught(positions)
}

// read counts a batch, and reports whether the range is all read.
func (s *search) read(b model.Batch, now time.Time) bool {
	s.scanned += int64(b.Scanned)
	if !s.done && b.Positions != nil && model.AllCaught(b.Positions) {
		s.done, s.took = true, now.Sub(s.began)
	}
	return s.done
}

// line says how the search goes: scanned of the range, rate, time left and
// matches; once done, what it scanned, as the CLI's summary does.
func (m *Model) searchLine() string {
	s, th := m.search, m.common.Theme
	dot := th.Muted.Render(" · ")
	head := th.Title.Render("search "+model.Sanitize(m.req.Topic)) + th.Muted.Render(partitionsLabel(m.req.Partitions)) +
		dot + th.Accent.Render(model.Sanitize(s.label))
	matches := model.Plural(m.seen, "match")
	if s.done {
		line := head + dot + th.OK.Render(fmt.Sprintf("✓ %s; scanned %s records in %s%s, %.1f s",
			matches, model.Count(s.scanned), model.Plural(len(m.positions), "partition"), rangeLabel(m.positions), s.took.Seconds()))
		if missed := model.MissedLine(m.positions); missed != "" {
			line += dot + th.Warn.Render("not scanned: "+model.Sanitize(missed))
		}
		if why := m.common.Masking.Explain(m.req.Topic, s.query); why != "" {
			line += dot + th.Warn.Render(model.Sanitize(why))
		}
		return line
	}
	percent := 100.0
	if s.inRange > 0 {
		percent = float64(s.scanned) * 100 / float64(s.inRange)
	}
	rate := 0.0 // records a second since the scan began: steady enough for an ETA
	if elapsed := m.common.Now().Sub(s.began).Seconds(); elapsed > 0 {
		rate = float64(s.scanned) / elapsed
	}
	progress := fmt.Sprintf("%s %s of %s records (%.0f%%)", bar(percent, 10), model.Count(s.scanned), model.Count(s.inRange), percent)
	facts := []string{head, th.Muted.Render(progress), th.Muted.Render(pane.Rate(rate) + "/s")}
	if left := s.inRange - s.scanned; rate > 0 && left > 0 {
		facts = append(facts, th.Muted.Render("ETA "+(time.Duration(float64(left)/rate)*time.Second).Round(time.Second).String()))
	}
	facts = append(facts, th.Accent.Render(matches))
	if m.paused {
		facts = append(facts, th.Warn.Render("⏸ stopped, keeping what it found; "+keymap.Key(m.common.Keys.Tail.Pause)+" resumes"))
	}
	if m.err != nil {
		facts = append(facts, th.Error.Render("✕ "+model.Sanitize(m.err.Error())))
	}
	return strings.Join(facts, dot)
}

// searchHolding is what leaving a search loses: a scan under way, or
// the matches it found (a search that found nothing holds nothing).
func (m *Model) searchHolding() string {
	s := m.search
	switch {
	case !s.done:
		return fmt.Sprintf("a search under way, %s of %s records scanned, %s found", model.Count(s.scanned), model.Count(s.inRange), model.Plural(m.seen, "match"))
	case m.seen > 0:
		return model.Plural(m.seen, "match") + " found"
	}
	return ""
}

// bar draws a progress bar of width cells.
func bar(percent float64, width int) string {
	full := min(int(percent*float64(width)/100), width)
	return "[" + strings.Repeat("█", full) + strings.Repeat("·", width-full) + "]"
}

// rangeLabel lists the offsets scanned, for a few partitions.
func rangeLabel(ps []model.Position) string {
	if len(ps) == 0 || len(ps) > 4 {
		return ""
	}
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = fmt.Sprintf("%d: to %s", p.Partition, model.Count(p.StartHigh))
	}
	return " (" + strings.Join(parts, ", ") + ")"
}
