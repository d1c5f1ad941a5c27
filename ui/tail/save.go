package tail

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/pane"
)

// savedMsg reports a save to a file.
type savedMsg struct {
	path string
	n    int
	err  error
}

func (s savedMsg) String() string {
	if s.err != nil {
		return "save failed: " + s.err.Error()
	}
	return fmt.Sprintf("saved %s records to %s", pane.Count(s.n), s.path)
}

func (m *Model) saveMatching() tea.Cmd {
	records := make([]model.Record, m.sel.Len())
	for i := range records {
		r, _ := m.buf.Get(m.sel.At(i))
		records[i] = *r
	}
	if len(records) == 0 {
		m.notice = "nothing to save"
		return nil
	}
	return m.save(records)
}

// save writes records as JSON lines (as kscope tail -o json prints them)
// to a new file named for the topic and the time.
func (m *Model) save(records []model.Record) tea.Cmd {
	name := fmt.Sprintf("kscope-%s-%s.jsonl", safeName(m.req.Topic), m.common.Now().Format("20060102-150405.000"))
	path := filepath.Join(m.common.SaveDir, name)
	return func() tea.Msg {
		var line []byte
		var b strings.Builder
		for i := range records {
			line = model.AppendJSONLine(line[:0], &records[i])
			b.Write(line)
		}
		err := os.WriteFile(path, []byte(b.String()), 0o644)
		if abs, aerr := filepath.Abs(path); aerr == nil {
			path = abs
		}
		return savedMsg{path: path, n: len(records), err: err}
	}
}

// safeName keeps a topic name's letters, digits, dots, dashes and
// underscores, which is all Kafka allows, for a file name.
func safeName(topic string) string {
	return strings.Map(func(r rune) rune {
		if r == '.' || r == '-' || r == '_' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' {
			return r
		}
		return '_'
	}, topic)
}
