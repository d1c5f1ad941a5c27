package actions

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/pane"
	"github.com/kscope/kscope/ui/table"
)

var configColumns = []table.Column{
	{Title: "NAME", Width: 24, Flex: true},
	{Title: "VALUE", Width: 20, Flex: true},
	{Title: "SOURCE", Width: 14},
}

// Configs is the pane of a topic's configuration: the values set for it
// stand out, the defaults are grey, e edits one.
type Configs struct {
	pane.Scope
	common  pane.Common
	writer  Writer
	topic   string
	entries []model.ConfigEntry
	err     error
	table   table.Model
	width   int
}

type configsLoadedMsg struct {
	owner   *Configs
	entries []model.ConfigEntry
	err     error
}

// NewConfigs makes the configs pane of topic.
func NewConfigs(c pane.Common, w Writer, topic string) *Configs {
	return &Configs{Scope: c.NewScope(), common: c, writer: w, topic: topic, table: table.New(configColumns, c.Keys.List, c.TableStyles(), "loading configs…")}
}

// Init loads the configs, again each time the pane comes back to the top,
// so an edit shows at once.
func (m *Configs) Init() tea.Cmd {
	w, topic, owner, ctx := m.writer, m.topic, m, m.Context()
	return func() tea.Msg {
		entries, err := w.TopicConfigs(ctx, topic)
		return configsLoadedMsg{owner, entries, err}
	}
}

func (m *Configs) Title() string { return "configs" }

func (m *Configs) Capturing() bool { return false }

func (m *Configs) Bindings() []key.Binding { return []key.Binding{m.common.Keys.Act.Edit} }

func (m *Configs) SetSize(width, height int) {
	m.width = width
	m.table.SetSize(width, height-1)
}

func (m *Configs) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case configsLoadedMsg:
		if msg.owner != m {
			return nil
		}
		m.entries, m.err = msg.entries, msg.err
		if m.err != nil {
			m.table.SetEmpty("cannot describe configs: " + m.err.Error())
		}
		rows := make([]table.Row, len(m.entries))
		for i, e := range m.entries {
			value := model.ReadableConfig(e.Name, e.Value)
			if e.Sensitive {
				value = "(sensitive)"
			}
			rows[i] = table.Row{Key: e.Name, Cells: []string{e.Name, value, e.Source}}
			if e.IsDefault() {
				rows[i].Tone = table.Muted
			}
		}
		m.table.SetRows(rows)
	case tea.KeyPressMsg:
		if key.Matches(msg, m.common.Keys.Act.Edit) {
			if row, ok := m.table.Selected(); ok {
				for _, e := range m.entries {
					if e.Name == row.Key {
						return pane.Cmd(pane.ActMsg{Action: pane.SetConfig, Topic: m.topic, Config: e})
					}
				}
			}
			return nil
		}
		m.table.Update(msg)
	}
	return nil
}

func (m *Configs) View() string {
	th := m.common.Theme
	set := 0
	for _, e := range m.entries {
		if !e.IsDefault() {
			set++
		}
	}
	line := th.Title.Render(model.Sanitize(m.topic)) + th.Muted.Render(fmt.Sprintf(" · %d of %d configs set, not default", set, len(m.entries)))
	return pane.Fit(line, m.width) + "\n" + m.table.View()
}
