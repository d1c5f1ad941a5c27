package engine

import (
	"os"
	"path/filepath"
	"testing"
)

// A process killed between writing a save and renaming it leaves the
// save's temporary file; finishing the write removes it with the journal,
// and leaves other journals' files alone.
func TestFinishRemovesWhatAKilledSaveLeft(t *testing.T) {
	dir := t.TempDir()
	j, err := NewJournal(dir, Job{Kind: "copy", Source: "a", Dest: "b"}, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := j.Save(); err != nil {
		t.Fatal(err)
	}
	stray := filepath.Join(filepath.Dir(j.Path()), "."+j.ID+".123456.tmp")
	other := filepath.Join(filepath.Dir(j.Path()), ".someone-else.123456.tmp")
	for _, f := range []string{stray, other} {
		if err := os.WriteFile(f, []byte("{"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := j.Finish(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stray); !os.IsNotExist(err) {
		t.Errorf("the killed save's file is left: %v", err)
	}
	if _, err := os.Stat(j.Path()); !os.IsNotExist(err) {
		t.Errorf("the journal is left: %v", err)
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("another journal's file went: %v", err)
	}
}
