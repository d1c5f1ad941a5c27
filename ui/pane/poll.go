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
	Every time.Duration
	Fetch func(context.Context) (T, error)
	round int
}

// Fetched is a poll's answer.
type Fetched[T any] struct {
	poll  *Poll[T]
	round int
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
	return p.fetch(p.round)
}

// Stop ends the current round: what it still has in flight is dropped.
func (p *Poll[T]) Stop() { p.round++ }

func (p *Poll[T]) fetch(round int) tea.Cmd {
	fetch := p.Fetch
	return func() tea.Msg {
		v, err := fetch(context.Background())
		return Fetched[T]{poll: p, round: round, Value: v, Err: err}
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
		return msg, true, tea.Tick(p.Every, func(time.Time) tea.Msg { return pollTick[T]{poll: p, round: round} })
	case pollTick[T]:
		if msg.poll == p && msg.round == p.round {
			return answer, false, p.fetch(p.round)
		}
	}
	return answer, false, nil
}
