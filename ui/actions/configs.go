package actions

import (
	"context"
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
	{Title: "SOURCE", Width: 24},
}

// Configs is the pane of a topic's or a broker's configuration: the
// values set for it stand out, the defaults are grey, e edits one.
type Configs struct {
	pane.Scope
	common  pane.Common
	writer  Writer
	owner   model.ConfigOwner
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

// NewConfigs makes the configs pane of a topic or a broker.
func NewConfigs(c pane.Common, w Writer, owner model.ConfigOwner) *Configs {
	return &Configs{Scope: c.NewScope(), common: c, writer: w, owner: owner, table: table.New(configColumns, c.Keys.List, c.TableStyles(), "loading configs…")}
}

// Init loads the configs, again each time the pane comes back to the top,
// so an edit shows at once.
func (m *Configs) Init() tea.Cmd {
	w, owner, pane, ctx := m.writer, m.owner, m, m.Context()
	return func() tea.Msg {
		entries, err := configsOf(ctx, w, owner)
		return configsLoadedMsg{pane, entries, err}
	}
}

// configsOf lists the owner's configs.
func configsOf(ctx context.Context, w Writer, owner model.ConfigOwner) ([]model.ConfigEntry, error) {
	if owner.IsBroker() {
		return w.BrokerConfigs(ctx, owner.Broker)
	}
	return w.TopicConfigs(ctx, owner.Topic)
}

// setConfig sets, or with a nil value removes, one of the owner's configs.
func setConfig(ctx context.Context, w Writer, owner model.ConfigOwner, name string, value *string) error {
	if owner.IsBroker() {
		return w.SetBrokerConfig(ctx, owner.Broker, name, value)
	}
	return w.SetTopicConfig(ctx, owner.Topic, name, value)
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
			source := e.Source
			if e.ReadOnly {
				source += ", read-only"
			}
			rows[i] = table.Row{Key: e.Name, Cells: []string{e.Name, value, source}}
			if e.IsDefault() {
				rows[i].Tone = table.Muted
			}
		}
		m.table.SetRows(rows)
	case tea.KeyPressMsg:
		if key.Matches(msg, m.common.Keys.Act.Edit) {
			if row, ok := m.table.Selected(); ok {
				for _, e := range m.entries {
					if e.Name == row.Key && e.ReadOnly {
						return pane.Cmd(pane.NoticeMsg{Text: e.Name + " cannot change while the broker runs: it is read from server.properties at start"})
					}
					if e.Name == row.Key {
						return pane.Cmd(pane.ActMsg{Action: pane.SetConfig, Owner: m.owner, Config: e})
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
	counts := map[string]int{}
	for _, e := range m.entries {
		counts[e.Source]++
	}
	summary := fmt.Sprintf(" · %d of %d configs set, not default", len(m.entries)-counts["default"], len(m.entries))
	if m.owner.IsBroker() {
		// Where a broker's values come from is what an operator asks.
		summary = fmt.Sprintf(" · %d configs: %d set for this broker, %d cluster-wide, %d in server.properties",
			len(m.entries), counts["broker"], counts["broker default"], counts["static broker"])
	}
	line := th.Title.Render(model.Sanitize(m.owner.String())) + th.Muted.Render(summary)
	return pane.Fit(line, m.width) + "\n" + m.table.View()
}
