package tail

import (
	"bufio"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func writeText(s string) func(*bufio.Writer) error {
	return func(w *bufio.Writer) error { _, err := w.WriteString(s); return err }
}

// A save never overwrites a file, never writes through a symlink planted
// at its name, makes files only its owner can read, and fits a topic name
// of 249 characters into a file name.
func TestSavesMakeNewPrivateFiles(t *testing.T) {
	dir := t.TempDir()
	at := time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC)
	name := fileName("orders", at)

	existing := filepath.Join(dir, name)
	os.WriteFile(existing, []byte("mine"), 0o644)
	victim := filepath.Join(t.TempDir(), "victim")
	os.WriteFile(victim, []byte("precious"), 0o644)
	if err := os.Symlink(victim, filepath.Join(dir, strings.Replace(name, ".jsonl", "-2.jsonl", 1))); err != nil {
		t.Fatal(err)
	}
	path, err := saveNew(dir, name, writeText("new\n"))
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(path) != strings.Replace(name, ".jsonl", "-3.jsonl", 1) {
		t.Errorf("saved to %s", path)
	}
	for file, want := range map[string]string{existing: "mine", victim: "precious", path: "new\n"} {
		if got, _ := os.ReadFile(file); string(got) != want {
			t.Errorf("%s holds %q, want %q", file, got, want)
		}
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o600 {
		t.Errorf("mode %o, want 600", info.Mode().Perm())
	}

	long := strings.Repeat("t", 249)
	if path, err := saveNew(dir, fileName(long, at), writeText("x")); err != nil || len(filepath.Base(path)) > maxName {
		t.Errorf("a 249-character topic: %v (%d-byte name)", err, len(filepath.Base(path)))
	}
}

// A write that fails midway (a full disk) leaves no partial file.
func TestAFailedSaveLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	full := errors.New("no space left on device")
	path, err := saveNew(dir, "x.jsonl", func(w *bufio.Writer) error {
		w.WriteString("half a record")
		w.Flush()
		return full
	})
	if !errors.Is(err, full) {
		t.Fatalf("err %v", err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the partial file is still there: %v", err)
	}
}
