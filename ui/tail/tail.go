// Package tail is the live tail pane: records as they arrive, in a bounded
// buffer, filterable, pausable, each one openable in full.
package tail

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/detail"
	"github.com/kscope/kscope/ui/pane"
	"github.com/kscope/kscope/ui/table"
)

// Tailer starts tails.
type Tailer interface {
	Tail(ctx context.Context, req model.TailRequest) (model.RecordStream, error)
}

// Decoding chooses how a topic's values are read: the formats the
// connection knows (auto, json, msgpack, raw, and "protobuf MESSAGE" for
// each message of its .proto files), and a choice, applied to the tails
// that follow and remembered where it can be; where says which.
type Decoding interface {
	Choices() []string
	Choose(topic, choice string) (where string, err error)
}

// decodeChosenMsg answers a choice of format.
type decodeChosenMsg struct {
	choice, where string
	err           error
}

// frame is how long a read gathers records into one batch: about one
// frame at 60 fps, so the program gets one message per frame, not per record.
const frame = 16 * time.Millisecond

// prompt is which line of text input, if any, has the keys.
type prompt int

const (
	noPrompt prompt = iota
	filterPrompt
	fromPrompt
	decodePrompt
)

// Model is the tail pane.
type Model struct {
	scope    pane.Scope // each stream's context is a child of the pane's
	common   pane.Common
	tailer   Tailer
	decoding Decoding // nil: formats cannot be chosen
	req      model.TailRequest
	search   *search // set when the pane searches rather than tails

	// the stream
	gen     int
	ctx     context.Context
	cancel  context.CancelFunc
	stream  model.RecordStream
	reading bool      // a read is in flight
	pending *batchMsg // a batch that came while paused
	paused  bool
	ended   bool // the stream cannot go on: its topic is gone, or it never opened
	closed  bool // the pane has left the stack
	err     error
	// unreachable: the root's latest probe of the cluster failed, so
	// "following" would be a lie however quiet the stream is.
	unreachable bool

	// what it read
	buf       *model.Buffer
	marks     marks
	sel       *model.Selection
	seen      int64
	meter     model.RateMeter
	positions []model.Position

	// what the user sees
	cursor        uint64 // the selected record's sequence number
	top           uint64 // the first visible record's sequence number
	follow        bool
	showPositions bool
	prompt        prompt
	input         pane.Prompt
	detail        *detail.Model
	notice        string
	table         table.Model
	width, height int
}

// Columns give way on a narrow screen from the least useful: the header
// count, then the date part of times, the key's width, and times
// altogether; the value keeps its room.
var Columns = []table.Column{
	{Title: "P", Width: 3, Align: table.Right},
	{Title: "OFFSET", Width: 9, Align: table.Right},
	{Title: "TIME", Width: 15, Yield: 2, Min: 8, Drop: 4},
	{Title: "KEY", Width: 14, Yield: 3, Min: 6},
	{Title: "VALUE", Width: 20, Flex: true},
	{Title: "H", Width: 2, Align: table.Right, Yield: 1},
}

// chosen is t showing the columns the user chose, checked before the TUI
// started (ui.CheckColumns).
func chosen(t table.Model, titles []string) table.Model {
	_ = t.Choose(titles)
	return t
}

// timeColumn is where TIME is among the Columns.
const timeColumn = 2

// New makes a tail of req's topic; Init starts it. decoding may be nil.
func New(c pane.Common, tailer Tailer, decoding Decoding, req model.TailRequest) *Model {
	req.Window = frame
	buf := model.NewBuffer(c.Buffer.Records, c.Buffer.Bytes)
	input := pane.NewPrompt(c.Keys.Input, "", "")
	return &Model{
		scope:    c.NewScope(),
		common:   c,
		tailer:   tailer,
		decoding: decoding,
		req:      req,
		buf:      buf,
		marks:    marks{},
		sel:      model.NewSelection(buf, model.Filter{}),
		follow:   true,
		input:    input,
		table:    chosen(table.New(Columns, c.Keys.List, c.TableStyles(), "waiting for records…"), c.Columns["tail"]),
	}
}

// StayAtFirst keeps the selection on the first record read rather than
// following the newest: a tail opened at a group's commit shows the
// record its consumer is stuck on.
func (m *Model) StayAtFirst() { m.follow = false }

func (m *Model) Init() tea.Cmd {
	if m.stream == nil && !m.ended {
		return m.open()
	}
	return nil
}

// KeepsRunning makes the root feed the tail while a dialog covers it.
func (m *Model) KeepsRunning() {}

// Close ends the stream when the pane leaves the stack.
func (m *Model) Close() {
	m.closed = true
	m.stop()
	m.scope.Close()
}

func (m *Model) Title() string {
	t := "tail " + model.Sanitize(m.req.Topic)
	if m.search != nil {
		t = "search " + model.Sanitize(m.req.Topic)
	}
	if m.detail != nil {
		t += " › " + m.detail.Title()
	}
	return t
}

func (m *Model) Capturing() bool {
	return m.prompt != noPrompt || m.detail != nil && m.detail.Capturing()
}

func (m *Model) Bindings() []key.Binding {
	k := m.common.Keys
	if m.detail != nil {
		return append(m.detail.Bindings(), k.Act.Produce)
	}
	keys := []key.Binding{k.List.Open, k.Tail.Pause, k.List.Filter, k.Tail.From, k.Tail.Follow, k.Tail.Positions, k.Tail.Save, k.Act.Produce, k.Tail.Uncommitted, k.Topics.Search}
	if m.decoding != nil {
		keys = append(keys, k.Tail.Decode)
	}
	return append(keys, k.Tail.Mark, k.Tail.MarkAll, k.Tail.Send)
}

// Click selects the record on line y, leaving follow, as ↑ would; a
// click on the record already selected (not merely the newest, followed)
// opens it.
func (m *Model) Click(y int) table.Clicked {
	top := 1 // the info line
	if m.showPositions {
		top += m.positionLines()
	}
	if m.detail != nil {
		return table.Missed
	}
	clicked := m.table.Click(y - top)
	if clicked == table.Missed {
		return table.Missed
	}
	row, _ := m.table.Selected()
	seq, err := strconv.ParseUint(row.Key, 10, 64)
	if err != nil {
		return table.Missed
	}
	if m.follow {
		clicked = table.Selected // following, the newest is not chosen yet
	}
	m.cursor, m.follow = seq, false
	m.refresh()
	return clicked
}

// CloseOverlay closes the record view, if one is open.
func (m *Model) CloseOverlay() bool {
	if m.detail == nil {
		return false
	}
	m.detail = nil
	m.refresh()
	return true
}

// Holding says what a paused or filtered tail holds, which quitting or
// leaving it would lose.
func (m *Model) Holding() string {
	if m.search != nil {
		return m.searchHolding()
	}
	f := m.sel.Filter()
	if m.buf.Len() == 0 || !m.paused && f.Empty() {
		return ""
	}
	var parts []string
	if m.paused {
		parts = append(parts, "paused")
	}
	parts = append(parts, model.Plural(m.buf.Len(), "record"))
	if !f.Empty() {
		parts = append(parts, "filter "+strconv.Quote(f.String()))
	}
	return strings.Join(parts, ", ")
}

// Back closes the record view, else clears the filter.
func (m *Model) Back() bool {
	switch {
	case m.detail != nil:
		m.detail = nil
	case !m.sel.Filter().Empty():
		m.setFilter(model.Filter{})
	default:
		return false
	}
	m.refresh()
	return true
}

func (m *Model) SetSize(width, height int) {
	m.width, m.height = width, height
	m.input.SetWidth(width - 10)
	if m.detail != nil {
		m.detail.SetSize(width, height)
	}
	m.refresh()
}

func (m *Model) Update(msg tea.Msg) tea.Cmd {
	if cmd, ok := m.updateStream(msg); ok {
		return cmd
	}
	switch msg := msg.(type) {
	case savedMsg:
		m.notice = msg.String()
		m.refresh() // the notice takes a line from the list
		return nil
	case decodeChosenMsg:
		return m.decodeChosen(msg)
	case pane.ClusterMsg:
		// A read waiting on a dead cluster just waits: the root's probe is
		// what knows the cluster is gone.
		m.unreachable = msg.Err != nil
		return nil
	case tea.KeyPressMsg:
		m.notice = ""
		var cmd tea.Cmd
		switch {
		case m.prompt != noPrompt:
			cmd = m.updatePrompt(msg)
		case m.detail != nil:
			cmd = m.updateDetail(msg)
		default:
			cmd = m.updateKey(msg)
		}
		m.refresh()
		return cmd
	}
	if m.detail != nil {
		return m.detail.Update(msg)
	}
	return nil
}

func (m *Model) updateKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.common.Keys
	switch {
	case key.Matches(msg, k.Tail.Pause):
		return m.togglePause()
	case key.Matches(msg, k.List.Filter):
		return m.ask(filterPrompt, "/", m.sel.Filter().String())
	case key.Matches(msg, k.Tail.From):
		return m.ask(fromPrompt, "from: ", "")
	case key.Matches(msg, k.Topics.Search):
		return pane.Cmd(pane.PromptMsg{Text: "search " + m.req.Topic + " "})
	case key.Matches(msg, k.Tail.Decode) && m.decoding != nil:
		m.input.Suggest(m.decoding.Choices())
		return m.ask(decodePrompt, "decode values as (tab completes): ", "")
	case key.Matches(msg, k.Tail.Follow, k.List.Bottom):
		m.follow = true
	case key.Matches(msg, k.Tail.Positions):
		m.showPositions = !m.showPositions
	case key.Matches(msg, k.Tail.Save):
		if records := m.marked(); len(records) > 0 {
			return m.save(records)
		}
		return m.saveMatching()
	case key.Matches(msg, k.Tail.Mark):
		m.toggleMark()
	case key.Matches(msg, k.Tail.MarkAll):
		m.markAll()
	case key.Matches(msg, k.Tail.Send):
		return m.sendMarked()
	case key.Matches(msg, k.Tail.Uncommitted):
		// The other isolation level reads other records: start again.
		m.req.Uncommitted = !m.req.Uncommitted
		m.stop()
		m.restart(m.req.Start)
		return m.open()
	case key.Matches(msg, k.List.Open):
		return m.openDetail()
	case key.Matches(msg, k.Act.Produce):
		return pane.Cmd(pane.ActMsg{Action: pane.Produce, Topic: m.req.Topic})
	default:
		m.move(msg)
	}
	return nil
}

// move moves the cursor by the list keys. Moving leaves follow mode;
// arriving on the newest record takes it up again.
func (m *Model) move(msg tea.KeyPressMsg) {
	n := m.sel.Len()
	if n == 0 {
		return
	}
	k := m.common.Keys.List
	i := m.index()
	page := max(m.listHeight()-2, 1)
	switch {
	case key.Matches(msg, k.Up):
		i--
	case key.Matches(msg, k.Down):
		i++
	case key.Matches(msg, k.PageUp):
		i -= page
	case key.Matches(msg, k.PageDown):
		i += page
	case key.Matches(msg, k.Top):
		i = 0
	default:
		return
	}
	i = max(0, min(i, n-1))
	m.cursor = m.sel.At(i)
	m.follow = i == n-1
}

func (m *Model) togglePause() tea.Cmd {
	m.paused = !m.paused
	if m.paused {
		return nil
	}
	if p := m.pending; p != nil {
		m.pending = nil
		return m.take(*p)
	}
	return m.next()
}

func (m *Model) ask(p prompt, label, value string) tea.Cmd {
	m.prompt = p
	m.input.SetLabel(label)
	return m.input.Open(value)
}

// updatePrompt edits the filter (applied as it is typed) or the start
// position (applied on enter). Esc drops the filter, as the lists' filter
// does, and leaves the rest as they were; enter keeps a filter only if
// it is whole (not "~(" half typed).
func (m *Model) updatePrompt(msg tea.KeyPressMsg) tea.Cmd {
	if key.Matches(msg, m.common.Keys.Input.Submit) {
		if _, err := model.ParseFilter(m.input.Value()); m.prompt == filterPrompt && err != nil {
			m.notice = err.Error() // the prompt stays, to mend it or esc
			return nil
		}
	}
	ended, cmd := m.input.Update(msg)
	switch ended {
	case pane.Cancelled:
		if m.prompt == filterPrompt {
			m.setFilter(model.Filter{})
			m.notice = ""
		}
		m.endPrompt()
		return nil
	case pane.Submitted:
		return m.submitPrompt()
	}
	if m.prompt == filterPrompt {
		if f, err := model.ParseFilter(m.input.Value()); err == nil {
			m.setFilter(f)
			m.notice = ""
		} else {
			m.notice = err.Error()
		}
	}
	return cmd
}

func (m *Model) submitPrompt() tea.Cmd {
	value := m.input.Value()
	switch m.prompt {
	case fromPrompt:
		start, err := model.ParseStart(value, m.common.Zone.Now(m.common.Now))
		if err != nil {
			m.notice = err.Error()
			return m.input.Open(value) // to mend it, or esc
		}
		m.restart(start)
		m.endPrompt()
		return m.open()
	case decodePrompt:
		m.endPrompt()
		// Saving the choice writes the config file: off the event loop.
		decoding, topic := m.decoding, m.req.Topic
		return func() tea.Msg {
			where, err := decoding.Choose(topic, value)
			return decodeChosenMsg{choice: value, where: where, err: err}
		}
	}
	m.endPrompt()
	return nil
}

func (m *Model) endPrompt() {
	m.prompt = noPrompt
	m.input.Close()
	m.input.Suggest(nil)
}

// decodeChosen reads the topic again, so what is on screen is read the
// chosen way too: from where the tail started, or, for a tail from the
// end, from the time of the oldest record it holds.
func (m *Model) decodeChosen(msg decodeChosenMsg) tea.Cmd {
	if msg.err != nil {
		m.notice = msg.err.Error()
		m.refresh()
		return nil
	}
	if m.closed {
		return nil
	}
	start := m.req.Start
	if oldest, ok := m.buf.Get(m.buf.First()); ok && start.Kind == model.FromEnd {
		start = model.Start{Kind: model.FromTime, Time: oldest.Time()}
	}
	m.stop()
	m.restart(start)
	m.notice = fmt.Sprintf("values of %s now read as %s; %s", model.Sanitize(m.req.Topic), model.Sanitize(msg.choice), model.Sanitize(msg.where))
	m.refresh()
	return m.open()
}

// restart empties the buffer for a tail from a new position.
func (m *Model) restart(start model.Start) {
	m.req.Start = start
	m.buf = model.NewBuffer(m.common.Buffer.Records, m.common.Buffer.Bytes)
	m.sel = model.NewSelection(m.buf, m.sel.Filter())
	m.seen, m.meter, m.positions = 0, model.RateMeter{}, nil
	m.ended, m.err, m.paused, m.follow = false, nil, false, true
	m.refresh()
}

func (m *Model) setFilter(f model.Filter) {
	m.sel = model.NewSelection(m.buf, f)
}

func (m *Model) openDetail() tea.Cmd {
	r, ok := m.buf.Get(m.cursor)
	if !ok || m.sel.Len() == 0 || m.cursorDropped() {
		return nil // never another record than the one selected
	}
	m.detail = detail.New(m.common, *r)
	m.detail.SetSize(m.width, m.height)
	return m.detail.Init()
}

func (m *Model) updateDetail(msg tea.KeyPressMsg) tea.Cmd {
	r := m.detail.Record()
	switch {
	case m.detail.Capturing():
	case key.Matches(msg, m.common.Keys.Record.Save):
		return m.save([]model.Record{r})
	case key.Matches(msg, m.common.Keys.Act.Produce):
		// Send this record again, to be edited first.
		return pane.Cmd(pane.ActMsg{Action: pane.Produce, Topic: r.Topic, Record: &r})
	}
	return m.detail.Update(msg)
}
