// Package acls is the pane of the cluster's access-control bindings: who
// may, or may not, do what on which resource, filtered as you type.
package acls

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/pane"
	"github.com/kscope/kscope/ui/table"
)

// Lister lists the cluster's bindings.
type Lister interface {
	ACLs(ctx context.Context) ([]model.ACL, error)
}

// Model is the ACLs pane.
type Model struct {
	pane.Scope
	common pane.Common
	poll   *pane.Poll[[]model.ACL]
	latest pane.Latest[[]model.ACL]
	filter pane.FilterInput
	table  table.Model
	width  int
}

var columns = []table.Column{
	{Title: "PERMISSION", Width: 10},
	{Title: "PRINCIPAL", Width: 16, Flex: true},
	{Title: "OPERATION", Width: 16},
	{Title: "RESOURCE", Width: 16},
	{Title: "NAME", Width: 16, Flex: true},
	{Title: "PATTERN", Width: 8},
	{Title: "HOST", Width: 10},
}

// New makes the ACLs pane.
func New(c pane.Common, l Lister) *Model {
	m := &Model{
		Scope:  c.NewScope(),
		common: c,
		filter: pane.NewFilterInput(c.Keys.Input, "filter by principal, resource, operation…"),
		table:  table.New(columns, c.Keys.List, c.TableStyles(), "loading ACLs…"),
	}
	m.poll = pane.NewPoll(c, m.Context(), l.ACLs)
	return m
}

func (m *Model) Init() tea.Cmd { return m.poll.Start() }

func (m *Model) Title() string { return "acls" }

func (m *Model) Capturing() bool { return m.filter.Active() }

func (m *Model) Bindings() []key.Binding { return []key.Binding{m.common.Keys.List.Filter} }

// Back clears the filter, if one is set.
func (m *Model) Back() bool {
	if m.filter.Value() == "" {
		return false
	}
	m.filter.Clear()
	m.refresh()
	return true
}

func (m *Model) SetSize(width, height int) {
	m.width = width
	m.filter.SetWidth(width)
	m.table.SetSize(width, height-1)
}

func (m *Model) Update(msg tea.Msg) tea.Cmd {
	if answer, ok, cmd := m.poll.Update(msg); ok || cmd != nil {
		if ok {
			if m.latest.Take(answer) {
				m.table.SetEmpty("cannot list ACLs: " + model.Sanitize(answer.Err.Error()))
			}
			m.refresh()
		}
		return cmd
	}
	kp, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	switch {
	case m.filter.Active():
		cmd := m.filter.Update(kp)
		m.refresh()
		return cmd
	case key.Matches(kp, m.common.Keys.List.Filter):
		return m.filter.Focus()
	}
	m.table.Update(kp)
	return nil
}

// refresh shows the bindings whose words all appear in the binding, in
// any case: "alice read orders" finds alice's READ on orders.
func (m *Model) refresh() {
	words := strings.Fields(strings.ToLower(m.filter.Value()))
	var rows []table.Row
	for _, a := range m.latest.Value {
		text := strings.ToLower(a.String())
		if !containsAll(text, words) {
			continue
		}
		tone := table.Normal
		if a.Permission == "DENY" {
			tone = table.Warn
		}
		rows = append(rows, table.Row{Key: a.String(), Tone: tone, Cells: []string{
			a.Permission, model.Sanitize(a.Principal), a.Operation, a.ResourceType, model.Sanitize(a.ResourceName), a.Pattern, model.Sanitize(a.Host)}})
	}
	m.table.SetRows(rows)
	if m.latest.Loaded {
		if len(words) > 0 {
			m.table.SetEmpty("no ACL matches " + strconv.Quote(m.filter.Value()))
		} else {
			m.table.SetEmpty("the cluster has no ACLs")
		}
	}
}

func containsAll(text string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(text, w) {
			return false
		}
	}
	return true
}

func (m *Model) View() string {
	if m.filter.Active() {
		return m.filter.View() + "\n" + m.table.View()
	}
	th := m.common.Theme
	line := th.Muted.Render(fmt.Sprintf("%s of %s ACLs", pane.Count(m.table.Len()), pane.Count(len(m.latest.Value))))
	if v := m.filter.Value(); v != "" {
		line += th.Muted.Render(" · filter: " + strconv.Quote(v))
	}
	if stale := m.latest.Stale(); stale != "" {
		line += th.Error.Render(" · " + model.Sanitize(stale))
	}
	return pane.Fit(line, m.width) + "\n" + m.table.View()
}
