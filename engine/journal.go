package engine

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"time"
)

// Journal is an unfinished write kept on disk as it goes, so that a run
// ended any way at all (a closed terminal, kill -9, a power cut after the
// last save) can be resumed from exactly where it got to. It is saved
// before each batch goes out, naming the batch as in flight, and again
// when the cluster has answered: a run ended in between leaves the
// offsets it cannot know about, and a resume says they may be doubled.
type Journal struct {
	path string
	Entry
}

// Entry is what a journal holds.
type Entry struct {
	ID string `json:"id"`
	// Job names the write, its source and its destination: a copy and a
	// redrive of the same topics on the same clusters share none.
	Job     Job       `json:"job"`
	Started time.Time `json:"started"`
	Updated time.Time `json:"updated"`
	Copied  int64     `json:"copied"`
	// Resume is where the write goes on from, as Ledger.String.
	Resume string `json:"resume"`
	// InFlight names the records sent whose answer had not come when the
	// journal was last saved: "0:120-180,2:7".
	InFlight string `json:"in_flight,omitempty"`
}

// Job names a write: what kind, from which cluster and topic, to which.
type Job struct {
	Kind          string `json:"kind"` // copy, redrive
	SourceCluster string `json:"source_cluster"`
	Source        string `json:"source"`
	DestCluster   string `json:"dest_cluster"`
	Dest          string `json:"dest"`
}

// JournalDir is where journals are kept: $XDG_STATE_HOME/kscope/writes,
// else ~/.local/state/kscope/writes.
func JournalDir() (string, error) {
	dir := os.Getenv("XDG_STATE_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("no folder to keep the write's journal in: %w", err)
		}
		dir = filepath.Join(home, ".local", "state")
	}
	return filepath.Join(dir, "kscope", "writes"), nil
}

// journalID is what a journal's id looks like: it is also its file name.
var journalID = regexp.MustCompile(`^w[0-9a-f]{8}$`)

// IsJournalID reports whether s names a journal rather than offsets.
func IsJournalID(s string) bool { return journalID.MatchString(s) }

// NewJournal starts the journal of a write, in dir.
func NewJournal(dir string, job Job, resume string) (*Journal, error) {
	var b [4]byte
	rand.Read(b[:])
	now := time.Now().UTC()
	j := &Journal{Entry: Entry{ID: "w" + hex.EncodeToString(b[:]), Job: job, Started: now, Resume: resume}}
	j.path = filepath.Join(dir, j.ID+".json")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("keep the write's journal: %w", err)
	}
	return j, j.Save()
}

// OpenJournal reads the journal id in dir.
func OpenJournal(dir, id string) (*Journal, error) {
	if !IsJournalID(id) {
		return nil, fmt.Errorf("%q is not a write's id", id)
	}
	j := &Journal{path: filepath.Join(dir, id+".json")}
	data, err := os.ReadFile(j.path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("no unfinished write %s (a finished one's journal is removed)", id)
	}
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(data, &j.Entry); err != nil || j.ID != id {
		return nil, fmt.Errorf("the journal of write %s is damaged: %s", id, j.path)
	}
	return j, nil
}

// Unfinished lists the journals in dir of job, newest first.
func Unfinished(dir string, job Job) []*Journal {
	names, _ := filepath.Glob(filepath.Join(dir, "w*.json"))
	var out []*Journal
	for _, name := range names {
		j, err := OpenJournal(dir, filepath.Base(name[:len(name)-len(".json")]))
		if err == nil && j.Job == job {
			out = append(out, j)
		}
	}
	slices.SortFunc(out, func(a, b *Journal) int { return b.Updated.Compare(a.Updated) })
	return out
}

// Save writes the journal atomically, readable by its owner only: a
// temporary file renamed over the last. It is not synced: a process
// killed any way leaves the rename done, and a power cut costs at most
// the saves since the system last wrote its cache.
func (j *Journal) Save() error {
	j.Updated = time.Now().UTC()
	data, err := json.MarshalIndent(j.Entry, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(j.path), "."+j.ID+".*.tmp")
	if err != nil {
		return fmt.Errorf("save the write's journal: %w", err)
	}
	_, err = tmp.Write(append(data, '\n'))
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), j.path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("save the write's journal: %w", err)
	}
	return nil
}

// Finish removes the journal of a write that completed, and the
// temporary files of its saves that a process killed between writing one
// and renaming it left behind.
func (j *Journal) Finish() error {
	if err := os.Remove(j.path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(j.path), "."+j.ID+".*.tmp"))
	for _, tmp := range left {
		if err := os.Remove(tmp); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}

// Path is the journal's file.
func (j *Journal) Path() string { return j.path }
