package tail

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/kscope/kscope/model"
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
	return fmt.Sprintf("saved %s records to %s", model.Count(s.n), s.path)
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
	dir, topic, at := m.common.SaveDir, m.req.Topic, m.common.Now()
	return func() tea.Msg {
		path, err := saveNew(dir, fileName(topic, at), func(w *bufio.Writer) error {
			var line []byte
			for i := range records {
				line = model.AppendJSONLine(line[:0], &records[i])
				if _, err := w.Write(line); err != nil {
					return err
				}
			}
			return nil
		})
		if abs, aerr := filepath.Abs(path); aerr == nil {
			path = abs
		}
		return savedMsg{path: path, n: len(records), err: err}
	}
}

// maxName is the longest file name most file systems take, in bytes.
const maxName = 255

// fileName is "kscope-TOPIC-TIME.jsonl", the topic cut so the name fits
// (topics may have 249 characters) with room for a "-99" to keep it new.
func fileName(topic string, at time.Time) string {
	stamp := "-" + at.Format("20060102-150405.000") + ".jsonl"
	room := maxName - len("kscope-") - len(stamp) - len("-99")
	name := safeName(topic)
	if len(name) > room {
		name = name[:room]
	}
	return "kscope-" + name + stamp
}

// saveNew writes a file that did not exist: never over one that does, nor
// through a symlink planted at its name (O_EXCL refuses both), readable
// by its owner only. A name taken gets "-2", "-3"… before its extension.
// A write that fails, a full disk say, removes what it wrote.
func saveNew(dir, name string, write func(*bufio.Writer) error) (string, error) {
	ext := filepath.Ext(name)
	base := strings.TrimSuffix(name, ext)
	var f *os.File
	var path string
	for n := 1; ; n++ {
		path = filepath.Join(dir, name)
		if n > 1 {
			path = filepath.Join(dir, fmt.Sprintf("%s-%d%s", base, n, ext))
		}
		var err error
		f, err = os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err == nil {
			break
		}
		if !errors.Is(err, fs.ErrExist) || n == 99 {
			return path, err
		}
	}
	w := bufio.NewWriterSize(f, 1<<16)
	err := write(w)
	if err == nil {
		err = w.Flush()
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
	}
	return path, err
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
