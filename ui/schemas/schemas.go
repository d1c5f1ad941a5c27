// Package schemas is the schema registry pane: its subjects, and one
// subject's versions, each formatted or as a diff from the one before.
package schemas

import (
	"context"
	"fmt"
	"strconv"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/pane"
	"github.com/kscope/kscope/ui/table"
)

// Registry is what the pane asks of a schema registry.
type Registry interface {
	Subjects(ctx context.Context) ([]model.Subject, error)
	Versions(ctx context.Context, subject string) ([]model.SchemaVersion, error)
}

// Model is the subjects list, with a subject open above it.
type Model struct {
	pane.Scope
	common   pane.Common
	registry Registry
	poll     *pane.Poll[[]model.Subject]
	subjects []model.Subject
	err      error
	table    table.Model
	open     *subject
	width    int
	height   int
}

var columns = []table.Column{
	{Title: "SUBJECT", Width: 20, Flex: true},
	{Title: "TYPE", Width: 8},
	{Title: "VERSIONS", Width: 8, Align: table.Right},
	{Title: "LATEST ID", Width: 9, Align: table.Right},
	{Title: "COMPATIBILITY", Width: 22},
	{Title: "TOPIC", Width: 16, Flex: true},
}

// New makes the pane; with name set it opens that subject at once.
func New(c pane.Common, r Registry, name string) *Model {
	m := &Model{
		Scope:    c.NewScope(),
		common:   c,
		registry: r,
		table:    table.New(columns, c.Keys.List, c.TableStyles(), "loading subjects…"),
	}
	m.poll = pane.NewPoll(c, m.Context, r.Subjects)
	if name != "" {
		m.open = newSubject(c, m.Context(), r, name)
	}
	return m
}

func (m *Model) Init() tea.Cmd {
	if m.open != nil {
		return tea.Batch(m.poll.Start(), m.open.init())
	}
	return m.poll.Start()
}

func (m *Model) Title() string {
	if m.open != nil {
		return "schemas › " + model.Sanitize(m.open.name)
	}
	return "schemas"
}

func (m *Model) Capturing() bool { return false }

func (m *Model) Bindings() []key.Binding {
	if m.open != nil {
		return m.open.bindings()
	}
	return []key.Binding{m.common.Keys.List.Open}
}

// Back closes the open subject.
func (m *Model) Back() bool {
	if m.open == nil {
		return false
	}
	m.open.Close()
	m.open = nil
	return true
}

func (m *Model) SetSize(width, height int) {
	m.width, m.height = width, height
	m.table.SetSize(width, height-1)
	if m.open != nil {
		m.open.setSize(width, height)
	}
}

func (m *Model) Update(msg tea.Msg) tea.Cmd {
	if answer, ok, cmd := m.poll.Update(msg); ok || cmd != nil {
		if ok {
			m.subjects, m.err = answer.Value, answer.Err
			m.apply()
		}
		return cmd
	}
	if m.open != nil {
		return m.open.update(msg)
	}
	if msg, ok := msg.(tea.KeyPressMsg); ok {
		if key.Matches(msg, m.common.Keys.List.Open) {
			if row, ok := m.table.Selected(); ok {
				m.open = newSubject(m.common, m.Context(), m.registry, row.Key)
				m.open.setSize(m.width, m.height)
				return m.open.init()
			}
			return nil
		}
		m.table.Update(msg)
	}
	return nil
}

func (m *Model) apply() {
	rows := make([]table.Row, len(m.subjects))
	for i, s := range m.subjects {
		row := table.Row{Key: s.Name, Cells: []string{model.Sanitize(s.Name), s.Type, strconv.Itoa(s.Versions), strconv.Itoa(s.LatestID), s.CompatibilityLabel(), s.TopicLabel()}}
		if s.Err != nil {
			row.Cells = []string{model.Sanitize(s.Name), "-", "-", "-", "-", model.Sanitize(s.Err.Error())}
			row.Tone = table.Error
		}
		rows[i] = row
	}
	m.table.SetRows(rows)
}

func (m *Model) View() string {
	if m.open != nil {
		return m.open.view()
	}
	th := m.common.Theme
	line := th.Muted.Render(fmt.Sprintf("%d subjects", len(m.subjects)))
	if m.err != nil {
		line = th.Error.Render("schema registry: " + model.Sanitize(m.err.Error()))
	}
	return pane.Fit(line, m.width) + "\n" + m.table.View()
}
