package theme

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

var sgr = regexp.MustCompile(`\x1b\[([0-9;]*)m`)

// hasSGR reports whether out sets the given SGR attribute: 1 bold, 7 reverse.
func hasSGR(out, attr string) bool {
	for _, m := range sgr.FindAllStringSubmatch(out, -1) {
		if slices.Contains(strings.Split(m[1], ";"), attr) {
			return true
		}
	}
	return false
}

// With NO_COLOR, nothing is coloured, yet what matters still stands out:
// the selection is reversed, warnings and errors are bold.
func TestNoColor(t *testing.T) {
	th := New(Default(), true)
	for name, out := range map[string]string{
		"warn": th.Warn.Render("x"), "error": th.Error.Render("x"), "title": th.Title.Render("x"),
		"muted": th.Muted.Render("x"), "selected": th.Selected.Render("x"), "badge": th.Badge.Render("x"),
	} {
		if strings.Contains(out, "38;") || strings.Contains(out, "48;") {
			t.Errorf("%s is coloured with NO_COLOR: %q", name, out)
		}
	}
	if !hasSGR(th.Selected.Render("x"), "7") {
		t.Errorf("the selection is not reversed: %q", th.Selected.Render("x"))
	}
	if !hasSGR(th.Error.Render("x"), "1") {
		t.Errorf("errors are not bold: %q", th.Error.Render("x"))
	}
	if colored := New(Default(), false).Error.Render("x"); !strings.Contains(colored, "38;") {
		t.Errorf("without NO_COLOR errors are not coloured: %q", colored)
	}
}

func TestNamedPalettes(t *testing.T) {
	for _, name := range []string{"", "default", "light", "high-contrast"} {
		if _, err := Named(name); err != nil {
			t.Errorf("%q: %v", name, err)
		}
	}
	if _, err := Named("solarized"); err == nil || !strings.Contains(err.Error(), "default, light, high-contrast") {
		t.Errorf("an unknown name: %v", err)
	}
	dir := t.TempDir()
	file := dir + "/mine.yaml"
	if err := os.WriteFile(file, []byte("primary: \"#FF0000\"\nwarn: 214\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	p, err := Named(file)
	if err != nil {
		t.Fatal(err)
	}
	if r, g, b, _ := p.Primary.RGBA(); r>>8 != 0xFF || g != 0 || b != 0 {
		t.Errorf("primary: %v", p.Primary)
	}
	if p.Error != Default().Error {
		t.Error("a colour the file leaves out is the default's")
	}
	if err := os.WriteFile(file, []byte("primary: red\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Named(file); err == nil || !strings.Contains(err.Error(), `primary: "red" is not a colour`) {
		t.Errorf("a bad colour: %v", err)
	}
	if err := os.WriteFile(file, []byte("primry: \"#FF0000\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Named(file); err == nil || !strings.Contains(err.Error(), "primry") {
		t.Errorf("a misspelt colour: %v", err)
	}
}
