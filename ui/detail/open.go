package detail

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/kscope/kscope/model"
)

// Opening a record in another program: as indented JSON, its value
// decoded where kscope can, in a file of this user's alone that is gone
// once the program has ended.

// writtenMsg is the record's file, ready for the program to open.
type writtenMsg struct {
	owner   *Model
	command string // the command line, the file's path to add
	path    string
	err     error
}

// closedMsg is the program having ended.
type closedMsg struct {
	owner *Model
	path  string
	err   error
}

// open writes the record out, off the event loop, for command to open.
func (m *Model) open(command, variable string) tea.Cmd {
	if strings.TrimSpace(command) == "" {
		m.status = "set $" + variable + " to open a record in it"
		return nil
	}
	r := m.record
	return func() tea.Msg {
		path, err := writeRecord(&r)
		return writtenMsg{owner: m, command: command, path: path, err: err}
	}
}

// shownRecord is a record as a program opens it: its key, value and
// headers as the record view shows them, JSON kept as JSON (a decoded
// Avro or Protobuf value included), anything else as text.
type shownRecord struct {
	Topic     string        `json:"topic"`
	Partition int32         `json:"partition"`
	Offset    int64         `json:"offset"`
	Timestamp string        `json:"timestamp"`
	Key       any           `json:"key"`
	Headers   []shownHeader `json:"headers,omitempty"`
	Value     any           `json:"value"`
}

type shownHeader struct {
	Key   string `json:"key"`
	Value any    `json:"value"`
}

// jsonOrText is b as JSON when it is JSON, else as a string; nil stays
// null (a tombstone, a record without a key).
func jsonOrText(b []byte) any {
	switch {
	case b == nil:
		return nil
	case json.Valid(b):
		return json.RawMessage(b)
	}
	return string(b)
}

// writeRecord writes the record as indented JSON to a temporary file,
// readable by this user alone.
func writeRecord(r *model.Record) (string, error) {
	doc := shownRecord{Topic: r.Topic, Partition: r.Partition, Offset: r.Offset,
		Timestamp: time.UnixMilli(r.Timestamp).UTC().Format(time.RFC3339Nano),
		Key:       jsonOrText(r.ShownKey()), Value: jsonOrText(r.ShownValue())}
	for _, h := range r.Headers {
		doc.Headers = append(doc.Headers, shownHeader{Key: h.Key, Value: jsonOrText(h.Value)})
	}
	out, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return "", err
	}
	f, err := os.CreateTemp("", "kscope-record-*.json") // 0600
	if err != nil {
		return "", err
	}
	if _, err := f.Write(append(out, '\n')); err != nil {
		f.Close()
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), f.Close()
}

// run hands the terminal to the program; the record view is as it was
// when the program ends.
func (m *Model) run(msg writtenMsg) tea.Cmd {
	if msg.err != nil {
		m.status = "cannot write the record out: " + msg.err.Error()
		return nil
	}
	args := strings.Fields(msg.command)
	cmd := exec.Command(args[0], append(args[1:], msg.path)...)
	return tea.ExecProcess(cmd, func(err error) tea.Msg { return closedMsg{owner: m, path: msg.path, err: err} })
}

// closed removes the file, and says why the program failed, if it did.
func (m *Model) closed(msg closedMsg) {
	os.Remove(msg.path)
	if msg.err != nil {
		m.status = fmt.Sprintf("the record's program ended: %v", msg.err)
	}
}
