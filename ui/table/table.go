// Package table is the scrolling table every kscope pane draws with. Unlike
// bubbles' table it colours whole rows by meaning (a lagging group, an
// under-replicated partition), right-aligns numbers, gives leftover width to
// flexible columns, and keeps the selected row by identity when a refresh
// reorders the rows. Drawing costs O(visible rows), however many rows it holds.
package table

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/kscope/kscope/keymap"
	"github.com/kscope/kscope/model"
)

// Align is where a cell's text sits in its column.
type Align int

const (
	Left Align = iota
	Right
)

// Column is one column of the table.
type Column struct {
	Title string
	Width int  // the column's width, or its least width when Flex
	Flex  bool // shares the width the fixed columns leave
	// Max caps a flexible column, so a long name does not push the
	// numbers beside it to the far edge of a wide screen; 0: no cap.
	Max   int
	Align Align
	// Yield and Drop order what gives way when the least widths do not
	// fit: lowest first, until the rest fit, a column shrinks to its Min
	// at its Yield (or is dropped, without a Min), and is dropped at its
	// Drop. Columns with neither keep their width, and are cut at the edge.
	Yield int
	Min   int
	Drop  int
}

// Tone is what a row means, and so how it is coloured.
type Tone int

const (
	Normal Tone = iota
	Muted
	Warn
	Error
)

// Row is one row. Cells are plain text; the table escapes what is not
// safe to print (model.Sanitize), so callers can hand it cluster strings.
type Row struct {
	Key   string // identity: the selection follows it across SetRows
	Cells []string
	Tone  Tone
}

// Styles colour the table.
type Styles struct {
	Header   lipgloss.Style
	Selected lipgloss.Style
	Tones    map[Tone]lipgloss.Style
}

const gap = 2 // spaces between columns

// Source gives a table its rows on demand, so a table of 100,000 rows
// formats only the ones it draws. Key must be cheap: the selection looks
// for its row's key among them all when the rows change.
type Source interface {
	Len() int
	Key(i int) string
	Row(i int) Row
}

// Rows is a Source of rows made beforehand.
type Rows []Row

func (r Rows) Len() int         { return len(r) }
func (r Rows) Key(i int) string { return r[i].Key }
func (r Rows) Row(i int) Row    { return r[i] }

// Model is a table with a cursor.
type Model struct {
	cols   []Column
	shown  []int // the columns shown, by index, in order: all, as declared, unless chosen
	widths []int // by column index; 0 for one not shown
	rows   Source
	cursor int
	// sel is the selected row's key, kept as the cursor moves: a Source
	// may be a view of data that has changed by the time SetSource looks.
	sel    string
	offset int // index of the first visible row
	width  int
	height int // including the header line
	styles Styles
	keys   keymap.List
	empty  string
}

// New makes an empty table; empty is what it says when it has no rows.
func New(cols []Column, keys keymap.List, styles Styles, empty string) Model {
	return Model{cols: slices.Clone(cols), shown: every(len(cols)), rows: Rows(nil), keys: keys, styles: styles, empty: empty} // SetTitle changes its own
}

// SetSize sets the table's size in cells, its header line included.
func (m *Model) SetSize(width, height int) {
	m.width, m.height = max(width, 0), max(height, 0)
	m.widths = m.layout()
	m.scroll()
}

// Choose shows only the columns titled, in that order (the user's
// choice, from the config); none: every column, as declared. A title it
// does not have is an error, naming those it has.
func (m *Model) Choose(titles []string) error {
	order, err := Choose(m.cols, titles)
	if err != nil {
		return err
	}
	m.shown = order
	if order == nil {
		m.shown = every(len(m.cols))
	}
	m.widths = m.layout()
	return nil
}

// Choose is the indices of the columns titled, in their order, matched
// in any case; nil for none.
func Choose(cols []Column, titles []string) ([]int, error) {
	if len(titles) == 0 {
		return nil, nil
	}
	var order []int
	for _, t := range titles {
		i := slices.IndexFunc(cols, func(c Column) bool { return strings.EqualFold(c.Title, t) })
		switch {
		case i < 0:
			names := make([]string, len(cols))
			for n, c := range cols {
				names[n] = c.Title
			}
			return nil, fmt.Errorf("no column %q; it has %s", t, strings.Join(names, ", "))
		case slices.Contains(order, i):
			return nil, fmt.Errorf("column %q named twice", t)
		}
		order = append(order, i)
	}
	return order, nil
}

// every is n columns' indices, in order.
func every(n int) []int {
	all := make([]int, n)
	for i := range all {
		all[i] = i
	}
	return all
}

// layout lays out the columns shown; the others get no width.
func (m Model) layout() []int {
	cols := make([]Column, len(m.shown))
	for n, i := range m.shown {
		cols[n] = m.cols[i]
	}
	laid := layout(cols, m.width)
	widths := make([]int, len(m.cols))
	for n, i := range m.shown {
		widths[i] = laid[n]
	}
	return widths
}

// SetTitle renames column i: "TIME (UTC)".
func (m *Model) SetTitle(i int, title string) { m.cols[i].Title = title }

// Width is column i's laid-out width; 0 when it gave way to the others.
func (m Model) Width(i int) int {
	if i >= len(m.widths) {
		return 0
	}
	return m.widths[i]
}

// SetEmpty changes what the table says when it has no rows.
func (m *Model) SetEmpty(s string) { m.empty = s }

// SetRows replaces the rows. The selection stays on the row with the same
// key if there still is one, else on the same position.
func (m *Model) SetRows(rows []Row) { m.SetSource(Rows(rows)) }

// SetSource replaces the rows with rows made as they are drawn, keeping
// the selection as SetRows does.
func (m *Model) SetSource(src Source) {
	if m.cursor >= 0 && m.sel != "" {
		for i := range src.Len() {
			if src.Key(i) == m.sel {
				m.cursor = i
				break
			}
		}
	}
	m.rows = src
	m.cursor = clamp(m.cursor, 0, src.Len()-1)
	m.moved()
}

// moved scrolls to the cursor and notes the key of its row.
func (m *Model) moved() {
	m.scroll()
	m.sel = ""
	if m.cursor >= 0 && m.cursor < m.rows.Len() {
		m.sel = m.rows.Key(m.cursor)
	}
}

// Shown is the range of rows on screen, from and to as in a slice.
func (m Model) Shown() (from, to int) {
	return m.offset, min(m.offset+m.visible(), m.rows.Len())
}

// SetCursor selects the i-th row.
func (m *Model) SetCursor(i int) {
	m.cursor = clamp(i, 0, m.rows.Len()-1)
	m.moved()
}

// Unselect leaves no row selected, until the next SetRows or SetCursor:
// for a list whose selected item is gone.
func (m *Model) Unselect() { m.cursor = -1 }

// Clicked is what a click on a table did.
type Clicked int

const (
	Missed   Clicked = iota // no row is drawn there
	Selected                // it selected the row
	Again                   // the row was selected already: a click that opens it
)

// Click selects the row drawn on line y of the table (its header is
// line 0) and says whether there was one and whether it was selected
// already.
func (m *Model) Click(y int) Clicked {
	row := m.offset + y - 1
	if y < 1 || y > m.visible() || row >= m.rows.Len() {
		return Missed
	}
	if m.cursor == row {
		return Again
	}
	m.cursor = row
	m.moved()
	return Selected
}

// Len is the number of rows.
func (m Model) Len() int { return m.rows.Len() }

// Index is the cursor's row, -1 with none selected.
func (m Model) Index() int {
	if m.cursor >= m.rows.Len() {
		return -1
	}
	return m.cursor
}

// Selected is the row under the cursor.
func (m Model) Selected() (Row, bool) {
	if m.cursor < 0 || m.cursor >= m.rows.Len() {
		return Row{}, false
	}
	return m.rows.Row(m.cursor), true
}

// Update moves the cursor for the list movement keys and reports whether the
// key was one of them.
func (m *Model) Update(msg tea.KeyPressMsg) bool {
	page := max(m.visible()-1, 1)
	switch {
	case key.Matches(msg, m.keys.Up):
		m.cursor--
	case key.Matches(msg, m.keys.Down):
		m.cursor++
	case key.Matches(msg, m.keys.PageUp):
		m.cursor -= page
	case key.Matches(msg, m.keys.PageDown):
		m.cursor += page
	case key.Matches(msg, m.keys.Top):
		m.cursor = 0
	case key.Matches(msg, m.keys.Bottom):
		m.cursor = m.rows.Len() - 1
	default:
		return false
	}
	m.cursor = clamp(m.cursor, 0, m.rows.Len()-1)
	m.moved()
	return true
}

// Position says which rows are on screen when some are not, as
// " · rows 1–12 of 30, 18 more below"; "" when every row shows.
func (m Model) Position() string {
	n := m.visible()
	if m.rows.Len() <= n || n == 0 {
		return ""
	}
	last := min(m.offset+n, m.rows.Len())
	s := fmt.Sprintf(" · rows %d–%d of %d", m.offset+1, last, m.rows.Len())
	if below := m.rows.Len() - last; below > 0 {
		s += fmt.Sprintf(", %d more below", below)
	}
	return s
}

// visible is how many rows fit under the header.
func (m Model) visible() int { return max(m.height-1, 0) }

// scroll moves the window the least needed to keep the cursor in it.
func (m *Model) scroll() {
	n := m.visible()
	switch {
	case m.cursor < m.offset:
		m.offset = m.cursor
	case m.cursor >= m.offset+n:
		m.offset = m.cursor - n + 1
	}
	m.offset = clamp(m.offset, 0, m.rows.Len()-n)
}

// View draws the header and the visible rows, height lines in all.
func (m Model) View() string {
	if m.height == 0 || m.width == 0 {
		return ""
	}
	var b strings.Builder
	titles := make([]string, len(m.cols))
	for i, c := range m.cols {
		titles[i] = c.Title
	}
	b.WriteString(m.styles.Header.Render(m.line(titles)))
	n := m.visible()
	end := min(m.offset+n, m.rows.Len())
	for i := m.offset; i < end; i++ {
		row := m.rows.Row(i)
		b.WriteByte('\n')
		b.WriteString(m.rowStyle(i, row.Tone).Render(m.line(row.Cells)))
	}
	drawn := end - m.offset
	if m.rows.Len() == 0 && n > 0 {
		b.WriteByte('\n')
		b.WriteString(m.styles.Tones[Muted].Render(ansi.Truncate(model.Sanitize(m.empty), m.width, "…")))
		drawn = 1
	}
	b.WriteString(strings.Repeat("\n", n-drawn))
	return b.String()
}

func (m Model) rowStyle(i int, tone Tone) lipgloss.Style {
	if i == m.cursor {
		return m.styles.Selected
	}
	return m.styles.Tones[tone]
}

// line lays cells out in their columns, exactly the table's width wide.
func (m Model) line(cells []string) string {
	var b strings.Builder
	first := true
	for _, i := range m.shown {
		w := m.widths[i]
		if w == 0 && m.cols[i].Width > 0 {
			continue // it gave way
		}
		if !first {
			b.WriteString(strings.Repeat(" ", gap))
		}
		first = false
		var cell string
		if i < len(cells) {
			cell = ansi.Truncate(model.Sanitize(cells[i]), w, "…")
		}
		pad := strings.Repeat(" ", max(w-ansi.StringWidth(cell), 0))
		if m.cols[i].Align == Right {
			b.WriteString(pad + cell)
		} else {
			b.WriteString(cell + pad)
		}
	}
	s := ansi.Truncate(b.String(), m.width, "")
	return s + strings.Repeat(" ", max(m.width-ansi.StringWidth(s), 0))
}

// layout gives fixed columns their width and shares what is left among the
// flexible ones. When the least widths do not fit, the columns that yield
// give way, lowest Yield first, until the rest do; when even that is not
// enough, the line is cut at the table's edge, so the columns on the right
// go first.
func layout(cols []Column, width int) []int {
	widths := make([]int, len(cols))
	shown := 0
	for i, c := range cols {
		widths[i] = c.Width
		shown++
	}
	used := func() int {
		total := gap * max(shown-1, 0)
		for _, w := range widths {
			total += w
		}
		return total
	}
	for _, g := range givings(cols) {
		if used() <= width {
			break
		}
		if widths[g.col] == 0 {
			continue
		}
		widths[g.col] = g.to
		if g.to == 0 {
			shown--
		}
	}
	grow(cols, widths, max(width-used(), 0))
	return widths
}

// grow shares extra among the flexible columns still shown, evenly, none
// past its Max: what a capped column cannot take goes to the others.
func grow(cols []Column, widths []int, extra int) {
	for extra > 0 {
		var open []int
		for i, c := range cols {
			if c.Flex && widths[i] > 0 && (c.Max == 0 || widths[i] < c.Max) {
				open = append(open, i)
			}
		}
		if len(open) == 0 {
			return
		}
		given := 0
		for n, i := range open {
			share := (extra - given) / (len(open) - n)
			if c := cols[i]; c.Max > 0 {
				share = min(share, c.Max-widths[i])
			}
			widths[i] += share
			given += share
		}
		if given == 0 {
			return
		}
		extra -= given
	}
}

// giving is one step of a column giving way: to a width, 0 for none.
type giving struct{ order, col, to int }

// givings are the steps columns may give way by, in the order they do.
func givings(cols []Column) []giving {
	var out []giving
	for i, c := range cols {
		if c.Yield > 0 {
			out = append(out, giving{c.Yield, i, c.Min})
		}
		if c.Drop > 0 {
			out = append(out, giving{c.Drop, i, 0})
		}
	}
	slices.SortStableFunc(out, func(a, b giving) int { return a.order - b.order })
	return out
}

func clamp(v, lo, hi int) int { return max(lo, min(v, hi)) }
