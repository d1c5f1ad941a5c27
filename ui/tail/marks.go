package tail

import (
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/kscope/kscope/keymap"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/pane"
)

// marks are the records the user picked, by their sequence number in the
// buffer: never more than it holds, and a mark whose record was evicted
// is dropped when the marks are used.
type marks map[uint64]struct{}

// toggleMark marks the selected record, or unmarks it.
func (m *Model) toggleMark() {
	if m.sel.Len() == 0 || m.cursorDropped() {
		return
	}
	seq := m.sel.At(m.index())
	if _, ok := m.marks[seq]; ok {
		delete(m.marks, seq)
		return
	}
	m.marks[seq] = struct{}{}
}

// markAll marks every record that matches the filter, or, when they all
// are marked, unmarks them.
func (m *Model) markAll() {
	all := true
	for i := range m.sel.Len() {
		if _, ok := m.marks[m.sel.At(i)]; !ok {
			all = false
			break
		}
	}
	for i := range m.sel.Len() {
		if all {
			delete(m.marks, m.sel.At(i))
		} else {
			m.marks[m.sel.At(i)] = struct{}{}
		}
	}
	if all {
		m.notice = fmt.Sprintf("unmarked %s", model.Plural(m.sel.Len(), "record"))
	} else {
		k := m.common.Keys.Tail
		m.notice = fmt.Sprintf("marked %s: %s sends them to a topic, %s saves them", model.Plural(len(m.marks), "record"), keymap.Key(k.Send), keymap.Key(k.Save))
	}
}

// marked are the marked records still in the buffer, in the order they
// were read; the marks of evicted ones are dropped.
func (m *Model) marked() []model.Record {
	var out []model.Record
	for seq := range m.marks {
		if seq < m.buf.First() {
			delete(m.marks, seq)
		}
	}
	for seq := m.buf.First(); seq < m.buf.Next() && len(out) < len(m.marks); seq++ {
		if _, ok := m.marks[seq]; ok {
			r, _ := m.buf.Get(seq)
			out = append(out, *r)
		}
	}
	return out
}

// sendMarked asks for the dialog that sends the marked records on.
func (m *Model) sendMarked() tea.Cmd {
	records := m.marked()
	if len(records) == 0 {
		m.notice = "no record is marked: " + keymap.Key(m.common.Keys.Tail.Mark) + " marks one, " + keymap.Key(m.common.Keys.Tail.MarkAll) + " every one that matches"
		return nil
	}
	if m.common.Masking.Masks(m.req.Topic) {
		// The buffer holds them masked: sent on, they would be the masked
		// text, not the records.
		m.notice = "masking applies to this topic: its records are held masked and cannot be sent on; kscope copy carries the bytes where the context sets allow_raw"
		return nil
	}
	return pane.Cmd(pane.ActMsg{Action: pane.SendRecords, Topic: m.req.Topic, Records: records})
}
