package tail

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/kscope/kscope/keymap"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/pane"
	"github.com/kscope/kscope/ui/table"
)

// maxPositionLines caps the partition panel, so the list keeps most room.
const maxPositionLines = 8

// listHeight is what the info line, the partition panel and the prompt or
// notice line leave for the table, its header included.
func (m *Model) listHeight() int {
	h := m.height - 1
	if m.showPositions {
		h -= m.positionLines()
	}
	if m.prompt != noPrompt || m.notice != "" {
		h--
	}
	return max(h, 0)
}

func (m *Model) positionLines() int {
	return min(len(m.positions), maxPositionLines) + 1
}

// index is the selected record's place among the matches.
func (m *Model) index() int {
	return min(m.sel.Search(m.cursor), m.sel.Len()-1)
}

// refresh puts the visible matches, and only those, into the table: the
// cost is the screen's height, not the buffer's size.
func (m *Model) refresh() {
	height := m.listHeight()
	m.table.SetSize(m.width, height)
	if !m.sel.Filter().Empty() {
		m.table.SetEmpty(fmt.Sprintf("no buffered record matches %q", m.sel.Filter()))
	} else if m.ended && m.err != nil {
		m.table.SetEmpty("cannot tail: " + m.err.Error())
	} else if s := m.search; s != nil && s.done {
		m.table.SetEmpty("nothing in the range matches")
	} else if s != nil {
		m.table.SetEmpty("no match yet…")
	} else {
		m.table.SetEmpty("waiting for records… (f starts from elsewhere, e.g. beginning)")
	}
	n, rowsShown := m.sel.Len(), max(height-1, 1)
	if n == 0 {
		m.table.SetRows(nil)
		return
	}
	i := m.index()
	if m.follow {
		i = n - 1
	}
	top := m.sel.Search(m.top)
	if m.follow {
		top = n - rowsShown
	}
	top = max(min(top, i), i-rowsShown+1)
	top = max(0, min(top, n-rowsShown))
	if !m.cursorDropped() {
		m.cursor = m.sel.At(i)
	}
	m.top = m.sel.At(top)

	valueWidth := max(m.width-40, 20)
	now := m.common.Now()
	m.table.SetTitle(timeColumn, "TIME "+m.common.Zone.Name(now))
	clock := recordClock{loc: m.common.Zone.Location(), now: now, width: m.table.Width(timeColumn)}
	rows := make([]table.Row, 0, rowsShown)
	for j := top; j < min(top+rowsShown, n); j++ {
		seq := m.sel.At(j)
		r, _ := m.buf.Get(seq)
		row := m.row(seq, r, valueWidth, clock)
		if _, ok := m.marks[seq]; ok {
			row.Cells[0] = "+" + row.Cells[0] // marked
		}
		rows = append(rows, row)
	}
	m.table.SetRows(rows)
	m.table.SetCursor(i - top)
	if m.cursorDropped() {
		m.table.Unselect() // what was selected is gone: select nothing else in its place
	}
}

// cursorDropped reports whether the record the reader had selected was
// evicted while they read: sequence numbers are never reused, so it is
// older than the oldest held.
func (m *Model) cursorDropped() bool {
	return !m.follow && m.buf.Len() > 0 && m.cursor < m.buf.First()
}

// recordClock writes a record's time as its column has room for, in the
// zone shown: today's to the millisecond, another day's with its date,
// and on a narrow screen the time of day alone.
type recordClock struct {
	loc   *time.Location
	now   time.Time
	width int
}

func (c recordClock) format(t time.Time) string {
	t = t.In(c.loc)
	y, m, d := t.Date()
	ny, nm, nd := c.now.In(c.loc).Date()
	today := y == ny && m == nm && d == nd
	switch {
	case c.width < 12:
		return t.Format("15:04:05")
	case today:
		return t.Format("15:04:05.000")
	case c.width < 15:
		return t.Format("Jan 02 15:04")
	}
	return t.Format("Jan 02 15:04:05")
}

func (m *Model) row(seq uint64, r *model.Record, valueWidth int, clock recordClock) table.Row {
	row := table.Row{
		Key: strconv.FormatUint(seq, 10),
		Cells: []string{
			strconv.Itoa(int(r.Partition)),
			strconv.FormatInt(r.Offset, 10),
			clock.format(r.Time()),
			model.Preview(r.ShownKey(), 14),
			model.Preview(r.ShownValue(), valueWidth),
			strconv.Itoa(len(r.Headers)),
		},
	}
	switch r.Txn {
	case model.TxnAborted:
		row.Cells[4] = model.Preview(append([]byte("[aborted] "), r.ShownValue()...), valueWidth)
		row.Tone = table.Muted
	case model.TxnOpen:
		row.Cells[4] = model.Preview(append([]byte("[open txn] "), r.ShownValue()...), valueWidth)
	}
	if r.Value == nil {
		row.Tone = table.Muted // a tombstone
	}
	return row
}

func (m *Model) View() string {
	if m.detail != nil {
		return m.detail.View()
	}
	parts := []string{pane.Fit(m.infoLine(), m.width)}
	if m.showPositions {
		parts = append(parts, m.positionsView())
	}
	parts = append(parts, m.table.View())
	switch {
	case m.prompt != noPrompt && m.notice != "":
		// The input pads itself to its width, so the error goes first.
		parts = append(parts, pane.Fit(m.common.Theme.Warn.Render(model.Sanitize(m.notice))+"  "+m.input.View(), m.width))
	case m.prompt != noPrompt:
		parts = append(parts, m.input.View())
	case m.notice != "":
		parts = append(parts, pane.Fit(m.common.Theme.Warn.Render(model.Sanitize(m.notice)), m.width))
	}
	return strings.Join(parts, "\n")
}

// infoLine says what the tail is doing: where it started, whether it
// follows, reads or waits, how fast records come, and how many it holds.
func (m *Model) infoLine() string {
	th := m.common.Theme
	dot := th.Muted.Render(" · ")
	if m.search != nil {
		line := m.searchLine()
		if len(m.marks) > 0 {
			line += dot + th.Accent.Render(model.Count(len(m.marks))+" marked")
		}
		return line
	}
	var state string
	switch {
	case m.ended && m.err != nil:
		state = th.Error.Render("✕ " + model.Sanitize(m.err.Error()))
	case m.err != nil:
		state = th.Error.Render("✕ " + model.Sanitize(m.err.Error()) + ", retrying")
	case m.unreachable:
		state = th.Error.Render("✕ cluster unreachable; reading on when it is back")
	case m.paused && m.pending != nil:
		// The read in flight when the pause came: held, not shown, not lost.
		state = th.Warn.Render(fmt.Sprintf("⏸ paused: not reading, %s held; %s resumes", model.Plural(len(m.pending.batch.Records), "record"), keymap.Key(m.common.Keys.Tail.Pause)))
	case m.paused:
		state = th.Warn.Render("⏸ paused: not reading, nothing is lost; " + keymap.Key(m.common.Keys.Tail.Pause) + " resumes")
	case m.stream == nil:
		state = th.Muted.Render("◌ starting")
	case m.follow:
		state = th.OK.Render("● following")
	case m.cursorDropped():
		state = th.Warn.Render(fmt.Sprintf("▲ %s dropped, the selected one too; F follows",
			model.Plural(int(m.buf.First()-m.cursor), "older record")))
	default:
		state = th.Accent.Render("▲ scrolled; F follows")
	}
	facts := []string{
		th.Title.Render(model.Sanitize(m.req.Topic)) + th.Muted.Render(partitionsLabel(m.req.Partitions)),
		th.Muted.Render("from " + m.req.Start.String()),
		state,
	}
	if m.req.Uncommitted {
		facts = append(facts, th.Warn.Render("uncommitted data"))
	}
	facts = append(facts,
		th.Muted.Render(pane.Rate(m.meter.Rate(m.common.Now()))+"/s"),
		th.Muted.Render("seen "+model.Count(m.seen)),
		th.Muted.Render(fmt.Sprintf("buffer %s (%s)", model.Count(m.buf.Len()), pane.Bytes(m.buf.Bytes()))),
	)
	if f := m.sel.Filter(); !f.Empty() {
		facts = append(facts, th.Accent.Render(fmt.Sprintf("%s of %s match %q", model.Count(m.sel.Len()), model.Count(m.buf.Len()), f)))
	}
	if len(m.marks) > 0 {
		facts = append(facts, th.Accent.Render(model.Count(len(m.marks))+" marked"))
	}
	return strings.Join(facts, dot)
}

func partitionsLabel(ps []int32) string {
	if len(ps) == 0 {
		return ""
	}
	return " [" + pane.IDs(ps) + "]"
}

// positionsView lists where the tail is in each partition: the next offset
// it reads, the high watermark, and how far behind it is.
func (m *Model) positionsView() string {
	th := m.common.Theme
	high, behind := "HIGH", "BEHIND"
	if m.search != nil {
		high, behind = "RANGE END", "LEFT" // a search reads to its range's end
	}
	lines := []string{th.TableHeader.Render(pane.Fit(fmt.Sprintf("%5s  %12s  %12s  %10s", "PART", "NEXT", high, behind), m.width))}
	for i, p := range m.positions {
		if i == maxPositionLines-1 && len(m.positions) > maxPositionLines {
			lines = append(lines, th.Muted.Render(fmt.Sprintf("%5s  … and %d more partitions", "", len(m.positions)-i)))
			break
		}
		end, left := p.High, p.Lag()
		if m.search != nil {
			end, left = p.StartHigh, max(p.StartHigh-p.Next, 0)
		}
		lines = append(lines, pane.Fit(fmt.Sprintf("%5d  %12s  %12s  %10s", p.Partition, model.Count(p.Next), model.Count(end), model.Count(left)), m.width))
	}
	return strings.Join(lines, "\n")
}
