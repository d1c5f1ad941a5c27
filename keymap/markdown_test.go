package keymap

import (
	"os"
	"strings"
	"testing"
)

const (
	keysBegin = "<!-- keys: generated from the key map by keymap.Markdown; UPDATE_DOCS=1 go test ./keymap rewrites it -->\n"
	keysEnd   = "<!-- keys: end -->"
)

// docs/keys.md's table of keys is the key map's: a binding added, renamed or
// rebound by default fails here until the docs say so.
func TestDocumentedKeysAreTheKeyMaps(t *testing.T) {
	doc, err := os.ReadFile("../docs/keys.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(doc)
	before, rest, ok := strings.Cut(text, keysBegin)
	_, after, ok2 := strings.Cut(rest, keysEnd)
	if !ok || !ok2 {
		t.Fatalf("docs/keys.md has no table of keys between %q and %q", keysBegin, keysEnd)
	}
	want := before + keysBegin + Default().Markdown() + keysEnd + after
	if want == text {
		return
	}
	if os.Getenv("UPDATE_DOCS") != "" {
		if err := os.WriteFile("../docs/keys.md", []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Error("docs/keys.md's table of keys is not the key map's; UPDATE_DOCS=1 go test ./keymap rewrites it")
}
