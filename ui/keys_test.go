package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/kscope/kscope/kafka/kafkatest"
	"github.com/kscope/kscope/keymap"
	"github.com/kscope/kscope/ui/uitest"
)

// Every hint names the key the user bound, not the default: with pause
// on z, marking on v and sending on ctrl+t, the tail's states and notices say z and m, and
// space no longer pauses.
func TestHintsNameTheKeysTheUserBound(t *testing.T) {
	keys := keymap.Default()
	if err := keys.Rebind(map[string][]string{"tail.pause": {"z"}, "tail.mark": {"v"}, "tail.send": {"ctrl+t"}, "global.quit": {"Q"}}); err != nil {
		t.Fatal(err)
	}
	fake := kafkatest.Sample()
	fake.Append(orders(0, 5)...)
	app := New(fake, Options{Name: "test", Refresh: time.Hour, Now: func() time.Time { return epoch }, Location: time.UTC, Keys: &keys, SaveDir: t.TempDir()})
	d := uitest.Start(t, app, 250, 20)
	d.Type(":", "tail orders beginning", "enter")
	d.WaitFor("seen 5")
	d.Type("space")
	if s := d.Screen(); strings.Contains(s, "paused") {
		t.Fatalf("space still pauses:\n%s", s)
	}
	d.Type("z")
	s := d.WaitFor("⏸ paused")
	if !strings.Contains(s, "z resumes") || strings.Contains(s, "space resumes") {
		t.Errorf("the pause names another key:\n%s", s)
	}
	d.Type("ctrl+t")
	if s := d.WaitFor("no record is marked"); !strings.Contains(s, "v marks one") {
		t.Errorf("the send's notice names another key:\n%s", s)
	}
	d.Type("X")
	s = d.WaitFor("marked 5 records")
	if !strings.Contains(s, "ctrl+t sends them") {
		t.Errorf("the mark's notice names another key:\n%s", s)
	}
	d.Type("Q")
	if s = d.WaitFor("again quits"); !strings.Contains(s, "Q again quits") {
		t.Errorf("the quit question names another key:\n%s", s)
	}
}
