package tail

import (
	"context"
	"testing"
	"time"

	"github.com/kscope/kscope/keymap"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/pane"
	"github.com/kscope/kscope/ui/theme"
)

// idleStream never has anything: a read on it would only wait.
type idleStream struct{}

func (idleStream) Next(ctx context.Context) (model.Batch, error) {
	<-ctx.Done()
	return model.Batch{}, ctx.Err()
}
func (idleStream) Started() []model.Position { return nil }
func (idleStream) Close()                    {}

// A paused tail starts no read: not when the read in flight at the pause
// comes back (it is held), not when a retry falls due. Each is checked on
// the command Update returns, the only way a read can start.
func TestPausedTailStartsNoRead(t *testing.T) {
	c := pane.Common{Theme: theme.New(theme.Default(), false), Keys: keymap.Default(), Now: time.Now, Zone: pane.NewZone(time.UTC, false),
		Buffer: pane.BufferLimits{Records: 100, Bytes: 1 << 20}}
	m := New(c, nil, nil, model.TailRequest{Topic: "orders"})
	m.SetSize(100, 20)
	m.Update(openedMsg{owner: m, gen: m.gen, stream: idleStream{}})
	if !m.reading {
		t.Fatal("an opened tail is not reading")
	}
	m.paused = true // as space does, with the first read in flight
	held := batchMsg{owner: m, gen: m.gen, batch: model.Batch{Records: []model.Record{{Topic: "orders", Offset: 0}}}}
	if cmd := m.Update(held); cmd != nil {
		t.Error("the batch that came while paused started another read")
	}
	if m.pending == nil || m.buf.Len() != 0 {
		t.Errorf("the batch was not held: pending %v, %d buffered", m.pending != nil, m.buf.Len())
	}
	if cmd := m.Update(retryMsg{owner: m, gen: m.gen}); cmd != nil {
		t.Error("a retry while paused started a read")
	}
	if cmd := m.togglePause(); cmd == nil || m.buf.Len() != 1 {
		t.Errorf("resuming: read again %v, %d buffered; want the held record shown and a read", cmd != nil, m.buf.Len())
	}
}

// hangingClose is a stream whose Close waits, like a client closing
// against a broker that does not answer.
type hangingClose struct {
	idleStream
	release chan struct{}
}

func (h hangingClose) Close() { <-h.release }

// Closing a tail never blocks the event loop on its stream's Close.
func TestClosingATailDoesNotWaitForItsStream(t *testing.T) {
	c := pane.Common{Theme: theme.New(theme.Default(), false), Keys: keymap.Default(), Now: time.Now, Zone: pane.NewZone(time.UTC, false),
		Buffer: pane.BufferLimits{Records: 100, Bytes: 1 << 20}}
	m := New(c, nil, nil, model.TailRequest{Topic: "orders"})
	stream := hangingClose{release: make(chan struct{})}
	defer close(stream.release)
	m.Update(openedMsg{owner: m, gen: m.gen, stream: stream})
	closed := make(chan struct{})
	go func() {
		m.Close()
		close(closed)
	}()
	select {
	case <-closed:
	case <-time.After(time.Minute): // a bound for a hang, not a speed test
		t.Fatal("Close waited for the stream")
	}
}
