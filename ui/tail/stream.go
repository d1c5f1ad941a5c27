package tail

import (
	"context"
	"errors"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/kscope/kscope/model"
)

// The stream's messages carry their pane and generation: a pane restarted
// from another position, or closed, drops what its old stream still sends.
type (
	openedMsg struct {
		owner  *Model
		gen    int
		stream model.RecordStream
		err    error
	}
	batchMsg struct {
		owner *Model
		gen   int
		batch model.Batch
		err   error
	}
	retryMsg struct {
		owner *Model
		gen   int
	}
)

// retryAfter spaces out reads that fail at once, so a cluster that is
// down is asked once a second rather than in a busy loop.
const retryAfter = time.Second

// open starts a new stream, ending the old one.
func (m *Model) open() tea.Cmd {
	m.stop()
	m.gen++
	ctx, cancel := context.WithCancel(m.scope.Context())
	m.ctx, m.cancel = ctx, cancel
	owner, gen, tailer, req := m, m.gen, m.tailer, m.req
	var query *model.Query
	if m.search != nil {
		query = &m.search.query
	}
	return func() tea.Msg {
		s, err := tailer.Tail(ctx, req)
		if err == nil && query != nil {
			var scan *model.Scan
			if scan, err = model.NewScan(s, *query); err == nil {
				return openedMsg{owner: owner, gen: gen, stream: scan}
			}
			s.Close()
		}
		return openedMsg{owner: owner, gen: gen, stream: s, err: err}
	}
}

// next keeps exactly one read in flight; each read is one batch, one
// message, however many records it holds.
func (m *Model) next() tea.Cmd {
	if m.stream == nil || m.reading || m.paused || m.ended {
		return nil
	}
	m.reading = true
	owner, gen, s, ctx := m, m.gen, m.stream, m.ctx
	return func() tea.Msg {
		b, err := s.Next(ctx)
		return batchMsg{owner: owner, gen: gen, batch: b, err: err}
	}
}

// stop ends the current stream, if any.
func (m *Model) stop() {
	if m.cancel != nil {
		m.cancel()
	}
	if m.stream != nil {
		// Closing a franz-go client waits on its brokers, which may hang:
		// the event loop must not wait with it. Its reads were cancelled
		// above, and nothing reads it again.
		go m.stream.Close()
	}
	m.stream, m.reading, m.pending = nil, false, nil
}

// updateStream handles the stream's messages.
func (m *Model) updateStream(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case openedMsg:
		if msg.owner != m {
			return nil, false
		}
		if msg.gen != m.gen || m.closed {
			if msg.stream != nil {
				go msg.stream.Close() // nobody will read it; see stop
			}
			return nil, true
		}
		if msg.err != nil {
			m.err, m.ended = msg.err, true
			m.refresh()
			return nil, true
		}
		m.stream = msg.stream
		m.positions = msg.stream.Started()
		if m.search != nil {
			if m.search.started(m.positions, m.common.Now()); m.search.done {
				m.refresh()
				return nil, true // an empty range: nothing to read
			}
		}
		return m.next(), true
	case batchMsg:
		if msg.owner != m {
			return nil, false
		}
		if msg.gen != m.gen || m.closed {
			return nil, true
		}
		m.reading = false
		if m.paused {
			m.pending = &msg // shown and acted on when resumed
			return nil, true
		}
		return m.take(msg), true
	case retryMsg:
		if msg.owner != m {
			return nil, false
		}
		if msg.gen == m.gen {
			return m.next(), true
		}
		return nil, true
	}
	return nil, false
}

// arrived counts a batch's records written since the tail started: what
// flows now. A backlog read from an earlier offset is history, and its
// thousands in a frame are no rate (a first frame said 3.7M/s).
func arrived(b model.Batch) int {
	if len(b.Positions) == 0 {
		return len(b.Records)
	}
	startHigh := make(map[int32]int64, len(b.Positions))
	for _, p := range b.Positions {
		startHigh[p.Partition] = p.StartHigh
	}
	n := 0
	for i := range b.Records {
		if b.Records[i].Offset >= startHigh[b.Records[i].Partition] {
			n++
		}
	}
	return n
}

// take adds a batch to the buffer and decides how to go on reading.
func (m *Model) take(msg batchMsg) tea.Cmd {
	if n := len(msg.batch.Records); n > 0 {
		m.buf.Push(msg.batch.Records...)
		m.sel.Update(m.buf)
		m.seen += int64(n)
		m.meter.Add(arrived(msg.batch), m.common.Now())
	}
	m.buf.ResolveTxns(msg.batch.TxnEnds)
	if msg.batch.Positions != nil {
		m.positions = msg.batch.Positions
	}
	if m.search != nil && m.search.read(msg.batch, m.common.Now()) {
		m.err = nil
		m.refresh()
		return nil // the range is read: a search reads no further
	}
	m.refresh()
	switch {
	case msg.err == nil:
		m.err = nil
		return m.next()
	case errors.Is(msg.err, context.Canceled):
		return nil
	case errors.Is(msg.err, model.ErrTopicGone):
		m.err, m.ended = msg.err, true
		return nil
	}
	m.err = msg.err
	if len(msg.batch.Records) > 0 {
		return m.next()
	}
	gen := m.gen
	return tea.Tick(retryAfter, func(time.Time) tea.Msg { return retryMsg{owner: m, gen: gen} })
}
