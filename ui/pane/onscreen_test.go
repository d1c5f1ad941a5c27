package pane

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/kscope/kscope/keymap"
	"github.com/kscope/kscope/ui/table"
	"github.com/kscope/kscope/ui/theme"
)

// counter is an item of a test list: a name and a number that each fetch
// may change.
type counter struct {
	name string
	n    int
}

// countersList is a list of 100 counters whose whole fetches and
// refetches are recorded, and answer with n set to the fetch's number.
type countersList struct {
	list    *List[counter]
	now     time.Time
	wholes  int
	refetch [][]string
	fetches int
}

func newCountersList(t *testing.T) *countersList {
	t.Helper()
	c := &countersList{now: time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)}
	clock := func() time.Time { return c.now }
	common := Common{Context: context.Background(), Theme: theme.New(theme.Default(), false), Keys: keymap.Default(), Now: clock, Refresh: time.Second}
	c.list = NewList(common, ListSpec[counter]{
		Title: "counters", Noun: "counters",
		Columns: []table.Column{{Title: "NAME", Width: 10}, {Title: "N", Width: 4}},
		Fetch: func(context.Context) ([]counter, error) {
			c.wholes++
			c.fetches++
			out := make([]counter, 100)
			for i := range out {
				out[i] = counter{fmt.Sprintf("c%03d", i), c.fetches}
			}
			return out, nil
		},
		Key: func(x counter) string { return x.name },
		Refetch: func(_ context.Context, names []string) ([]counter, error) {
			c.fetches++
			c.refetch = append(c.refetch, names)
			out := make([]counter, len(names))
			for i, n := range names {
				out[i] = counter{n, c.fetches}
			}
			return out, nil
		},
		Row: func(x counter, _ time.Time) table.Row {
			return table.Row{Key: x.name, Cells: []string{x.name, fmt.Sprint(x.n)}}
		},
		Text: func(x counter) string { return x.name },
	})
	c.list.SetSize(40, 12) // the summary, a header and 10 rows
	return c
}

// run makes a poll's fetch, as the event loop would, and hands the list
// its answer; the tick it asks for next is not waited on.
func (c *countersList) run(t *testing.T, fetch tea.Cmd) {
	t.Helper()
	if fetch == nil {
		t.Fatal("no fetch was asked for")
	}
	c.list.Update(fetch())
}

func names(from, to int) []string {
	var out []string
	for i := from; i < to; i++ {
		out = append(out, fmt.Sprintf("c%03d", i))
	}
	return out
}

// The rows on screen are refetched by name, and only they: a big list
// costs what the screen shows. Rows coming on screen are fetched at once.
func TestListRefetchesTheRowsOnScreen(t *testing.T) {
	c := newCountersList(t)
	c.run(t, c.list.poll.Start())
	if c.wholes != 1 || len(c.list.shown) != 100 {
		t.Fatalf("%d whole fetches, %d rows", c.wholes, len(c.list.shown))
	}
	c.run(t, c.list.tiers.poll.Start())
	if len(c.refetch) != 1 || !slices.Equal(c.refetch[0], names(0, 10)) {
		t.Fatalf("refetched %v, want the 10 rows on screen", c.refetch)
	}
	if got, _ := c.list.Selected(); got.n != 2 {
		t.Errorf("the first row shows fetch %d, want the refetch's 2", got.n)
	}
	if c.list.latest.Value[50].n != 1 {
		t.Errorf("a row off screen changed: %+v", c.list.latest.Value[50])
	}

	// A key that moves within the screen fetches nothing more.
	if cmd := c.list.Update(tea.KeyPressMsg{Code: tea.KeyDown}); cmd != nil {
		t.Errorf("a move within the screen asked for a fetch")
	}
	// The bottom brings ten others on screen: they are fetched now.
	c.run(t, c.list.Update(tea.KeyPressMsg{Code: tea.KeyEnd}))
	if last := c.refetch[len(c.refetch)-1]; !slices.Equal(last, names(90, 100)) {
		t.Fatalf("at the bottom, refetched %v, want rows 90 to 99", last)
	}
	// While a fetch is in flight, rows coming on screen wait for it to
	// answer: fetches never overlap.
	inFlight := c.list.tiers.poll.Start()
	if cmd := c.list.Update(tea.KeyPressMsg{Code: tea.KeyHome}); cmd != nil {
		t.Fatal("a fetch was asked for beside the one in flight")
	}
	c.run(t, c.list.Update(inFlight()))
	if last := c.refetch[len(c.refetch)-1]; !slices.Equal(last, names(0, 10)) {
		t.Fatalf("after the fetch in flight, refetched %v, want rows 0 to 9", last)
	}
}

// An answer for the rows on screen asked for before the latest whole list
// is older than it, and is dropped.
func TestListDropsRefetchesOlderThanTheWholeList(t *testing.T) {
	c := newCountersList(t)
	c.run(t, c.list.poll.Start())
	old := c.list.tiers.poll.Start()() // asked for now, answered late
	c.now = c.now.Add(time.Second)
	c.run(t, c.list.poll.Start())
	c.list.Update(old)
	if got, _ := c.list.Selected(); got.n != 3 {
		t.Errorf("the first row shows fetch %d, want the whole list's 3, not the older refetch's 2", got.n)
	}
}

// "others Ns old" speaks of the rows off screen: with every row on screen
// there are none, and it is not said.
func TestTheAgeOfOthersOnlyWhenThereAreOthers(t *testing.T) {
	c := newCountersList(t)
	c.run(t, c.list.poll.Start())
	c.now = c.now.Add(time.Minute)
	if age := c.list.tiers.age(); age != "others 1m old (ctrl+r)" {
		t.Errorf("100 rows, 10 on screen: %q", age)
	}
	c.list.SetSize(40, 120) // all 100 on screen
	if age := c.list.tiers.age(); age != "" {
		t.Errorf("every row on screen: %q", age)
	}
	c.list.SetSize(40, 12)
	c.list.Update(tea.KeyPressMsg{Code: '/', Text: "/"})
	for _, r := range "c00" {
		c.list.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	if age := c.list.tiers.age(); age != "" || len(c.list.shown) != 10 {
		t.Errorf("a filter leaving %d rows, all on screen: %q", len(c.list.shown), age)
	}
}
