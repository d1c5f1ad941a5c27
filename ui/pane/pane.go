// Package pane holds what kscope's panes share: the Common values they are
// built with, the Pane interface the root drives them through, polling, and
// the messages panes send the root.
package pane

import (
	"context"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/kscope/kscope/keymap"
	"github.com/kscope/kscope/mask"
	"github.com/kscope/kscope/ui/table"
	"github.com/kscope/kscope/ui/theme"
)

// Common is what every pane is built with.
type Common struct {
	Context context.Context // the app's: ends with it, and with a switch of cluster
	Theme   *theme.Theme
	Keys    keymap.KeyMap
	Now     func() time.Time // the clock; tests fix it
	Zone    *Zone            // where times are shown: local or UTC, toggled with Z
	Refresh time.Duration    // how often panes poll the cluster
	Buffer  BufferLimits     // how much a tail keeps
	SaveDir string           // where records are saved
	Writes  *Writes          // the writes in flight, for quitting to ask about
	// Pager and Editor are the command lines a record opens in ($PAGER,
	// $EDITOR), the file's path added as their last argument.
	Pager, Editor string
	// Columns are the columns the user chose for each view, by its name
	// in the registry ("groups": GROUP, LAG, STATUS), in order; a view
	// not named shows all of its own.
	Columns map[string][]string
	// Masking is the context's: the records panes get are masked
	// already; it says which topics are, for what must refuse them.
	Masking *mask.Policy
}

// Aged says how old what was fetched at is, once that is more than twice
// the refresh interval, with the key that fetches it now: "others 40s old
// (ctrl+r)". It is "" before the first fetch, and while it is fresh.
func (c Common) Aged(what string, at time.Time) string {
	if at.IsZero() {
		return ""
	}
	age := c.Now().Sub(at)
	if age <= 2*c.Refresh {
		return ""
	}
	return what + " " + Age(age) + " old (" + c.Keys.List.Refresh.Help().Key + ")"
}

// BufferLimits bound a tail's buffer: whichever is reached first.
type BufferLimits struct {
	Records int
	Bytes   int
}

// TableStyles are the table styles of the theme.
func (c Common) TableStyles() table.Styles {
	return table.Styles{
		Header:   c.Theme.TableHeader,
		Selected: c.Theme.Selected,
		Tones: map[table.Tone]lipgloss.Style{
			table.Normal: {},
			table.Muted:  c.Theme.Muted,
			table.Warn:   c.Theme.Warn,
			table.Error:  c.Theme.Error,
		},
	}
}

// Pane is one screen of the app: topics, partitions of a topic, brokers...
// The root keeps a stack of them and hands the top one its messages.
type Pane interface {
	// Init starts the pane's work. The root calls it when the pane is
	// pushed and again when it comes back to the top of the stack.
	Init() tea.Cmd
	Update(msg tea.Msg) tea.Cmd
	// View draws the pane at the size SetSize last gave.
	View() string
	SetSize(width, height int)
	// Title names the pane in the breadcrumb, which escapes it.
	Title() string
	// Bindings are the pane's own keys, for the help overlay and hints.
	Bindings() []key.Binding
	// Capturing reports whether the pane is taking text input, so the root
	// must pass every key to it rather than act on q, ? or :.
	Capturing() bool
}

// Backer is a pane with something to undo before esc leaves it: a filter
// to clear, a record to close. Back reports whether it undid something.
type Backer interface {
	Back() bool
}

// Closer is a pane that holds something to release when it leaves the
// stack, such as a running tail.
type Closer interface {
	Close()
}

// Overlay is a pane that may have something open over itself, as a tail
// has a record's view: q closes it, as a pager's q does.
type Overlay interface {
	CloseOverlay() bool
}

// Holder is a pane holding what only this session has, such as a paused
// or filtered tail's records: Holding says what ("paused, 1,234
// records"), or "" for nothing worth asking about before quitting.
type Holder interface {
	Holding() string
}

// Clicker is a pane whose rows a mouse selects: Click selects the row
// drawn on line y of the pane, and says whether there was one and
// whether it was selected already (then the click opens it).
type Clicker interface {
	Click(y int) table.Clicked
}

// Suspender is a pane that can leave the screen for a while: Suspend
// cancels its requests in flight, and Init starts them again.
type Suspender interface {
	Suspend()
}

// Runner is a pane that keeps working while another covers it: a live
// tail under a dialog must not lose the batches meant for it. The root
// hands it every message that is not a key.
type Runner interface {
	KeepsRunning()
}
