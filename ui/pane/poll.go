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
	share float64 // when above 0, the pace: see Pace
	now   func() time.Time
	ctx   func() context.Context
	ask   func() func(context.Context) (T, error)
	round int
	busy  bool // a fetch of the current round is in flight
	soon  bool // fetch again as soon as it answers
}

// NewPoll polls fetch at the common refresh interval, under the context
// ctx gives at each fetch (a pane's Scope's, so closing or suspending the
// pane cancels the fetch in flight).
func NewPoll[T any](c Common, ctx func() context.Context, fetch func(context.Context) (T, error)) *Poll[T] {
	return NewPollOf(c, ctx, func() func(context.Context) (T, error) { return fetch })
}

// NewPollOf is NewPoll for a fetch that depends on what the pane shows:
// ask runs on the event loop before each fetch and returns what to fetch
// now, such as the rows on screen.
func NewPollOf[T any](c Common, ctx func() context.Context, ask func() func(context.Context) (T, error)) *Poll[T] {
	return &Poll[T]{every: c.Refresh, now: c.Now, ctx: ctx, ask: ask}
}

// Pace spaces the fetches so that their time in flight is at most share
// of the time: a fetch that took 300 ms, at a share of 2%, is next made
// 15 s later. A poll of the whole cluster thus costs a fixed share of
// the client's and the brokers' time however big the cluster grows, and
// on a small cluster it still comes every refresh interval.
func (p *Poll[T]) Pace(share float64) { p.share = share }

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
	p.soon = false
	return p.fetchCmd(p.round)
}

// Soon fetches without waiting out the interval: now when no fetch is in
// flight, else as soon as the one in flight answers, so that fetches
// still never overlap.
func (p *Poll[T]) Soon() tea.Cmd {
	if p.busy {
		p.soon = true
		return nil
	}
	return p.Start()
}

func (p *Poll[T]) fetchCmd(round int) tea.Cmd {
	fetch, ctx, at := p.ask(), p.ctx(), p.now
	p.busy = true
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
		p.busy = false
		if p.soon {
			p.soon = false
			return msg, true, p.fetchCmd(p.round)
		}
		round := p.round
		return msg, true, tea.Tick(p.wait(msg.At), func(time.Time) tea.Msg { return pollTick[T]{poll: p, round: round} })
	case pollTick[T]:
		if msg.poll == p && msg.round == p.round {
			return answer, false, p.fetchCmd(p.round)
		}
	}
	return answer, false, nil
}

// wait is how long to wait before the next fetch, given when the one that
// just answered began.
func (p *Poll[T]) wait(began time.Time) time.Duration {
	if p.share <= 0 {
		return p.every
	}
	took := p.now().Sub(began)
	return max(p.every, time.Duration(float64(took)/p.share))
}
