package engine

import (
	"fmt"

	"github.com/kscope/kscope/model"
)

// Beginning is how a write starts: from its range's start, from offsets a
// run printed, or from an unfinished run's journal, and the journal it
// keeps as it goes.
type Beginning struct {
	// Resume is where a resumed write goes on from; nil starts each
	// partition where the range starts.
	Resume  *Ledger
	Journal *Journal // nil for a dry run, or where none can be kept
	Notes   []string // what the user should know before it starts
}

// UnfinishedError refuses to start a write over an unfinished one of the
// same job, which would send again what that one sent.
type UnfinishedError struct{ Journal *Journal }

func (e UnfinishedError) Error() string {
	j := e.Journal
	return fmt.Sprintf("an unfinished %s of %s to %s (%s, stopped %s after %s records) would be sent again: go on with --resume %s, or start over with --restart",
		j.Job.Kind, model.Sanitize(j.Job.Source), model.Sanitize(j.Job.Dest), j.ID, j.Updated.Local().Format("2006-01-02 15:04:05"), model.Count(j.Copied), j.ID)
}

// Begin works out how the write job starts. resume is what --resume said:
// empty, a journal's id, or offsets as Ledger.String writes them. A write
// that executes keeps a journal in dir; an unfinished one of the same job
// refuses a fresh start unless restart, which drops it. With no dir
// (no home folder) nothing is journaled.
func Begin(dir string, job Job, resume string, restart, execute bool) (Beginning, error) {
	var b Beginning
	switch {
	case IsJournalID(resume):
		j, err := OpenJournal(dir, resume)
		if err != nil {
			return b, err
		}
		if j.Job != job {
			return b, fmt.Errorf("write %s is a %s of %s to %s, not of %s to %s", j.ID, j.Job.Kind,
				model.Sanitize(j.Job.Source), model.Sanitize(j.Job.Dest), model.Sanitize(job.Source), model.Sanitize(job.Dest))
		}
		if b.Resume, err = ParseLedger(j.Resume); err != nil {
			return b, fmt.Errorf("the journal of write %s is damaged: %w", j.ID, err)
		}
		if j.InFlight != "" {
			b.Notes = append(b.Notes, fmt.Sprintf("the last run stopped before %s answered for %s's offsets %s: those are sent again, and any of them it had taken will be there twice",
				model.Sanitize(job.Dest), model.Sanitize(job.Source), j.InFlight))
		}
		if execute {
			b.Journal = j
		}
		return b, nil
	case resume != "":
		l, err := ParseLedger(resume)
		if err != nil {
			return b, fmt.Errorf("--resume %s: %w", resume, err)
		}
		b.Resume = l
	case dir != "":
		for _, j := range Unfinished(dir, job) {
			switch {
			case restart && execute:
				if err := j.Finish(); err != nil {
					return b, err
				}
			case execute:
				return b, UnfinishedError{j}
			default:
				b.Notes = append(b.Notes, fmt.Sprintf("an unfinished %s %s stopped %s: --resume %s goes on from it", job.Kind, j.ID,
					j.Updated.Local().Format("2006-01-02 15:04:05"), j.ID))
			}
		}
	}
	if !execute || dir == "" {
		return b, nil
	}
	start := ""
	if b.Resume != nil {
		start = b.Resume.String()
	}
	j, err := NewJournal(dir, job, start)
	if err != nil {
		b.Notes = append(b.Notes, fmt.Sprintf("%v; if this run is killed, only the position it prints can resume it", err))
		return b, nil
	}
	b.Journal = j
	return b, nil
}
