package connectors

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/kscope/kscope/keymap"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/pane"
)

// Detail is one connector told whole: its tasks and why they failed, its
// topics, its dead-letter topic and its config, secrets hidden; it
// scrolls.
type Detail struct {
	common        pane.Common
	item          Item
	lines         []string
	y             int
	width, height int
}

// NewDetail shows the connector as the latest poll gave it.
func NewDetail(c pane.Common, i Item) *Detail {
	return &Detail{common: c, item: i, lines: model.DescribeConnector(i.Cluster.Name(), i.Connector, false)}
}

func (d *Detail) Init() tea.Cmd   { return nil }
func (d *Detail) Title() string   { return d.item.Name }
func (d *Detail) Capturing() bool { return false }

func (d *Detail) Bindings() []key.Binding {
	k := d.common.Keys
	return []key.Binding{keymap.Relabel(k.Act.Edit, "act on connector"), keymap.Relabel(k.Topics.Tail, "tail dead letters"),
		keymap.Relabel(k.Act.Reset, "redrive dead letters")}
}

func (d *Detail) SetSize(width, height int) { d.width, d.height = width, height }

func (d *Detail) Update(msg tea.Msg) tea.Cmd {
	kp, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	k := d.common.Keys
	switch {
	case key.Matches(kp, k.Act.Edit):
		return pane.Cmd(ActMsg{d.item})
	case key.Matches(kp, k.Topics.Tail):
		return pane.Cmd(deadLetters(d.item))
	case key.Matches(kp, k.Act.Reset):
		return pane.Cmd(redrive(d.item))
	}
	if y, ok := pane.Scroll(k.List, kp, d.y, d.height); ok {
		d.y = max(0, min(y, len(d.lines)-d.height))
	}
	return nil
}

// View is the lines on screen, each cut to the width.
func (d *Detail) View() string {
	end := min(len(d.lines), d.y+d.height)
	shown := make([]string, 0, end-d.y)
	for _, l := range d.lines[d.y:end] {
		shown = append(shown, pane.Fit(l, d.width))
	}
	return strings.Join(shown, "\n")
}
