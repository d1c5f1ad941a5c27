// Package detail shows one record whole: its metadata, headers, key and
// value, pretty-printed and coloured for JSON, as text, or as a hex dump.
package detail

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/pane"
)

// Model is the detail view of one record.
type Model struct {
	common pane.Common
	record model.Record
	lines  []string // nil until built
	view   viewport.Model
}

// builtMsg carries the record's rendered lines, made off the event loop.
type builtMsg struct {
	owner *Model
	lines []string
}

// New makes the view of r; Init builds its content.
func New(c pane.Common, r model.Record) *Model {
	v := viewport.New()
	v.KeyMap.Up = c.Keys.List.Up
	v.KeyMap.Down = c.Keys.List.Down
	v.KeyMap.PageUp = c.Keys.List.PageUp
	v.KeyMap.PageDown = c.Keys.List.PageDown
	v.SetHorizontalStep(8)
	return &Model{common: c, record: r, view: v}
}

// Init renders the record in the background: a value of megabytes takes a
// moment to indent and colour, and the UI must not wait for it.
func (m *Model) Init() tea.Cmd {
	c, r := m.common, m.record
	return func() tea.Msg { return builtMsg{owner: m, lines: render(c, r)} }
}

// Title names the record in the breadcrumb: partition and offset.
func (m *Model) Title() string { return fmt.Sprintf("%d@%d", m.record.Partition, m.record.Offset) }

// Bindings are the record view's keys.
func (m *Model) Bindings() []key.Binding {
	return []key.Binding{m.common.Keys.Record.Copy, m.common.Keys.Record.Save}
}

// Record is the record shown.
func (m *Model) Record() model.Record { return m.record }

func (m *Model) SetSize(width, height int) {
	m.view.SetWidth(width)
	m.view.SetHeight(height)
}

// Update scrolls, and answers the record's own keys with a command: copy
// the value to the clipboard (OSC 52).
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case builtMsg:
		if msg.owner == m {
			m.lines = msg.lines
			m.view.SetContentLines(msg.lines)
		}
		return nil
	case tea.KeyPressMsg:
		k := m.common.Keys
		switch {
		case key.Matches(msg, k.Record.Copy):
			return tea.SetClipboard(clipboardText(m.record.Value))
		case key.Matches(msg, k.List.Top):
			m.view.GotoTop()
			return nil
		case key.Matches(msg, k.List.Bottom):
			m.view.GotoBottom()
			return nil
		}
	}
	var cmd tea.Cmd
	m.view, cmd = m.view.Update(msg)
	return cmd
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

func (m *Model) View() string {
	if m.lines == nil {
		return m.common.Theme.Muted.Render("rendering record…")
	}
	return m.view.View()
}

// render lays the record out as lines: a metadata table, the headers, the
// key and the value.
func render(c pane.Common, r model.Record) []string {
	th := c.Theme
	label := func(s string) string { return th.Muted.Render(fmt.Sprintf("%-11s", s)) }
	stamp := "create time"
	if r.LogAppendTime {
		stamp = "log append time"
	}
	lines := []string{
		th.Title.Render(model.Sanitize(r.Topic)) + th.Muted.Render(fmt.Sprintf(" · partition %d · offset %s", r.Partition, pane.Count(r.Offset))),
		label("timestamp") + r.Time().In(c.Location).Format("2006-01-02 15:04:05.000 MST") +
			th.Muted.Render(fmt.Sprintf(" (%s, %s)", stamp, r.Time().UTC().Format(time.RFC3339Nano))),
		label("key") + describeKey(r.Key),
		label("value") + describe(r.Value),
		label("size") + fmt.Sprintf("%s bytes", pane.Count(len(r.Key)+len(r.Value))),
		label("headers") + fmt.Sprint(len(r.Headers)),
	}
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
	return append(lines, valueLines(c, r.Value)...)
}

// describeKey is the key's kind and, when it has bytes, a glimpse of them.
func describeKey(b []byte) string {
	if len(b) == 0 {
		return describe(b)
	}
	return describe(b) + "  " + model.Preview(b, 60)
}

func describe(b []byte) string {
	k := model.Classify(b)
	if k == model.Null || k == model.Empty {
		return k.String()
	}
	return fmt.Sprintf("%s, %s bytes", k, pane.Count(len(b)))
}

// valueLines is the value in full: JSON indented and coloured span by
// span, text and hex dumps as they are.
func valueLines(c pane.Common, b []byte) []string {
	lines := strings.Split(model.Pretty(b), "\n")
	if model.Classify(b) != model.JSON {
		return lines
	}
	for i, l := range lines {
		var out strings.Builder
		for _, sp := range model.HighlightJSON(l) {
			if st, ok := c.Theme.Syntax[sp.Kind]; ok {
				out.WriteString(st.Render(sp.Text))
			} else {
				out.WriteString(sp.Text)
			}
		}
		lines[i] = out.String()
	}
	return lines
}
