package keymap

import (
	"os"
	"strings"
	"testing"
)

const (
	keysBegin = "<!-- keys: generated from the key map by keymap.Markdown; UPDATE_README=1 go test ./keymap rewrites it -->\n"
	keysEnd   = "<!-- keys: end -->"
)

// The README's table of keys is the key map's: a binding added, renamed or
// rebound by default fails here until the README says so.
func TestREADMEKeysAreTheKeyMaps(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(readme)
	before, rest, ok := strings.Cut(text, keysBegin)
	_, after, ok2 := strings.Cut(rest, keysEnd)
	if !ok || !ok2 {
		t.Fatalf("README.md has no table of keys between %q and %q", keysBegin, keysEnd)
	}
	want := before + keysBegin + Default().Markdown() + keysEnd + after
	if want == text {
		return
	}
	if os.Getenv("UPDATE_README") != "" {
		if err := os.WriteFile("../README.md", []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Error("README.md's table of keys is not the key map's; UPDATE_README=1 go test ./keymap rewrites it")
}
