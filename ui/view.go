package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/kscope/kscope/keymap"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/pane"
)

func (a *App) View() tea.View {
	v := tea.NewView(a.Render())
	v.AltScreen = true
	if !a.opts.NoMouse {
		v.MouseMode = tea.MouseModeCellMotion
	}
	v.WindowTitle = "kscope " + a.opts.Name
	return v
}

// Render draws the whole screen, exactly the window's size.
func (a *App) Render() string {
	if a.width <= 0 || a.height <= 0 {
		return ""
	}
	body := a.top().View()
	if a.help {
		body = a.helpView()
	}
	status := a.statusView()
	screen := a.headerView() + "\n" + body + "\n" + status
	return scrub(fitScreen(screen, a.width, a.height, strings.Count(status, "\n")+1))
}

// fitScreen pads or cuts s to exactly height lines of at most width cells,
// so a small terminal never wraps or scrolls. Its last status lines stay.
func fitScreen(s string, width, height, status int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > height {
		// The status lines matter more than the last rows of a pane.
		keep := min(status, height)
		lines = append(lines[:height-keep], lines[len(lines)-keep:]...)
	}
	for len(lines) < height {
		lines = append(lines, "")
	}
	for i, l := range lines {
		lines[i] = pane.Fit(l, width)
	}
	return strings.Join(lines, "\n")
}

// statusView is the bottom line: the command being typed, a notice, the
// cluster's error, or the keys that work here.
func (a *App) statusView() string {
	th := a.common.Theme
	switch {
	case a.typing:
		return a.command.View()
	case a.notice != "":
		return a.noticeView()
	case a.conn.err != nil:
		return th.Error.Render(model.Sanitize(a.conn.err.Error()))
	}
	g := a.common.Keys.Global
	hints := a.paneBindings()
	h := a.helpModel()
	if a.top().Capturing() {
		// The pane takes every key but the interrupt: it says its own.
		return h.ShortHelpView(append(hints, g.Interrupt))
	}
	if len(a.stack) > 1 || len(a.history.views) > 0 {
		hints = append(hints, g.Back)
	}
	return h.ShortHelpView(append(hints, g.Command, g.Help, g.Quit))
}

// maxNoticeLines is how many lines a notice may take from the bottom of
// the screen: an expression's error is its message, the expression and
// a caret under the place.
const maxNoticeLines = 4

// noticeView is the notice, a line of the screen for each of its lines
// (each sanitised on its own, so a newline never shows as \n).
func (a *App) noticeView() string {
	lines := strings.Split(a.notice, "\n")
	if len(lines) > maxNoticeLines {
		lines = lines[:maxNoticeLines]
	}
	for i, l := range lines {
		lines[i] = a.common.Theme.Warn.Render(model.Sanitize(l))
	}
	return strings.Join(lines, "\n")
}

// paneBindings are the keys of the pane on top that work here: in
// read-only mode the writes are not offered (they are refused if pressed).
func (a *App) paneBindings() []key.Binding {
	own := a.top().Bindings()
	if a.opts.ReadOnly {
		return keymap.Without(own, writeKeys(a.common.Keys))
	}
	return own
}

func (a *App) helpModel() help.Model {
	th := a.common.Theme
	h := help.New()
	h.SetWidth(a.width)
	h.Styles.ShortKey, h.Styles.FullKey = th.Accent, th.Accent
	h.Styles.ShortDesc, h.Styles.FullDesc = lipgloss.NewStyle(), lipgloss.NewStyle()
	h.Styles.ShortSeparator, h.Styles.FullSeparator, h.Styles.Ellipsis = th.Muted, th.Muted, th.Muted
	return h
}

// helpView is the overlay of every key and command, generated from the key
// map and the route table, so it lists exactly what works. Taller than
// the screen, it scrolls.
func (a *App) helpView() string {
	th := a.common.Theme
	lines, inner := a.helpLines()
	top := clampHelp(a.helpTop, len(lines), inner)
	if len(lines) > inner {
		shown := lines[top : top+inner-1]
		l, g := a.common.Keys.List, a.common.Keys.Global
		more := fmt.Sprintf("lines %d–%d of %d · %s, %s, %s, %s scroll · %s or %s closes", top+1, top+len(shown), len(lines),
			keymap.Key(l.Down), keymap.Key(l.Up), keymap.Key(l.PageUp), keymap.Key(l.PageDown), keymap.Key(g.Help), keymap.Key(g.Back))
		lines = append(shown, th.Muted.Render(ansi.Truncate(more, a.helpWidth(), "…")))
	}
	height := max(a.height-headerLines-1, 0)
	return lipgloss.Place(a.width, height, lipgloss.Center, lipgloss.Center, th.Overlay.Render(strings.Join(lines, "\n")))
}

// helpLines are the help's lines, wrapped to the width the overlay has,
// and how many of them the screen can show.
func (a *App) helpLines() (lines []string, inner int) {
	th := a.common.Theme
	k := a.common.Keys
	groups := [][]key.Binding{k.Global.Bindings(), k.List.Movement()}
	if own := a.paneBindings(); len(own) > 0 {
		groups = append([][]key.Binding{own}, groups...)
	}
	h := a.helpModel()
	h.SetWidth(0)
	var cmds strings.Builder
	names := make([]string, len(views))
	wide := 0
	for i, v := range views {
		names[i] = ":" + v.names[0]
		if u := v.usage(); u != "" {
			names[i] += " " + u
		}
		wide = max(wide, len(names[i]))
	}
	for i, v := range views {
		cmds.WriteString("\n" + th.Accent.Render(padRight(names[i], wide+2)) + v.help)
		if len(v.names) > 1 {
			cmds.WriteString(th.Muted.Render("  (:" + strings.Join(v.names[1:], " :") + ")"))
		}
	}
	for _, name := range sortedKeys(a.commands.aliases) {
		cmds.WriteString("\n" + th.Accent.Render(padRight(":"+model.Sanitize(name), wide+2)) + "your alias: " + model.Sanitize(a.commands.aliases[name]))
	}
	box := th.Title.Render("Keys · "+a.top().Title()) + "\n\n" + h.FullHelpView(groups) +
		"\n\n" + th.Title.Render("Commands") + cmds.String() +
		"\n\n" + th.Muted.Render(keymap.Key(k.Global.Help)+" or "+keymap.Key(k.Global.Back)+" closes this help")
	width := a.helpWidth()
	if lipgloss.Width(box) > width {
		box = lipgloss.NewStyle().Width(width).Render(box)
	}
	inner = max(a.height-headerLines-1-th.Overlay.GetVerticalFrameSize(), 2)
	lines = strings.Split(box, "\n")
	for i, l := range lines {
		// Wrapping leaves runs of the columns' padding whole: cut them.
		lines[i] = ansi.Truncate(strings.TrimRight(l, " "), width, "…")
	}
	return lines, inner
}

// helpWidth is the width inside the help's frame.
func (a *App) helpWidth() int {
	return max(a.width-a.common.Theme.Overlay.GetHorizontalFrameSize(), 10)
}

// clampHelp keeps the help's first line where a screenful still shows.
func clampHelp(top, lines, inner int) int {
	return max(0, min(top, lines-inner+1))
}

// scrollHelp moves the help by a key of the list's movement.
func (a *App) scrollHelp(msg tea.KeyPressMsg) {
	l := a.common.Keys.List
	lines, inner := a.helpLines()
	page := max(inner-2, 1)
	switch {
	case key.Matches(msg, l.Down):
		a.helpTop++
	case key.Matches(msg, l.Up):
		a.helpTop--
	case key.Matches(msg, l.PageDown):
		a.helpTop += page
	case key.Matches(msg, l.PageUp):
		a.helpTop -= page
	case key.Matches(msg, l.Top):
		a.helpTop = 0
	case key.Matches(msg, l.Bottom):
		a.helpTop = len(lines)
	}
	a.helpTop = clampHelp(a.helpTop, len(lines), inner)
}

func padRight(s string, n int) string { return s + strings.Repeat(" ", max(n-len(s), 0)) }
