package tail

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/kscope/kscope/keymap"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/pane"
	"github.com/kscope/kscope/ui/theme"
)

// startedStream is idle, from positions given.
type startedStream struct {
	idleStream
	at []model.Position
}

func (s startedStream) Started() []model.Position { return s.at }

// A search shows how far it has come, and stops reading at the end of
// its range, saying what it scanned.
func TestSearchProgressAndEnd(t *testing.T) {
	now := time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC)
	c := pane.Common{Theme: theme.New(theme.Default(), false), Keys: keymap.Default(), Now: func() time.Time { return now },
		Zone: pane.NewZone(time.UTC, false), Buffer: pane.BufferLimits{Records: 100, Bytes: 1 << 20}}
	m := NewSearch(c, nil, nil, model.TailRequest{Topic: "orders"}, model.Query{}, `value.x > 1`)
	m.SetSize(200, 20)
	started := []model.Position{{Partition: 0, Next: 0, StartHigh: 300}, {Partition: 1, Next: 100, StartHigh: 200}}
	if cmd := m.Update(openedMsg{owner: m, gen: m.gen, stream: startedStream{at: started}}); cmd == nil {
		t.Fatal("an opened search does not read")
	}
	now = now.Add(time.Second)
	half := []model.Position{{Partition: 0, Next: 150, StartHigh: 300}, {Partition: 1, Next: 150, StartHigh: 200}}
	cmd := m.Update(batchMsg{owner: m, gen: m.gen, batch: model.Batch{Scanned: 200, Positions: half,
		Records: []model.Record{{Topic: "orders", Offset: 7, Value: []byte("x")}}}})
	if cmd == nil {
		t.Fatal("a search half done stopped reading")
	}
	m.showPositions = true
	if view := m.positionsView(); !strings.Contains(view, "RANGE END") || !strings.Contains(view, "    0           150           300         150") {
		t.Errorf("positions:\n%s", view)
	}
	line := m.searchLine()
	for _, want := range []string{"search orders", "value.x > 1", "[█████·····] 200 of 400 records (50%)", "ETA", "1 match"} {
		if !strings.Contains(line, want) {
			t.Errorf("progress lacks %q: %s", want, line)
		}
	}
	// Stopped, it keeps what it found and says so.
	m.Update(tea.KeyPressMsg{Code: ' ', Text: " "})
	if line := m.searchLine(); !m.paused || !strings.Contains(line, "⏸ stopped, keeping what it found") || !strings.Contains(line, "1 match") {
		t.Errorf("stopped: %s", line)
	}
	m.paused = false
	now = now.Add(time.Second)
	end := []model.Position{{Partition: 0, Next: 300, StartHigh: 300}, {Partition: 1, Next: 200, StartHigh: 200}}
	if cmd := m.Update(batchMsg{owner: m, gen: m.gen, batch: model.Batch{Scanned: 200, Positions: end}}); cmd != nil {
		t.Error("a search at the end of its range reads on")
	}
	if line := m.searchLine(); !strings.Contains(line, "✓ 1 match; scanned 400 records in 2 partitions (0: to 300, 1: to 200), 2.0 s") {
		t.Errorf("summary: %s", line)
	}
}
