package table

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/kscope/kscope/keymap"
)

func rows(n int) []Row {
	out := make([]Row, n)
	for i := range out {
		out[i] = Row{Key: fmt.Sprint(i), Cells: []string{fmt.Sprintf("row-%d", i), fmt.Sprint(i)}}
	}
	return out
}

func newTable(n, height int) Model {
	m := New([]Column{{Title: "NAME", Width: 6, Flex: true}, {Title: "N", Width: 4, Align: Right}},
		keymap.Default().List, Styles{}, "nothing")
	m.SetSize(20, height)
	m.SetRows(rows(n))
	return m
}

func press(m *Model, keys ...string) {
	for _, k := range keys {
		switch k {
		case "end":
			m.Update(tea.KeyPressMsg{Code: tea.KeyEnd})
		case "pgdown":
			m.Update(tea.KeyPressMsg{Code: tea.KeyPgDown})
		default:
			m.Update(tea.KeyPressMsg{Code: rune(k[0]), Text: k})
		}
	}
}

func TestViewShowsTheCursorsWindow(t *testing.T) {
	m := newTable(100, 5) // a header and four rows
	press(&m, "j", "j", "j", "j", "j")
	got := strings.Split(m.View(), "\n")
	// NAME takes what the 4-wide N and the 2-wide gap leave of 20: 14.
	want := []string{
		"NAME               N",
		"row-2              2",
		"row-3              3",
		"row-4              4",
		"row-5              5",
	}
	if len(got) != len(want) {
		t.Fatalf("got %d lines, want %d:\n%s", len(got), len(want), m.View())
	}
	for i := range want {
		if strings.TrimRight(got[i], " ") != want[i] {
			t.Errorf("line %d = %q, want %q", i, got[i], want[i])
		}
	}
	if sel, _ := m.Selected(); sel.Key != "5" {
		t.Errorf("selected %q, want 5", sel.Key)
	}
	press(&m, "end")
	if sel, _ := m.Selected(); sel.Key != "99" || !strings.Contains(m.View(), "row-99") {
		t.Errorf("end selected %q", sel.Key)
	}
	press(&m, "g")
	if sel, _ := m.Selected(); sel.Key != "0" || !strings.Contains(m.View(), "row-0") {
		t.Errorf("g selected %q", sel.Key)
	}
}

func TestSelectionFollowsTheRowAcrossRefreshes(t *testing.T) {
	m := newTable(10, 5)
	press(&m, "j", "j", "j")
	reordered := rows(10)
	for i, j := 0, len(reordered)-1; i < j; i, j = i+1, j-1 {
		reordered[i], reordered[j] = reordered[j], reordered[i]
	}
	m.SetRows(reordered)
	if sel, _ := m.Selected(); sel.Key != "3" {
		t.Errorf("after reorder selected %q, want 3", sel.Key)
	}
	m.SetRows(rows(2)) // row 3 is gone: stay in range
	if sel, ok := m.Selected(); !ok || sel.Key != "1" {
		t.Errorf("after shrink selected %q %v, want 1", sel.Key, ok)
	}
	m.SetRows(nil)
	if _, ok := m.Selected(); ok || !strings.Contains(m.View(), "nothing") {
		t.Errorf("empty table: %q", m.View())
	}
}

func TestViewCostsVisibleRows(t *testing.T) {
	m := newTable(100_000, 10)
	press(&m, "pgdown")
	if n := strings.Count(m.View(), "\n"); n != 9 {
		t.Errorf("drew %d lines for a height of 10", n+1)
	}
}

func TestLayoutSharesLeftoverWidth(t *testing.T) {
	cols := []Column{{Width: 4}, {Width: 5, Flex: true}, {Width: 5, Flex: true}}
	got := layout(cols, 30) // 4 + 2 gaps of 2 = 8 fixed, 22 for the flexible pair
	if got[0] != 4 || got[1]+got[2] != 22 || got[1]-got[2] > 1 {
		t.Errorf("layout = %v", got)
	}
	if got := layout(cols, 5); got[1] != 5 || got[2] != 5 {
		t.Errorf("too narrow still keeps least widths: %v", got)
	}
}

func TestRowsAreStyledByTone(t *testing.T) {
	warn := lipgloss.NewStyle().Foreground(lipgloss.Color("#ff0000"))
	m := New([]Column{{Title: "NAME", Width: 6}}, keymap.Default().List,
		Styles{Selected: lipgloss.NewStyle().Reverse(true), Tones: map[Tone]lipgloss.Style{Warn: warn}}, "")
	m.SetSize(10, 3)
	m.SetRows([]Row{{Key: "a", Cells: []string{"a"}}, {Key: "b", Cells: []string{"b"}, Tone: Warn}})
	lines := strings.Split(m.View(), "\n")
	if want := warn.Render(ansi.Truncate("b         ", 10, "")); lines[2] != want {
		t.Errorf("warn row = %q, want %q", lines[2], want)
	}
	if !strings.Contains(lines[1], "\x1b[7m") {
		t.Errorf("selected row %q is not reversed", lines[1])
	}
}

// Wide characters (emoji, CJK, two cells each) and combining marks never
// push a column off its place: every line is exactly the table's width,
// and the right-hand column stays aligned.
func TestWideCharactersKeepColumnsInPlace(t *testing.T) {
	m := New([]Column{{Title: "NAME", Width: 6, Flex: true}, {Title: "N", Width: 4, Align: Right}}, keymap.Default().List, Styles{}, "")
	m.SetSize(24, 6)
	m.SetRows([]Row{
		{Key: "a", Cells: []string{"🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀", "1"}},
		{Key: "b", Cells: []string{"日本語のトピック名です", "22"}},
		{Key: "c", Cells: []string{"e\u0301e\u0301e\u0301 👩‍👩‍👧‍👦 flag 🇫🇷", "333"}},
		{Key: "d", Cells: []string{"plain", "4444"}},
	})
	lines := strings.Split(m.View(), "\n")[:5] // the header and four rows
	for i, l := range lines {
		if w := ansi.StringWidth(l); w != 24 {
			t.Errorf("line %d is %d cells wide, want 24: %q", i, w, l)
		}
	}
	for i, want := range []string{"1", "22", "333", "4444"} {
		if l := ansi.Strip(lines[i+1]); !strings.HasSuffix(l, want) {
			t.Errorf("row %d does not end with its number: %q", i, l)
		}
	}
}

// When the least widths do not fit, the yielding columns give way in
// their order, shrinking to a Min or dropping out, and the row draws
// without them.
func TestColumnsYieldInOrder(t *testing.T) {
	cols := []Column{{Title: "A", Width: 10, Yield: 1}, {Title: "B", Width: 10, Yield: 2, Min: 4}, {Title: "C", Width: 10, Flex: true}}
	for _, c := range []struct {
		width int
		want  []int
	}{
		{40, []int{10, 10, 16}}, // everything fits
		{30, []int{0, 10, 18}},  // A goes first
		{20, []int{0, 4, 14}},   // then B shrinks
		{10, []int{0, 4, 10}},   // C keeps its least; the line is cut
	} {
		if got := layout(cols, c.width); !slices.Equal(got, c.want) {
			t.Errorf("width %d: %v, want %v", c.width, got, c.want)
		}
	}
	m := New(cols, keymap.Default().List, Styles{}, "")
	m.SetSize(20, 2)
	m.SetRows([]Row{{Key: "1", Cells: []string{"aaaaaaaaaa", "bbbbbbbbbb", "cc"}}})
	if got := strings.Split(m.View(), "\n")[1]; got != "bbb…  cc            " {
		t.Errorf("row at 20 wide: %q", got)
	}
}

// liveRows is a Source that is a view of data the caller changes in place,
// as a list's rows are of its items.
type liveRows struct{ names *[]string }

func (r liveRows) Len() int         { return len(*r.names) }
func (r liveRows) Key(i int) string { return (*r.names)[i] }
func (r liveRows) Row(i int) Row    { return Row{Key: (*r.names)[i], Cells: []string{(*r.names)[i], ""}} }

// A Source's rows are made as they are drawn, and the selection follows
// its row even when the data behind the Source changed before SetSource.
func TestSelectionFollowsItsRowInALiveSource(t *testing.T) {
	m := newTable(0, 5)
	names := []string{"alpha", "beta", "gamma"}
	m.SetSource(liveRows{&names})
	m.Update(tea.KeyPressMsg{Code: tea.KeyDown}) // beta
	names = []string{"beta", "gamma", "alpha"}   // reordered by the time the table looks
	m.SetSource(liveRows{&names})
	if row, _ := m.Selected(); row.Key != "beta" {
		t.Errorf("selected %q after a reorder, want beta", row.Key)
	}
}
