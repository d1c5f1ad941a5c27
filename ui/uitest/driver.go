// Package uitest drives kscope's Bubble Tea models in tests: a real
// headless program, keys sent as a user would type them, and snapshots of
// the screen taken inside the program's event loop, so they never race
// with Update.
package uitest

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// Driver runs one model in a headless program.
type Driver struct {
	t    *testing.T
	p    *tea.Program
	done chan struct{}
	clip *clipboard
}

// snapshotMsg asks the filter for the screen; Update never sees it.
type snapshotMsg struct {
	screen chan<- string
	raw    bool // as drawn, escape sequences and all
}

// Start runs m at the given terminal size until the test ends.
func Start(t *testing.T, m tea.Model, width, height int) *Driver {
	t.Helper()
	filter := func(m tea.Model, msg tea.Msg) tea.Msg {
		if s, ok := msg.(snapshotMsg); ok {
			if s.raw {
				s.screen <- m.View().Content
			} else {
				s.screen <- ansi.Strip(m.View().Content)
			}
			return nil
		}
		return msg
	}
	clip := &clipboard{}
	p := tea.NewProgram(m,
		tea.WithInput(nil), tea.WithOutput(clip), tea.WithWindowSize(width, height),
		tea.WithoutSignalHandler(), tea.WithFilter(filter))
	d := &Driver{t: t, p: p, done: make(chan struct{}), clip: clip}
	go func() {
		defer close(d.done)
		if _, err := p.Run(); err != nil {
			t.Errorf("program: %v", err)
		}
	}()
	t.Cleanup(d.Quit)
	return d
}

// Quit ends the program and waits for it.
func (d *Driver) Quit() {
	d.p.Quit()
	<-d.done
}

// Done is closed when the program has ended, as after the user quits.
func (d *Driver) Done() <-chan struct{} { return d.done }

// Type sends keys as typed: "j", "enter", "esc", "ctrl+c", or any text,
// which is sent one character at a time.
func (d *Driver) Type(keys ...string) {
	for _, k := range keys {
		if code, ok := named[k]; ok {
			d.p.Send(tea.KeyPressMsg(code))
			continue
		}
		for _, r := range k {
			d.p.Send(tea.KeyPressMsg{Code: r, Text: string(r)})
		}
	}
}

var named = map[string]tea.Key{
	"enter":  {Code: tea.KeyEnter},
	"esc":    {Code: tea.KeyEscape},
	"tab":    {Code: tea.KeyTab},
	"space":  {Code: tea.KeySpace, Text: " "},
	"up":     {Code: tea.KeyUp},
	"down":   {Code: tea.KeyDown},
	"ctrl+c": {Code: 'c', Mod: tea.ModCtrl},
	"ctrl+r": {Code: 'r', Mod: tea.ModCtrl},
	"ctrl+t": {Code: 't', Mod: tea.ModCtrl},
	"ctrl+j": {Code: 'j', Mod: tea.ModCtrl}, // a new line in a text field
	"bksp":   {Code: tea.KeyBackspace},
}

// Fill types each value into a form field and presses enter, waiting
// after each enter until the screen changes: forms move their focus with
// a command, so keys typed at once would land in the field just left.
func (d *Driver) Fill(values ...string) {
	d.t.Helper()
	for _, v := range values {
		d.Type(v)
		before := d.Screen()
		d.Type("enter")
		d.WaitUntil("the form to move on from "+strconv.Quote(v), func(s string) bool { return s != before })
	}
}

// Send delivers messages to the program.
func (d *Driver) Send(msgs ...tea.Msg) {
	for _, m := range msgs {
		d.p.Send(m)
	}
}

// Screen is the screen as it is after every message sent so far, without
// colours.
func (d *Driver) Screen() string { return d.snapshot(false) }

// Raw is the screen as the model draws it, escape sequences and all.
func (d *Driver) Raw() string { return d.snapshot(true) }

func (d *Driver) snapshot(raw bool) string {
	ch := make(chan string, 1)
	d.p.Send(snapshotMsg{screen: ch, raw: raw})
	select {
	case s := <-ch:
		return s
	case <-d.done:
		d.t.Fatal("the program has ended")
	}
	return ""
}

// Patience bounds every wait: far longer than anything takes on a loaded
// machine, so a test fails only when the awaited thing never comes.
const Patience = time.Minute

// WaitFor polls the screen until every want appears on it, and returns it.
// It fails the test after Patience.
func (d *Driver) WaitFor(want ...string) string {
	d.t.Helper()
	return d.WaitUntil(fmt.Sprintf("%q", want), func(s string) bool { return containsAll(s, want) })
}

// WaitUntil polls the screen until ok holds for it, and returns it. It
// fails the test, saying what it waited for, after Patience.
func (d *Driver) WaitUntil(what string, ok func(screen string) bool) string {
	d.t.Helper()
	deadline := time.Now().Add(Patience)
	for {
		s := d.Screen()
		if ok(s) {
			return s
		}
		if time.Now().After(deadline) {
			d.t.Fatalf("screen never showed %s:\n%s", what, s)
		}
		time.Sleep(10 * time.Millisecond) // polling a condition, bounded by the deadline
	}
}

func containsAll(s string, want []string) bool {
	for _, w := range want {
		if !strings.Contains(s, w) {
			return false
		}
	}
	return true
}
