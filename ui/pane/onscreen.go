package pane

import (
	"context"
	"slices"
	"time"

	tea "charm.land/bubbletea/v2"
)

// WholeShare is the share of the time a list's whole fetch may be in
// flight when the rows on screen are fetched apart from it: on 10,000
// topics, where the whole list takes about 200 ms, it comes every 20 s.
// (Its client work runs on several goroutines at once, so its share of
// a core is larger: 2% measured 4% of a core idle, 1% measured 3%.)
const WholeShare = 0.01

// onScreen fetches the items of a list's rows on screen at every refresh
// interval, apart from the whole list, and puts them in its place.
type onScreen[T any] struct {
	l     *List[T]
	poll  *Poll[[]T]
	place map[string]int // each item's index in the latest whole answer
	whole time.Time      // when that answer was asked for
	asked []string       // the keys of the latest fetch
}

func newOnScreen[T any](l *List[T]) *onScreen[T] {
	o := &onScreen[T]{l: l}
	o.poll = NewPollOf(l.common, l.Context, o.ask)
	return o
}

// keys are the keys of the rows on screen.
func (o *onScreen[T]) keys() []string {
	from, to := o.l.table.Shown()
	keys := make([]string, 0, to-from)
	for _, item := range o.l.shown[from:to] {
		keys = append(keys, o.l.spec.Key(item))
	}
	return keys
}

// ask is the fetch of the rows on screen now.
func (o *onScreen[T]) ask() func(context.Context) ([]T, error) {
	keys, refetch := o.keys(), o.l.spec.Refetch
	o.asked = keys
	return func(ctx context.Context) ([]T, error) {
		if len(keys) == 0 {
			return nil, nil
		}
		return refetch(ctx, keys)
	}
}

// follow fetches the rows on screen now when others came on screen since
// the latest fetch: they show what the whole list said, which may be
// older than the refresh interval.
func (o *onScreen[T]) follow() tea.Cmd {
	if slices.Equal(o.keys(), o.asked) {
		return nil
	}
	return o.poll.Soon()
}

// index learns where each item of a whole answer is.
func (o *onScreen[T]) index(a Fetched[[]T]) {
	o.whole = a.At
	o.place = make(map[string]int, len(a.Value))
	for i, item := range a.Value {
		o.place[o.l.spec.Key(item)] = i
	}
}

// take puts the items fetched in their places, unless the whole list was
// asked for since: it is newer.
func (o *onScreen[T]) take(a Fetched[[]T]) tea.Cmd {
	l := o.l
	if !l.latest.Loaded || a.At.Before(o.whole) {
		return nil
	}
	l.latest.Err = a.Err
	if a.Err != nil {
		return nil
	}
	items, cmd := l.take(a.Value, a.At, false)
	for _, item := range items {
		if i, ok := o.place[l.spec.Key(item)]; ok {
			l.latest.Value[i] = item
		}
	}
	l.refresh()
	return cmd
}

// age says how old the rows off screen are: nothing when there are none
// (every row shown is on screen, or there are no rows).
func (o *onScreen[T]) age() string {
	if from, to := o.l.table.Shown(); from == 0 && to >= len(o.l.shown) {
		return ""
	}
	return o.l.common.Aged("others", o.whole)
}
