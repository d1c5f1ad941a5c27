package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/kscope/kscope/config"
	"github.com/kscope/kscope/kafka"
	"github.com/kscope/kscope/kafka/kafkatest"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui"
	"github.com/kscope/kscope/ui/uitest"
)

// A key rebound in the config file does what it was bound to, and the
// help and hints show the new key; the theme named there is used.
func TestKeysFromTheConfigReachBehaviourAndHelp(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "config.yaml")
	yaml := "keys:\n  tail.pause: [p, ctrl+p]\n  tail.positions: o\ntheme: mine.yaml\n"
	if err := os.WriteFile(path, []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "mine.yaml"), []byte("warn: \"#FF8800\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := config.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	keys, palette, err := looks(f)
	if err != nil {
		t.Fatal(err)
	}
	if r, _, _, _ := palette.Warn.RGBA(); r>>8 != 0xFF {
		t.Errorf("the theme file beside the config was not used: %v", palette.Warn)
	}

	fake := kafkatest.Sample()
	fake.Append(model.Record{Topic: "orders", Value: []byte("one")})
	app := ui.New(fake, ui.Options{Name: "test", Refresh: time.Hour, Keys: keys, Palette: palette})
	d := uitest.Start(t, app, 120, 30)
	d.Type(":", "tail orders beginning", "enter")
	s := d.WaitFor("seen 1")
	if !strings.Contains(s, "p/ctrl+p pause") {
		t.Errorf("the hints do not show the new key:\n%s", s)
	}
	d.Type("p")
	d.WaitFor("⏸ paused")
	d.Type("space") // no longer pause
	d.Type("?")
	help := d.WaitFor("Keys · tail orders")
	if !regexp.MustCompile(`p/ctrl\+p\s+pause`).MatchString(help) || !regexp.MustCompile(`\bo\s+positions`).MatchString(help) ||
		regexp.MustCompile(`\bp\s+positions`).MatchString(help) {
		t.Errorf("the help does not show the new keys:\n%s", help)
	}
	d.Type("esc")
	s = d.WaitUntil("the help to close", func(s string) bool { return !strings.Contains(s, "Keys · ") })
	if !strings.Contains(s, "⏸ paused") {
		t.Errorf("space still pauses and resumes:\n%s", s)
	}
}

func TestKeysAndThemeMistakesStopBeforeTheTUI(t *testing.T) {
	for yaml, want := range map[string]string{
		"keys:\n  tail.pasue: p\n":      `no binding "tail.pasue"`,
		"keys:\n  tail.save: q\n":       `global.quit and tail.save both use "q"`,
		"theme: solarized\n":            "want default, light, high-contrast",
		"keys:\n  tail.pause: {a: b}\n": "want a key, or a list of keys",
	} {
		f, err := config.Parse([]byte(yaml))
		if err == nil {
			_, _, err = looks(f)
		}
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: got %v, want %q", yaml, err, want)
		}
	}
}

// The adapter serves every view of the TUI's registry.
func TestTheAdapterServesEveryView(t *testing.T) {
	if u := ui.Unserved((*kafka.Client)(nil)); len(u) > 0 {
		t.Errorf("kafka.Client cannot open %v", u)
	}
}

func TestAliasMistakesStopBeforeTheTUI(t *testing.T) {
	f, err := config.Parse([]byte("aliases:\n  g: topics\n"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := aliases(f); err == nil || !strings.Contains(err.Error(), `alias "g" hides the command :g`) {
		t.Errorf("aliases = %v", err)
	}
}

func TestColumnsMistakesStopBeforeTheTUI(t *testing.T) {
	f, err := config.Parse([]byte("columns:\n  groups: [GROUP, LAGG]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := columns(f); err == nil || !strings.Contains(err.Error(), `columns: groups: no column "LAGG"`) {
		t.Errorf("columns = %v", err)
	}
}
