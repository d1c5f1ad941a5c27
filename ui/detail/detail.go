// Package detail shows one record whole: its metadata, headers, key and
// value, pretty-printed and coloured for JSON, as text, or as a hex dump.
package detail

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/pane"
	"github.com/kscope/kscope/ui/theme"
)

// Model is the detail view of one record. Its lines are built once, off
// the event loop, as plain text; JSON is coloured as lines come into view,
// so a value of megabytes costs a screenful to draw, not its size.
type Model struct {
	common  pane.Common
	record  model.Record
	body    *body // nil until built
	y, x    int   // the first line and column shown (a screen line, when wrapping)
	width   int
	height  int
	input   pane.FilterInput // the / line
	search  *search          // nil: none
	wrap    bool
	wrapped *wrapping // the lines as wrapped at width, while wrap is on
	status  string    // what the last key did, on a line of its own until the next
}

// body is the record laid out: head lines already styled (metadata and
// headers, a few), then the value's lines, escaped and, for JSON,
// coloured as they are drawn.
type body struct {
	head  []string
	value model.Layout
	json  bool
	wide  int // the widest line in bytes, for horizontal scrolling
	// long holds the value's long lines already escaped: escaping a line
	// of megabytes at every frame would cost the line, not the screen.
	long map[int]string
}

// longLine is how long a line must be for its escaped text to be kept.
const longLine = 4 << 10

// line is the value's i-th line, escaped.
func (b *body) line(i int) string {
	if s, ok := b.long[i]; ok {
		return s
	}
	return b.value.Line(i)
}

func (b *body) len() int { return len(b.head) + b.value.Len() }

// builtMsg carries the record's laid-out lines, made off the event loop.
type builtMsg struct {
	owner *Model
	body  *body
}

// hStep is how far left and right scroll.
const hStep = 8

// New makes the view of r; Init builds its content.
func New(c pane.Common, r model.Record) *Model {
	return &Model{common: c, record: r, input: pane.NewFilterInput(c.Keys.Input, "search the value; a capital makes it case-sensitive")}
}

// Init lays the record out in the background: indenting a value of
// megabytes takes a moment, and the UI must not wait for it.
func (m *Model) Init() tea.Cmd {
	c, r := m.common, m.record
	return func() tea.Msg { return builtMsg{owner: m, body: render(c, r)} }
}

// Title names the record in the breadcrumb: partition and offset.
func (m *Model) Title() string { return fmt.Sprintf("%d@%d", m.record.Partition, m.record.Offset) }

// Bindings are the record view's keys.
func (m *Model) Bindings() []key.Binding {
	k := m.common.Keys
	return []key.Binding{k.Record.Search, k.Record.Next, k.Record.Prev, k.Record.Wrap, k.Record.Copy, k.Record.CopyKey, k.Record.CopyHeaders,
		k.Record.Save, k.Record.Pager, k.Record.Editor, k.List.Left, k.List.Right}
}

// Capturing reports whether the search line has the keys.
func (m *Model) Capturing() bool { return m.input.Active() }

// Record is the record shown.
func (m *Model) Record() model.Record { return m.record }

func (m *Model) SetSize(width, height int) {
	m.width, m.height = width, height
	m.input.SetWidth(width)
	m.rewrap()
	m.clamp()
}

// Update scrolls, and answers the record's own keys with a command: copy
// the value to the clipboard (OSC 52).
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case builtMsg:
		if msg.owner == m {
			m.body = msg.body
			m.rewrap()
			m.clamp()
		}
	case writtenMsg:
		if msg.owner == m {
			return m.run(msg)
		}
	case closedMsg:
		if msg.owner == m {
			m.closed(msg)
		}
	case tea.KeyPressMsg:
		if m.input.Active() {
			cmd := m.input.Update(msg)
			if !m.input.Active() { // enter or esc ended it
				m.find(m.input.Value())
			}
			return cmd
		}
		m.status = ""
		if m.search != nil {
			m.status = m.search.status()
		}
		k := m.common.Keys
		if y, ok := pane.Scroll(k.List, msg, m.y, max(m.viewHeight()-1, 1)); ok {
			m.y = y
			m.clamp()
			return nil
		}
		switch {
		case key.Matches(msg, k.Record.Search):
			m.input.Clear() // a new search, as less's /
			return m.input.Focus()
		case key.Matches(msg, k.Record.Next, k.Record.Prev) && m.search != nil:
			by := 1
			if key.Matches(msg, k.Record.Prev) {
				by = -1
			}
			m.search.move(by)
			m.showMatch()
			return nil
		case key.Matches(msg, k.Record.Wrap):
			m.toggleWrap()
			m.status = "long lines are cut; ←/→ scroll"
			if m.wrap {
				m.status = "long lines wrap"
			}
			return nil
		case key.Matches(msg, k.Record.Copy):
			return m.copy("the value", clipboardText(m.record.ShownValue()))
		case key.Matches(msg, k.Record.CopyKey):
			return m.copy("the key", clipboardText(m.record.ShownKey()))
		case key.Matches(msg, k.Record.CopyHeaders):
			return m.copy(model.Plural(len(m.record.Headers), "header"), headersText(m.record.Headers))
		case key.Matches(msg, k.Record.Pager):
			return m.open(m.common.Pager, "PAGER")
		case key.Matches(msg, k.Record.Editor):
			return m.open(m.common.Editor, "EDITOR")
		case key.Matches(msg, k.List.Left):
			m.x -= hStep
		case key.Matches(msg, k.List.Right):
			m.x += hStep
		}
		m.clamp()
	}
	return nil
}

// copy puts text on the clipboard and says what it put.
func (m *Model) copy(what, text string) tea.Cmd {
	m.status = fmt.Sprintf("copied %s (%s bytes)", what, model.Count(len(text)))
	return tea.SetClipboard(text)
}

// headersText is the headers as "key: value" lines, binary values in hex.
func headersText(hs []model.Header) string {
	var b strings.Builder
	for _, h := range hs {
		b.WriteString(h.Key + ": " + clipboardText(h.Value) + "\n")
	}
	return b.String()
}

// find searches the value for query, or with none ends the search.
func (m *Model) find(query string) {
	switch {
	case query == "":
		m.search = nil
	case m.body == nil:
		m.status = "the record is still being laid out; search again in a moment"
	default:
		m.search = newSearch(m.body, query)
		m.showMatch()
	}
}

// showMatch scrolls the current match into view, a third down the screen,
// and says which it is.
func (m *Model) showMatch() {
	s := m.search
	if len(s.matches) > 0 {
		mt := s.matches[s.current]
		line := len(m.body.head) + mt.line
		if m.wrapped != nil {
			m.y = m.wrapped.firstOf(line, mt.col) - m.viewHeight()/3
		} else {
			m.y = line - m.viewHeight()/3
			cells := ansi.StringWidth(m.body.line(mt.line)[:mt.col])
			if cells < m.x || cells+len(s.query) > m.x+m.width {
				m.x = max(0, cells-m.width/3)
			}
		}
		m.clamp()
	}
	m.status = s.status()
}

// toggleWrap wraps long lines, or cuts them again, keeping the line at
// the top of the screen there.
func (m *Model) toggleWrap() {
	line := m.y
	if m.wrapped != nil && m.y < m.wrapped.len() {
		line = m.wrapped.spans[m.y].line
	}
	m.wrap = !m.wrap
	m.rewrap()
	m.y = line
	if m.wrapped != nil {
		m.y = m.wrapped.firstOf(line, 0)
	}
	m.clamp()
}

// rewrap lays the lines out again for the width, while wrap is on.
func (m *Model) rewrap() {
	switch {
	case !m.wrap || m.body == nil:
		m.wrapped = nil
	case m.wrapped == nil || m.wrapped.width != m.width:
		m.wrapped = wrap(m.body, max(m.width, 1))
	}
}

// viewHeight is what the search or status line leaves the record.
func (m *Model) viewHeight() int {
	if m.input.Active() || m.status != "" {
		return max(m.height-1, 0)
	}
	return m.height
}

// clamp keeps the window over the lines.
func (m *Model) clamp() {
	if m.body == nil {
		m.y, m.x = 0, 0
		return
	}
	lines := m.body.len()
	if m.wrapped != nil {
		lines, m.x = m.wrapped.len(), 0
	}
	m.y = max(0, min(m.y, lines-m.viewHeight()))
	m.x = max(0, min(m.x, m.body.wide-m.width))
}

// clipboardText is what copying a value puts on the clipboard: the text
// itself, or for binary its hex. OSC 52 carries it base64-encoded, so its
// bytes never reach the terminal as control sequences.
func clipboardText(b []byte) string {
	if model.Classify(b) == model.Binary {
		return fmt.Sprintf("%x", b)
	}
	return string(b)
}

// View draws the lines in the window, colouring JSON (or marking a
// search's matches) as it goes: the cost is the window's, whatever the
// value's size.
func (m *Model) View() string {
	if m.body == nil {
		return m.common.Theme.Muted.Render("rendering record…")
	}
	height := m.viewHeight()
	out := make([]string, 0, m.height)
	if m.wrapped != nil {
		for i := m.y; i < min(m.y+height, m.wrapped.len()); i++ {
			sp := m.wrapped.spans[i]
			if sp.to < 0 {
				out = append(out, ansi.Truncate(m.body.head[sp.line], m.width, "…"))
				continue
			}
			out = append(out, m.paint(m.body.line(sp.line - len(m.body.head))[sp.from:sp.to]))
		}
	} else {
		for i := m.y; i < min(m.y+height, m.body.len()); i++ {
			var line string
			switch {
			case i < len(m.body.head):
				line = m.body.head[i]
			default:
				// Only what can show is measured and coloured: a line of
				// megabytes (a long string, JSON shown as sent) costs the
				// window, not its length. A cell is at most four bytes.
				line = m.paint(prefix(m.body.line(i-len(m.body.head)), 4*(m.x+m.width)))
			}
			out = append(out, ansi.Cut(line, m.x, m.x+m.width))
		}
	}
	for len(out) < height {
		out = append(out, "") // the pane fills its height, keys stay at the bottom
	}
	switch {
	case m.input.Active():
		out = append(out, m.input.View())
	case m.status != "":
		out = append(out, m.common.Theme.Muted.Render(ansi.Truncate(m.status, m.width, "…")))
	}
	return strings.Join(out, "\n")
}

// paint styles a plain line of the value: a search's matches marked, or
// JSON coloured.
func (m *Model) paint(line string) string {
	th := m.common.Theme
	if m.search != nil {
		return m.search.mark(line, func(s string) string { return th.Selected.Render(s) })
	}
	if m.body.json {
		return highlight(m.common, line)
	}
	return line
}

// render lays the record out as lines: a metadata table, the headers, the
// key and the value.
func render(c pane.Common, r model.Record) *body {
	th := c.Theme
	value, kind, note := model.Pretty(r.ShownValue()) // classifies as it goes: one parse of a large value
	label := func(s string) string { return th.Muted.Render(fmt.Sprintf("%-11s", s)) }
	stamp := "create time"
	if r.LogAppendTime {
		stamp = "log append time"
	}
	when := label("timestamp") + r.Time().In(c.Zone.Location()).Format("2006-01-02 15:04:05.000 MST") +
		th.Muted.Render(fmt.Sprintf(" (%s, %s)", stamp, r.Time().UTC().Format(time.RFC3339Nano)))
	if r.Timestamp == -1 {
		when = label("timestamp") + th.Warn.Render(model.AmbiguousTimestamp)
	}
	lines := []string{
		th.Title.Render(model.Sanitize(r.Topic)) + th.Muted.Render(fmt.Sprintf(" · partition %d · offset %s", r.Partition, model.Count(r.Offset))),
		when,
		label("key") + describeKey(r.Key, r.DecodedKey),
		label("value") + describeDecoded(r.DecodedValue, describeAs(kind, len(r.Value)), len(r.Value)) + th.Muted.Render(noteText(note)) + cutText(th, r),
	}
	for _, d := range []struct {
		part  string
		bytes []byte
		d     *model.Decoded
	}{{"key", r.Key, r.DecodedKey}, {"value", r.Value, r.DecodedValue}} {
		switch note := model.UnreadFrame(d.bytes); {
		case d.d != nil && d.d.Note != "":
			lines = append(lines, label(d.part+" note")+th.Warn.Render(model.Sanitize(d.d.Note)))
		case d.d == nil && note != "":
			// Read by a client that decodes nothing: the same note.
			lines = append(lines, label(d.part+" note")+th.Muted.Render(note))
		}
	}
	lines = append(lines,
		label("size")+fmt.Sprintf("%s bytes", model.Count(len(r.Key)+len(r.Value))),
		label("headers")+fmt.Sprint(len(r.Headers)))
	if r.Txn != model.TxnNone {
		lines = append(lines, label("transaction")+fmt.Sprintf("%s (producer id %d)", r.Txn, r.ProducerID))
	}
	width := 0
	for _, h := range r.Headers {
		width = max(width, ansi.StringWidth(model.Sanitize(h.Key)))
	}
	for _, h := range r.Headers {
		name := model.Sanitize(h.Key)
		pad := strings.Repeat(" ", width-ansi.StringWidth(name))
		lines = append(lines, "  "+th.Accent.Render(name)+pad+"  "+model.Inline(h.Value))
	}
	lines = append(lines, "", th.Muted.Render("── value "+strings.Repeat("─", 40)))
	b := &body{head: lines, value: value, json: kind == model.JSON, wide: value.Widest(), long: map[int]string{}}
	for i := range value.Len() {
		if value.RawLen(i) > longLine {
			b.long[i] = value.Line(i)
		}
	}
	for _, l := range lines {
		b.wide = max(b.wide, ansi.StringWidth(l))
	}
	return b
}

// describeKey is the key's kind and, when it has bytes, a glimpse of them.
func describeKey(b []byte, d *model.Decoded) string {
	if len(b) == 0 {
		return describe(b)
	}
	if d.OK() {
		return describeDecoded(d, "", len(b)) + "  " + model.Preview(d.JSON, 60)
	}
	return describeDecoded(d, describe(b), len(b)) + "  " + model.Preview(b, 60)
}

// describeDecoded says what a key or value was read as: its format, the
// message or record, and the registry schema ("avro shop.Order, 12 bytes ·
// schema 3, orders-value v1"); when it could not be read, plain says what
// its bytes are (and a note line, why).
func describeDecoded(d *model.Decoded, plain string, size int) string {
	if d == nil {
		return plain
	}
	parts := []string{plain}
	if d.OK() {
		parts[0] = strings.TrimSpace(d.Format+" "+model.Sanitize(d.Name)) + fmt.Sprintf(", %s bytes", model.Count(size))
	}
	if s := d.Schema; s != nil {
		id := fmt.Sprintf("schema %d", s.ID)
		if s.Subject != "" {
			id += fmt.Sprintf(", %s v%d", model.Sanitize(s.Subject), s.Version)
		}
		parts = append(parts, id)
	}
	return strings.Join(parts, " · ")
}

// prefix is at most n bytes of s, not splitting a rune.
func prefix(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// cutText says a value is only the start of what the cluster sent.
func cutText(th *theme.Theme, r model.Record) string {
	if r.CutFrom == 0 {
		return ""
	}
	return th.Warn.Render(fmt.Sprintf(" (cut: the first %s of %s bytes; the buffer's --buffer-mb holds no more)", model.Count(len(r.Value)), model.Count(r.CutFrom)))
}

func noteText(note string) string {
	if note == "" {
		return ""
	}
	return " (" + note + ")"
}

func describe(b []byte) string { return describeAs(model.Classify(b), len(b)) }

func describeAs(k model.Kind, size int) string {
	if k == model.Null || k == model.Empty {
		return k.String()
	}
	return fmt.Sprintf("%s, %s bytes", k, model.Count(size))
}

// highlight colours one line of indented JSON span by span.
func highlight(c pane.Common, line string) string {
	var out strings.Builder
	for _, sp := range model.HighlightJSON(line) {
		if st, ok := c.Theme.Syntax[sp.Kind]; ok {
			out.WriteString(st.Render(sp.Text))
		} else {
			out.WriteString(sp.Text)
		}
	}
	return out.String()
}
