package pane

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/charmbracelet/x/ansi"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/table"
	"github.com/kscope/kscope/ui/theme"
)

// ListSpec is what makes a list pane: what it lists, how it fetches the
// items and how one reads as a row. The rest is List's.
type ListSpec[T any] struct {
	Name    string // the view's name, for the columns the user chose: "acls"
	Title   string // in the breadcrumb: "acls"
	Heading string // what the list is of, first on the summary line: "orders"; "" for none
	Noun    string // the items, plural: "ACLs"
	Columns []table.Column
	Fetch   func(context.Context) ([]T, error)
	Row     func(item T, now time.Time) table.Row
	// Text is what the filter's words are looked for in, in any case;
	// nil: the pane has no filter.
	Text func(T) string
	// Order sorts the items as they are shown; nil keeps the fetched order.
	Order func(items []T, now time.Time)
	// Select, when set, chooses and orders the items shown for the typed
	// filter in place of Text and Order: a pane with its own query (the
	// topics', with its sort and internal topics) gives it here.
	Select func(items []T, filter string) []T
	// Take sees each good answer before it is shown: when it was asked
	// for, and whether it lists every item or only those Refetch asked
	// for. It returns what to show of it, and a command or nil. A pane
	// that measures rates between polls, or judges items against their
	// history, gives it here; nil shows the answer as it is.
	Take func(items []T, at time.Time, all bool) ([]T, tea.Cmd)
	// Key names an item. With it the rows are made only as they are
	// drawn, so a list of 100,000 items costs a screenful to show.
	Key func(T) string
	// Refetch, given with Key, fetches the named items alone. The rows on
	// screen are then refetched at every refresh interval, and as soon as
	// others come on screen, while Fetch, the whole list, is paced to a
	// small share of the time (see Poll.Pace): a big cluster costs what
	// the screen shows.
	Refetch func(ctx context.Context, keys []string) ([]T, error)
	// Empty is what the table says when the cluster has none.
	Empty string
	// Summary is what the summary line says after the count, already
	// styled: "2 open"; nil says nothing more.
	Summary func(items []T, now time.Time, th *theme.Theme) string
	// Keys are the pane's own, beside the filter's and the cursor's.
	Keys []ListKey[T]
}

// ListKey is a key of a list pane's own and what it asks for, given the
// selected item (ok is false when none is): an ActMsg, a NoticeMsg, or nil
// for nothing.
type ListKey[T any] struct {
	Binding key.Binding
	Do      func(item T, ok bool) tea.Msg
}

// OnSelected is a ListKey's Do that asks for msg of the selected item, and
// for nothing when none is.
func OnSelected[T any](msg func(T) tea.Msg) func(T, bool) tea.Msg {
	return func(item T, ok bool) tea.Msg {
		if !ok {
			return nil
		}
		return msg(item)
	}
}

// Always is a ListKey's Do that asks for msg, whatever is selected.
func Always[T any](msg tea.Msg) func(T, bool) tea.Msg {
	return func(T, bool) tea.Msg { return msg }
}

// List is the plumbing every list pane shares: it polls its items, keeps
// the latest good answer (saying when a refresh failed), narrows them with
// a "/" filter whose words must all appear, and draws them under a summary
// line, with loading, empty and error states. A pane is a ListSpec: its
// columns, its rows and its own keys.
type List[T any] struct {
	Scope
	common Common
	spec   ListSpec[T]
	poll   *Poll[[]T]
	latest Latest[[]T]
	tiers  *onScreen[T] // nil without Refetch
	filter FilterInput
	table  table.Model
	shown  []T // the items in the rows' order
	width  int
}

// NewList makes a list pane from its spec.
func NewList[T any](c Common, spec ListSpec[T]) *List[T] {
	l := &List[T]{
		Scope:  c.NewScope(),
		common: c,
		spec:   spec,
		filter: NewFilterInput(c.Keys.Input, "filter: every word must appear"),
		table:  table.New(spec.Columns, c.Keys.List, c.TableStyles(), "loading "+spec.Noun+"…"),
	}
	_ = l.table.Choose(c.Columns[spec.Name]) // checked before the TUI started (ui.CheckColumns)
	l.poll = NewPoll(c, l.Context, spec.Fetch)
	if spec.Refetch != nil && spec.Key != nil {
		l.poll.Pace(WholeShare)
		l.tiers = newOnScreen(l)
	}
	return l
}

// Init fetches the items now: when the pane opens, and when it is back on
// top after a dialog changed them.
func (l *List[T]) Init() tea.Cmd {
	if l.tiers != nil {
		return tea.Batch(l.poll.Start(), l.tiers.poll.Start())
	}
	return l.poll.Start()
}

func (l *List[T]) Title() string { return l.spec.Title }

func (l *List[T]) Capturing() bool { return l.filter.Active() }

// filters reports whether the list has a "/" filter.
func (l *List[T]) filters() bool { return l.spec.Text != nil || l.spec.Select != nil }

// Bindings are the filter's key, if the list has one, then the pane's own.
func (l *List[T]) Bindings() []key.Binding {
	var out []key.Binding
	if l.filters() {
		out = append(out, l.common.Keys.List.Filter)
	}
	for _, k := range l.spec.Keys {
		out = append(out, k.Binding)
	}
	if l.tiers != nil {
		out = append(out, l.common.Keys.List.Refresh)
	}
	return out
}

// Back clears the filter, if one is set.
func (l *List[T]) Back() bool {
	if l.filter.Value() == "" {
		return false
	}
	l.filter.Clear()
	l.refresh()
	return true
}

func (l *List[T]) SetSize(width, height int) {
	l.width = width
	l.filter.SetWidth(width)
	l.table.SetSize(width, height-1)
}

// Selected is the item under the cursor.
func (l *List[T]) Selected() (T, bool) {
	i := l.table.Index()
	if i < 0 || i >= len(l.shown) {
		var none T
		return none, false
	}
	return l.shown[i], true
}

// Click selects the row on line y, under the summary line.
func (l *List[T]) Click(y int) table.Clicked { return l.table.Click(y - 1) }

// Update takes the polls' answers, the filter's typing and the moves of
// the cursor, and the pane's own keys.
func (l *List[T]) Update(msg tea.Msg) tea.Cmd {
	if answer, ok, cmd := l.poll.Update(msg); ok || cmd != nil {
		if ok {
			cmd = tea.Batch(cmd, l.takeAll(answer))
		}
		return cmd
	}
	if l.tiers != nil {
		if answer, ok, cmd := l.tiers.poll.Update(msg); ok || cmd != nil {
			if ok {
				cmd = tea.Batch(cmd, l.tiers.take(answer))
			}
			return cmd
		}
	}
	kp, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	cmd := l.key(kp)
	if l.tiers != nil {
		// Rows that came on screen are fetched now, not at the next tick.
		cmd = tea.Batch(cmd, l.tiers.follow())
	}
	return cmd
}

// takeAll takes an answer of the whole list.
func (l *List[T]) takeAll(answer Fetched[[]T]) tea.Cmd {
	var cmd tea.Cmd
	if answer.Err == nil {
		answer.Value, cmd = l.take(answer.Value, answer.At, true)
	}
	if l.latest.Take(answer) {
		l.table.SetEmpty(fmt.Sprintf("cannot list %s: %s", l.spec.Noun, model.Sanitize(answer.Err.Error())))
	}
	if answer.Err == nil && l.tiers != nil {
		l.tiers.index(answer)
	}
	l.refresh()
	return cmd
}

// take hands a good answer to the spec's Take.
func (l *List[T]) take(items []T, at time.Time, all bool) ([]T, tea.Cmd) {
	if l.spec.Take == nil {
		return items, nil
	}
	return l.spec.Take(items, at, all)
}

// Amend changes the items in place, as the pane's own news requires
// (the groups pane judges them again once their history is seeded), and
// shows them.
func (l *List[T]) Amend(change func(items []T)) {
	change(l.latest.Value)
	l.refresh()
}

func (l *List[T]) key(kp tea.KeyPressMsg) tea.Cmd {
	switch {
	case l.filter.Active():
		cmd := l.filter.Update(kp)
		l.refresh()
		return cmd
	case l.filters() && key.Matches(kp, l.common.Keys.List.Filter):
		return l.filter.Focus()
	case l.tiers != nil && key.Matches(kp, l.common.Keys.List.Refresh):
		return l.poll.Start()
	}
	for _, k := range l.spec.Keys {
		if key.Matches(kp, k.Binding) {
			item, ok := l.Selected()
			msg := k.Do(item, ok)
			l.refresh() // a key may have changed the pane's own query
			if msg != nil {
				return Cmd(msg)
			}
			return nil
		}
	}
	l.table.Update(kp)
	return nil
}

// refresh rebuilds the rows from the latest items and the filter.
func (l *List[T]) refresh() {
	now := l.common.Now()
	words := strings.Fields(strings.ToLower(l.filter.Value()))
	if l.spec.Select != nil {
		l.shown = l.spec.Select(l.latest.Value, l.filter.Value())
	} else {
		l.shown = l.shown[:0]
		for _, item := range l.latest.Value {
			if len(words) == 0 || containsAll(strings.ToLower(l.spec.Text(item)), words) {
				l.shown = append(l.shown, item)
			}
		}
		if l.spec.Order != nil {
			l.spec.Order(l.shown, now)
		}
	}
	if l.spec.Key != nil {
		l.table.SetSource(listRows[T]{l, now})
	} else {
		rows := make([]table.Row, len(l.shown))
		for i, item := range l.shown {
			rows[i] = l.spec.Row(item, now)
		}
		l.table.SetRows(rows)
	}
	switch {
	case !l.latest.Loaded:
	case len(words) > 0:
		l.table.SetEmpty("no " + l.spec.Noun + " match " + strconv.Quote(l.filter.Value()))
	default:
		l.table.SetEmpty(l.spec.Empty)
	}
}

// listRows are a list's rows, made as the table draws them.
type listRows[T any] struct {
	l   *List[T]
	now time.Time
}

func (r listRows[T]) Len() int            { return len(r.l.shown) }
func (r listRows[T]) Key(i int) string    { return r.l.spec.Key(r.l.shown[i]) }
func (r listRows[T]) Row(i int) table.Row { return r.l.spec.Row(r.l.shown[i], r.now) }

func containsAll(text string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(text, w) {
			return false
		}
	}
	return true
}

// cutName is the selected row's name (its first cell) when its column
// is too narrow to show it whole, for the summary line; "" otherwise.
func (l *List[T]) cutName() string {
	row, ok := l.table.Selected()
	if !ok || len(row.Cells) == 0 {
		return ""
	}
	name := model.Sanitize(row.Cells[0])
	if ansi.StringWidth(name) <= l.table.Width(0) {
		return ""
	}
	return name
}

// View is the summary line (or the filter being typed) over the table.
func (l *List[T]) View() string {
	if l.filter.Active() {
		return l.filter.View() + "\n" + l.table.View()
	}
	th := l.common.Theme
	all := len(l.latest.Value)
	count := model.Count(all) + " " + l.spec.Noun
	if l.filters() {
		count = model.Count(l.table.Len()) + " of " + count
	}
	line := th.Muted.Render(count)
	if l.spec.Heading != "" {
		line = th.Title.Render(model.Sanitize(l.spec.Heading)) + th.Muted.Render(" · ") + line
	}
	// A failure first: on a narrow screen it matters more than the rest.
	if stale := l.latest.Stale(); stale != "" {
		line += th.Error.Render(" · " + model.Sanitize(stale))
	}
	if name := l.cutName(); name != "" {
		line += th.Muted.Render(" · ") + th.Accent.Render("▸ "+name)
	}
	if l.spec.Summary != nil {
		if more := l.spec.Summary(l.latest.Value, l.common.Now(), th); more != "" {
			line += th.Muted.Render(" · ") + more
		}
	}
	if v := l.filter.Value(); v != "" {
		line += th.Muted.Render(" · filter: " + strconv.Quote(v))
	}
	if l.tiers != nil {
		if age := l.tiers.age(); age != "" {
			line += th.Muted.Render(" · " + age)
		}
	}
	return Fit(line, l.width) + "\n" + l.table.View()
}
