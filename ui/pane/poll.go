package pane

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"
)

// Poll fetches a T now and again Every after each answer, so fetches never
// overlap and a slow cluster slows polling down rather than piling requests
// up. Each Start numbers a new round; answers and ticks of an older round
// are dropped, so a pane never shows data it has moved on from.
type Poll[T any] struct {
	every time.Duration
	now   func() time.Time
	ctx   func() context.Context
	fetch func(context.Context) (T, error)
	round int
}

// NewPoll polls fetch at the common refresh interval, under the context
// ctx gives at each fetch (a pane's Scope's, so closing or suspending the
// pane cancels the fetch in flight).
func NewPoll[T any](c Common, ctx func() context.Context, fetch func(context.Context) (T, error)) *Poll[T] {
	return &Poll[T]{every: c.Refresh, now: c.Now, ctx: ctx, fetch: fetch}
}

// Fetched is a poll's answer.
type Fetched[T any] struct {
	poll  *Poll[T]
	round int
	// At is when the fetch began: what the answer describes is no older.
	// Rates are measured between these times, not between arrivals, which
	// a busy event loop would skew.
	At    time.Time
	Value T
	Err   error
}

type pollTick[T any] struct {
	poll  *Poll[T]
	round int
}

// Start begins a new round with a fetch now.
func (p *Poll[T]) Start() tea.Cmd {
	p.round++
	return p.fetchCmd(p.round)
}

func (p *Poll[T]) fetchCmd(round int) tea.Cmd {
	fetch, ctx, at := p.fetch, p.ctx(), p.now
	return func() tea.Msg {
		began := at()
		v, err := fetch(ctx)
		return Fetched[T]{poll: p, round: round, At: began, Value: v, Err: err}
	}
}

// Update handles the poll's own messages. For an answer of the current
// round it returns it with ok set, and schedules the next fetch.
func (p *Poll[T]) Update(msg tea.Msg) (answer Fetched[T], ok bool, cmd tea.Cmd) {
	switch msg := msg.(type) {
	case Fetched[T]:
		if msg.poll != p || msg.round != p.round {
			return answer, false, nil
		}
		round := p.round
		return msg, true, tea.Tick(p.every, func(time.Time) tea.Msg { return pollTick[T]{poll: p, round: round} })
	case pollTick[T]:
		if msg.poll == p && msg.round == p.round {
			return answer, false, p.fetchCmd(p.round)
		}
	}
	return answer, false, nil
}
