// Package actions holds the dialogs that change the cluster: produce,
// create, grow and delete topics, edit their configs, reset and delete
// consumer groups. Each is a pane the root pushes, built on a huh form.
package actions

import (
	"context"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/pane"
)

// Writer is what the dialogs ask of the cluster.
type Writer interface {
	Produce(ctx context.Context, records []model.Record) ([]model.Produced, error)
	CreateTopic(ctx context.Context, t model.NewTopic) error
	DeleteTopic(ctx context.Context, topic string) error
	SetPartitions(ctx context.Context, topic string, total int) error
	TopicConfigs(ctx context.Context, topic string) ([]model.ConfigEntry, error)
	SetTopicConfig(ctx context.Context, topic, name string, value *string) error
	PlanReset(ctx context.Context, group, topic string, partitions []int32, target model.ResetTarget) (model.ResetPlan, error)
	ApplyReset(ctx context.Context, plan model.ResetPlan) error
	DeleteGroup(ctx context.Context, group string) error
}

// outcome is how an action went: a notice for the user, an error, and
// whether the dialog's work is done (else it stays for another go).
type outcome struct {
	notice string
	err    error
	done   bool
	// confirm, when set, is the second step: the dialog shows what it
	// would do (below) and runs confirm only when the user says yes.
	confirm func() outcome
	below   func(width int) string
}

type (
	submittedMsg struct{ owner *Dialog }
	finishedMsg  struct {
		owner *Dialog
		outcome
	}
)

// Dialog is a pane with a form; submitting it runs the action.
type Dialog struct {
	common  pane.Common
	title   string
	build   func() *huh.Form // fields bound to the dialog's values, so a rebuilt form keeps them
	run     func() outcome   // the action, run off the event loop
	form    *huh.Form
	busy    bool
	closing bool // asked to close: further keys, a second esc among them, are not its
	last    outcome
	pending func() outcome // waiting for a yes
	width   int
	// below, when set, draws under the form: a preview, a result table.
	below func(width int) string
}

func newDialog(c pane.Common, title string, build func() *huh.Form, run func() outcome) *Dialog {
	return &Dialog{common: c, title: title, build: build, run: run}
}

func (d *Dialog) Init() tea.Cmd {
	d.form = d.build().WithShowHelp(true).WithWidth(max(d.width-2, 20))
	owner := d
	d.form.SubmitCmd = func() tea.Msg { return submittedMsg{owner} }
	d.form.CancelCmd = pane.Cmd(pane.DoneMsg{})
	return d.form.Init()
}

func (d *Dialog) Title() string { return d.title }

// Capturing: a form takes every key, esc included.
func (d *Dialog) Capturing() bool { return true }

func (d *Dialog) Bindings() []key.Binding { return nil }

func (d *Dialog) SetSize(width, _ int) {
	d.width = width
	if d.form != nil {
		d.form = d.form.WithWidth(max(width-2, 20))
	}
}

func (d *Dialog) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case submittedMsg:
		if msg.owner != d {
			return nil
		}
		d.busy = true
		run, owner := d.run, d
		return func() tea.Msg { return finishedMsg{owner, run()} }
	case finishedMsg:
		if msg.owner != d {
			return nil
		}
		d.busy, d.last, d.pending, d.below = false, msg.outcome, msg.confirm, msg.below
		switch {
		case msg.done && msg.err == nil:
			return pane.Cmd(pane.DoneMsg{Notice: msg.notice})
		case d.pending != nil:
			d.form = nil // the question now is yes or no
			return nil
		}
		return d.Init() // a fresh form, with the values as they were, for another go
	case tea.KeyPressMsg:
		switch {
		case d.closing:
			return nil
		case msg.String() == "esc":
			d.closing = true
			return pane.Cmd(pane.DoneMsg{})
		case d.busy:
			return nil
		case d.pending != nil:
			if key.Matches(msg, d.common.Keys.Act.Confirm) {
				d.busy = true
				confirm, owner := d.pending, d
				return func() tea.Msg { return finishedMsg{owner, confirm()} }
			}
			return nil
		}
	}
	if d.form == nil {
		return nil
	}
	m, cmd := d.form.Update(msg)
	if f, ok := m.(*huh.Form); ok {
		d.form = f
	}
	return cmd
}

func (d *Dialog) View() string {
	th := d.common.Theme
	parts := []string{th.Title.Render(d.title), ""}
	if d.form != nil {
		parts = append(parts, d.form.View())
	}
	switch {
	case d.busy:
		parts = append(parts, th.Muted.Render("working…"))
	case d.last.err != nil:
		parts = append(parts, th.Error.Render(d.last.err.Error()))
	case d.last.notice != "":
		parts = append(parts, th.OK.Render(d.last.notice))
	}
	if d.below != nil {
		parts = append(parts, d.below(d.width))
	}
	if d.pending != nil && !d.busy {
		parts = append(parts, th.Warn.Render("y applies this · esc cancels, changing nothing"))
	} else {
		parts = append(parts, th.Muted.Render("esc closes"))
	}
	return strings.Join(parts, "\n")
}
