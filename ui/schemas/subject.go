package schemas

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/pane"
)

// Keys of the subject view, beside the list's movement keys.
var (
	diffKey  = key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "diff with previous"))
	olderKey = key.NewBinding(key.WithKeys("left", "h", "["), key.WithHelp("←/[", "older version"))
	newerKey = key.NewBinding(key.WithKeys("right", "l", "]"), key.WithHelp("→/]", "newer version"))
)

// subject shows one subject's versions: the chosen one formatted, or as
// a diff from the version before it.
type subject struct {
	pane.Scope
	common   pane.Common
	name     string
	fetch    func() tea.Msg
	versions []model.SchemaVersion
	err      error
	loaded   bool
	at       int  // the version shown, an index into versions
	diff     bool // show changes from the version before
	lines    []string
	y        int
	width    int
	height   int
}

// versionsMsg answers a subject's fetch.
type versionsMsg struct {
	owner    *subject
	versions []model.SchemaVersion
	err      error
}

func newSubject(c pane.Common, parent context.Context, r Registry, name string) *subject {
	s := &subject{common: c, name: name}
	within := c
	within.Context = parent // closing the subject, or the pane, cancels its fetch
	s.Scope = within.NewScope()
	ctx := s.Context()
	s.fetch = func() tea.Msg {
		v, err := r.Versions(ctx, name)
		return versionsMsg{owner: s, versions: v, err: err}
	}
	return s
}

func (s *subject) init() tea.Cmd { return s.fetch }

func (s *subject) bindings() []key.Binding { return []key.Binding{olderKey, newerKey, diffKey} }

func (s *subject) setSize(width, height int) {
	s.width, s.height = width, height
	s.clamp()
}

func (s *subject) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case versionsMsg:
		if msg.owner != s {
			return nil
		}
		s.versions, s.err, s.loaded = msg.versions, msg.err, true
		s.common.Masking.Schemas(s.name, s.versions)
		s.at = len(s.versions) - 1
		s.layout()
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, olderKey) && s.at > 0:
			s.at--
			s.layout()
		case key.Matches(msg, newerKey) && s.at < len(s.versions)-1:
			s.at++
			s.layout()
		case key.Matches(msg, diffKey):
			s.diff = !s.diff
			s.layout()
		default:
			s.y, _ = pane.Scroll(s.common.Keys.List, msg, s.y, s.body())
		}
		s.clamp()
	}
	return nil
}

// layout makes the lines of the version shown, coloured when a diff.
func (s *subject) layout() {
	s.lines = nil
	if len(s.versions) == 0 {
		return
	}
	th := s.common.Theme
	v := s.versions[s.at]
	for _, r := range v.References {
		s.lines = append(s.lines, th.Muted.Render(fmt.Sprintf("references %s: %s version %d", model.Sanitize(r.Name), model.Sanitize(r.Subject), r.Version)))
	}
	lines := model.SchemaLines(v)
	if !s.diff || s.at == 0 {
		if s.diff {
			s.lines = append(s.lines, th.Muted.Render("the first version: nothing to compare with"))
		}
		s.lines = append(s.lines, lines...)
		return
	}
	changes, ok := model.Diff(model.SchemaLines(s.versions[s.at-1]), lines)
	if !ok {
		s.lines = append(s.lines, th.Warn.Render("too long to compare line by line"))
		return
	}
	for _, c := range changes {
		line := string(c.Op) + " " + c.Text
		switch c.Op {
		case '+':
			line = th.OK.Render(line)
		case '-':
			line = th.Error.Render(line)
		}
		s.lines = append(s.lines, line)
	}
}

// body is how many lines of the schema fit under the header.
func (s *subject) body() int { return max(s.height-1, 1) }

func (s *subject) clamp() { s.y = max(0, min(s.y, len(s.lines)-s.body())) }

func (s *subject) view() string {
	th := s.common.Theme
	var head string
	switch {
	case !s.loaded:
		head = th.Muted.Render("loading " + model.Sanitize(s.name) + "…")
	case s.err != nil:
		head = th.Error.Render("schema registry: " + model.Sanitize(s.err.Error()))
	case len(s.versions) == 0:
		head = th.Muted.Render(model.Sanitize(s.name) + " has no versions")
	default:
		v := s.versions[s.at]
		head = th.Title.Render(model.Sanitize(v.Subject)) + th.Muted.Render(fmt.Sprintf(" · version %d of %d · id %d · %s", v.Version, len(s.versions), v.ID, v.Type))
		if s.diff && s.at > 0 {
			head += th.Accent.Render(fmt.Sprintf(" · changes from version %d", s.versions[s.at-1].Version))
		}
	}
	out := []string{pane.Fit(head, s.width)}
	end := min(s.y+s.body(), len(s.lines))
	for _, l := range s.lines[s.y:end] {
		out = append(out, ansi.Truncate(l, s.width, "…"))
	}
	for len(out) < s.height {
		out = append(out, "")
	}
	return strings.Join(out, "\n")
}
