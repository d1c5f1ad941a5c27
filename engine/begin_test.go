package engine

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// An unfinished write refuses a fresh start of the same job, is noted by
// a dry run, is dropped by --restart, and cannot resume another job; its
// journal is its owner's alone.
func TestBeginOverAnUnfinishedWrite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "writes")
	job := Job{Kind: "copy", SourceCluster: "prod", Source: "orders", DestCluster: "prod", Dest: "orders-replay"}
	first, err := Begin(dir, job, "0:5,1:7+9", false, true)
	if err != nil || first.Journal == nil || first.Journal.Resume != "0:5,1:7+9" {
		t.Fatalf("begin: %+v %v", first, err)
	}
	info, err := os.Stat(first.Journal.Path())
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("journal mode %v (%v), want 0600", info.Mode(), err)
	}
	if info, err := os.Stat(dir); err != nil || info.Mode().Perm() != 0o700 {
		t.Errorf("journal folder mode %v", info.Mode())
	}

	if _, err := Begin(dir, job, "", false, true); !errors.As(err, new(UnfinishedError)) || !strings.Contains(err.Error(), "--resume "+first.Journal.ID) {
		t.Errorf("fresh start over it: %v", err)
	}
	other := job
	other.Dest = "elsewhere"
	if b, err := Begin(dir, other, "", false, true); err != nil || b.Journal == nil {
		t.Errorf("another job is not held up: %v", err)
	}
	if _, err := Begin(dir, other, first.Journal.ID, false, true); err == nil || !strings.Contains(err.Error(), "not of orders to elsewhere") {
		t.Errorf("resuming another job's write: %v", err)
	}
	dry, err := Begin(dir, job, "", false, false)
	if err != nil || dry.Journal != nil || len(dry.Notes) != 1 || !strings.Contains(dry.Notes[0], first.Journal.ID) {
		t.Errorf("dry run: %+v %v", dry, err)
	}
	again, err := Begin(dir, job, "", true, true)
	if err != nil || again.Journal == nil || again.Journal.ID == first.Journal.ID {
		t.Fatalf("restart: %+v %v", again, err)
	}
	if _, err := os.Stat(first.Journal.Path()); !os.IsNotExist(err) {
		t.Errorf("restart kept the old journal: %v", err)
	}
	if _, err := Begin(dir, job, "w00000000", false, true); err == nil || !strings.Contains(err.Error(), "no unfinished write") {
		t.Errorf("an unknown id: %v", err)
	}
}

// Journals live under $XDG_STATE_HOME, else ~/.local/state.
func TestJournalDir(t *testing.T) {
	t.Setenv("XDG_STATE_HOME", "/srv/state")
	if d, err := JournalDir(); err != nil || d != "/srv/state/kscope/writes" {
		t.Errorf("%s %v", d, err)
	}
	t.Setenv("XDG_STATE_HOME", "")
	t.Setenv("HOME", "/home/ana")
	if d, err := JournalDir(); err != nil || d != "/home/ana/.local/state/kscope/writes" {
		t.Errorf("%s %v", d, err)
	}
}
