package cli

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/spf13/cobra/doc"
)

// docs/commands is the command line's reference, generated from its
// commands and flags: a command or flag changed fails here until the docs
// say so (UPDATE_DOCS=1 go test ./cli -run TestCommandReference rewrites
// them).
func TestCommandReferenceIsCurrent(t *testing.T) {
	root := Root()
	root.DisableAutoGenTag = true // no date in the pages
	fresh := t.TempDir()
	if err := doc.GenMarkdownTree(root, fresh); err != nil {
		t.Fatal(err)
	}
	const docs = "../docs/commands"
	if os.Getenv("UPDATE_DOCS") != "" {
		if err := os.RemoveAll(docs); err != nil {
			t.Fatal(err)
		}
		if err := os.CopyFS(docs, os.DirFS(fresh)); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, _ := filepath.Glob(filepath.Join(fresh, "*.md"))
	have, _ := filepath.Glob(filepath.Join(docs, "*.md"))
	if len(want) != len(have) {
		t.Errorf("docs/commands has %d pages, the command line %d; UPDATE_DOCS=1 go test ./cli -run TestCommandReference rewrites them", len(have), len(want))
	}
	for _, w := range want {
		got, err := os.ReadFile(filepath.Join(docs, filepath.Base(w)))
		page, _ := os.ReadFile(w)
		if err != nil || string(got) != string(page) {
			t.Errorf("docs/commands/%s is not the command line's; UPDATE_DOCS=1 go test ./cli -run TestCommandReference rewrites it", filepath.Base(w))
		}
	}
}
