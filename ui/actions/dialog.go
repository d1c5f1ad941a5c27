// Package actions holds the dialogs that change the cluster: produce,
// create, grow and delete topics, edit their configs, reset and delete
// consumer groups, create and delete ACLs, abort transactions, set quotas
// and SCRAM users. Each is a pane the root pushes, built on a huh form.
package actions

import (
	"context"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"

	"github.com/kscope/kscope/keymap"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/pane"
	"github.com/kscope/kscope/ui/table"
	"github.com/kscope/kscope/ui/theme"
)

// Writer is what the dialogs ask of the cluster.
type Writer interface {
	Topics(ctx context.Context, names ...string) ([]model.Topic, error)
	Produce(ctx context.Context, records []model.Record) ([]model.Produced, error)
	CreateTopic(ctx context.Context, t model.NewTopic) error
	DeleteTopic(ctx context.Context, topic string) error
	SetPartitions(ctx context.Context, topic string, total int) error
	TopicConfigs(ctx context.Context, topic string) ([]model.ConfigEntry, error)
	SetTopicConfig(ctx context.Context, topic, name string, value *string) error
	BrokerConfigs(ctx context.Context, broker int32) ([]model.ConfigEntry, error)
	SetBrokerConfig(ctx context.Context, broker int32, name string, value *string) error
	PlanReset(ctx context.Context, group, topic string, partitions []int32, target model.ResetTarget) (model.ResetPlan, error)
	ApplyReset(ctx context.Context, plan model.ResetPlan) error
	DeleteGroup(ctx context.Context, group string) error
	CreateACL(ctx context.Context, a model.ACL) error
	DeleteACL(ctx context.Context, a model.ACL) error
	Producers(ctx context.Context, topic string, partitions ...int32) ([]model.Producer, error)
	AbortTransaction(ctx context.Context, tp model.TopicPartition, from int64) error
	SetQuota(ctx context.Context, entity []model.QuotaPart, set map[string]float64, remove []string) error
	SetSCRAMPassword(ctx context.Context, user, mechanism, password string) error
	DeleteSCRAMUser(ctx context.Context, user string) error
	Chores
	Mover
}

// step is work a dialog runs off the event loop. A step that writes runs
// to its end even if the dialog is left (a request on its way cannot be
// called back, and its answer must reach the user); one that only reads is
// cancelled with the dialog.
type step struct {
	run    func(ctx context.Context) outcome
	writes bool
}

// outcome is how a step went: a notice for the user, an error, and
// whether the dialog's work is done (else it stays for another go).
type outcome struct {
	notice string
	err    error
	field  string // the key of the field the error is about: the form comes back focused there
	done   bool
	// confirm, when set, is the next step: the dialog states what it would
	// do (question, and the rows of preview) and runs it only on a yes.
	confirm  *step
	question string
	preview  *preview
}

// text is the outcome as one line for the root, when the dialog is gone.
func (o outcome) text() string {
	if o.err != nil {
		return o.err.Error()
	}
	return o.notice
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
	pane.Scope
	common  pane.Common
	title   string
	build   func() *huh.Form // fields bound to the dialog's values, so a rebuilt form keeps them; nil for a question alone
	submit  step
	form    *huh.Form
	busy    *step   // the step in flight
	leaving bool    // esc came while a write was in flight: close when it answers
	closing bool    // asked to close: further keys, a second esc among them, are not its
	last    outcome // its confirm, if any, waits for a yes
	asked   bool    // a dialog without a form has run its submit step
	width   int
	height  int
}

func newDialog(c pane.Common, title string, build func() *huh.Form, submit step) *Dialog {
	return &Dialog{Scope: c.NewScope(), common: c, title: title, build: build, submit: submit}
}

// newQuestion is a dialog without a form: it asks at once.
func newQuestion(c pane.Common, title string, q outcome) *Dialog {
	d := newDialog(c, title, nil, step{})
	d.last, d.asked = q, true
	return d
}

// newLookup is a dialog without a form that first reads what it is to ask
// about: look's outcome is the question.
func newLookup(c pane.Common, title string, look step) *Dialog {
	return newDialog(c, title, nil, look)
}

// writing is a submit step that changes the cluster.
func writing(run func(ctx context.Context) outcome) step { return step{run: run, writes: true} }

func (d *Dialog) Init() tea.Cmd {
	if d.build == nil {
		if d.asked {
			return nil
		}
		d.asked = true
		return d.start(&d.submit)
	}
	d.form = d.build().WithShowHelp(true).WithWidth(max(d.width-2, 20)).WithHeight(d.formHeight())
	owner := d
	d.form.SubmitCmd = func() tea.Msg { return submittedMsg{owner} }
	d.form.CancelCmd = pane.Cmd(pane.DoneMsg{})
	return d.form.Init()
}

func (d *Dialog) Title() string { return d.title }

// Capturing: a form takes every key, esc included.
func (d *Dialog) Capturing() bool { return true }

func (d *Dialog) Bindings() []key.Binding { return nil }

func (d *Dialog) SetSize(width, height int) {
	d.width, d.height = width, height
	if d.form != nil {
		d.form = d.form.WithWidth(max(width-2, 20)).WithHeight(d.formHeight())
	}
	d.sizePreview()
}

// formHeight is what the title, the outcome's lines and the keys line leave
// the form: a tall form scrolls to the field in focus rather than running
// off the screen.
func (d *Dialog) formHeight() int { return max(d.height-2-lipgloss.Height(d.outcomeView()), 4) }

// start runs a step off the event loop.
func (d *Dialog) start(s *step) tea.Cmd {
	d.busy = s
	run, owner := s.run, d
	if s.writes {
		// Not cancelled with the dialog: bounded by the client's timeout,
		// and cut short only by quitting, which then says how far it got.
		ctx, end := d.common.Writes.Start(d.title)
		return func() tea.Msg {
			o := run(ctx)
			end(o.text())
			return finishedMsg{owner, o}
		}
	}
	ctx := d.Context()
	return func() tea.Msg { return finishedMsg{owner, run(ctx)} }
}

func (d *Dialog) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case submittedMsg:
		if msg.owner != d {
			return nil
		}
		return d.start(&d.submit)
	case finishedMsg:
		if msg.owner != d {
			return nil
		}
		return d.finished(msg.outcome)
	case tea.KeyPressMsg:
		return d.updateKey(msg)
	}
	return d.updateForm(msg)
}

func (d *Dialog) finished(o outcome) tea.Cmd {
	d.busy = nil
	if d.leaving || o.done && o.err == nil {
		// Closing: the outcome is said on the root's line, once the
		// dialog is gone, and keys typed meanwhile are not the form's.
		d.closing = true
		return pane.Cmd(pane.DoneMsg{Notice: o.text()})
	}
	d.last = o
	switch {
	case d.last.confirm != nil:
		d.form = nil // the question now is yes or no
		d.sizePreview()
		return nil
	case d.build == nil:
		return nil // the error stands; esc closes
	}
	return d.retry(o.field)
}

// retry is a fresh form, with the values as they were, for another go,
// its focus on the field the error is about, else on the last field,
// where enter was pressed: the user mends from there, not from the top.
func (d *Dialog) retry(field string) tea.Cmd {
	cmd := d.Init()
	for range 64 { // a form has fewer fields; the bound is against a loop
		before := d.form.GetFocusedField()
		if field != "" && before.GetKey() == field {
			break
		}
		d.form.NextField() // on the last field it asks for the next group: not run, so not submitted
		if d.form.GetFocusedField() == before {
			break
		}
	}
	return tea.Batch(cmd, d.form.GetFocusedField().Focus())
}

func (d *Dialog) updateKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case d.closing || d.leaving:
		return nil
	case key.Matches(msg, d.common.Keys.Input.Cancel):
		if d.busy != nil && d.busy.writes {
			d.leaving = true // its answer closes the dialog, and is shown
			return nil
		}
		d.closing = true // a read in flight is cancelled as the dialog closes
		return pane.Cmd(pane.DoneMsg{})
	case d.busy != nil:
		return nil
	case d.last.confirm != nil:
		if key.Matches(msg, d.common.Keys.Act.Confirm) {
			return d.start(d.last.confirm)
		}
		if d.last.preview != nil {
			d.last.preview.table.Update(msg)
		}
		return nil
	}
	return d.updateForm(msg)
}

func (d *Dialog) updateForm(msg tea.Msg) tea.Cmd {
	if d.form == nil {
		return nil
	}
	m, cmd := d.form.Update(msg)
	if f, ok := m.(*huh.Form); ok {
		d.form = f
	}
	return cmd
}

// View puts the outcome right under the title, so it is seen at any size;
// the form or the question follows.
func (d *Dialog) View() string {
	th := d.common.Theme
	parts := []string{th.Title.Render(model.Sanitize(d.title)), d.outcomeView()}
	if d.form != nil {
		parts = append(parts, d.form.View())
	}
	if d.last.confirm != nil {
		if d.last.preview != nil {
			parts = append(parts, d.last.preview.view(th))
		}
		if d.last.question != "" {
			parts = append(parts, th.Warn.Render(model.Sanitize(d.last.question)))
		}
	}
	if d.last.confirm != nil && d.busy == nil {
		k := d.common.Keys
		parts = append(parts, th.Warn.Render(keymap.Key(k.Act.Confirm)+" applies this · "+keymap.Key(k.Input.Cancel)+" cancels, changing nothing"))
	} else {
		parts = append(parts, th.Muted.Render(keymap.Key(d.common.Keys.Input.Cancel)+" closes"))
	}
	return strings.Join(parts, "\n")
}

// outcomeView is how the last step went, wrapped to the width so an
// error is read in full, never cut at the edge.
func (d *Dialog) outcomeView() string {
	th := d.common.Theme
	var line string
	switch {
	case d.leaving:
		line = th.Warn.Render("the request is on its way and cannot be called back; its answer will show when it comes")
	case d.busy != nil:
		line = th.Muted.Render("working…")
	case d.last.err != nil:
		line = th.Error.Render(model.Sanitize(d.last.err.Error()))
	case d.last.notice != "":
		line = th.OK.Render(model.Sanitize(d.last.notice))
	}
	return lipgloss.NewStyle().Width(max(d.width, 20)).Render(line)
}

// sizePreview gives a preview the lines the rest of the dialog leaves.
func (d *Dialog) sizePreview() {
	if p := d.last.preview; p != nil {
		// title, outcome, question, the keys line and the preview's own
		// summary line
		p.setSize(d.width, d.height-5)
	}
}

// preview is the rows a confirmation acts on, every one of them, in a
// table that scrolls, with a summary that counts what is off screen.
type preview struct {
	table   table.Model
	summary string
}

func newPreview(c pane.Common, cols []table.Column, rows []table.Row, summary string) *preview {
	t := table.New(cols, c.Keys.List, c.TableStyles(), "nothing to change")
	t.SetRows(rows)
	return &preview{table: t, summary: summary}
}

func (p *preview) setSize(width, height int) {
	// No taller than its rows: a short preview leaves the rest blank.
	p.table.SetSize(width, max(min(p.table.Len()+1, height), 2))
}

func (p *preview) view(th *theme.Theme) string {
	return p.table.View() + "\n" + th.Muted.Render(p.summary+p.table.Position())
}
