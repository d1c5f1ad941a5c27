// Package theme builds every style kscope draws with, from colours named by
// what they mean. Panes use these styles and never write colours.
package theme

import (
	"image/color"

	"charm.land/lipgloss/v2"

	"github.com/kscope/kscope/model"
)

// Palette is the colours, by meaning.
type Palette struct {
	Primary color.Color // titles, the selected row, the cluster name
	Accent  color.Color // keys in help, the breadcrumb's current step
	Muted   color.Color // secondary text, separators
	OK      color.Color
	Warn    color.Color // needs a look: under-replicated, lag growing
	Error   color.Color // broken: offline, unreachable, stopped
	Demo    color.Color // the badge that says this is the demo cluster
}

// Theme is the styles built from a palette.
type Theme struct {
	Title       lipgloss.Style
	Badge       lipgloss.Style
	Muted       lipgloss.Style
	OK          lipgloss.Style
	Warn        lipgloss.Style
	Error       lipgloss.Style
	Accent      lipgloss.Style
	TableHeader lipgloss.Style
	Selected    lipgloss.Style
	Overlay     lipgloss.Style // the frame around the help overlay
	// Syntax colours JSON in the record view.
	Syntax map[model.SpanKind]lipgloss.Style
}

// Default is kscope's palette for dark and light terminals alike.
func Default() Palette {
	return Palette{
		Primary: lipgloss.Color("#7D56F4"),
		Accent:  lipgloss.Color("#4FB3D9"),
		Muted:   lipgloss.Color("#7A7A8C"),
		OK:      lipgloss.Color("#3FB950"),
		Warn:    lipgloss.Color("#D29922"),
		Error:   lipgloss.Color("#F85149"),
		Demo:    lipgloss.Color("#E3B341"),
	}
}

// New builds the theme. With noColor (the user set NO_COLOR) it uses only
// bold, faint and reverse, so everything stays readable without colour.
func New(p Palette, noColor bool) *Theme {
	fg := func(c color.Color) lipgloss.Style {
		if noColor {
			return lipgloss.NewStyle()
		}
		return lipgloss.NewStyle().Foreground(c)
	}
	t := &Theme{
		Title:       fg(p.Primary).Bold(true),
		Badge:       fg(p.Demo).Bold(true).Reverse(true).Padding(0, 1),
		Muted:       fg(p.Muted),
		OK:          fg(p.OK),
		Warn:        fg(p.Warn).Bold(true),
		Error:       fg(p.Error).Bold(true),
		Accent:      fg(p.Accent).Bold(true),
		TableHeader: fg(p.Muted).Bold(true),
		Selected:    lipgloss.NewStyle().Reverse(true).Bold(true),
		Overlay:     lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).Padding(1, 2),
	}
	t.Syntax = map[model.SpanKind]lipgloss.Style{
		model.JSONKey:     fg(p.Accent),
		model.JSONString:  fg(p.OK),
		model.JSONNumber:  fg(p.Demo),
		model.JSONLiteral: fg(p.Primary),
		model.JSONPunct:   fg(p.Muted),
	}
	if noColor {
		t.Muted = t.Muted.Faint(true)
	} else {
		t.Overlay = t.Overlay.BorderForeground(p.Primary)
	}
	return t
}
