package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"syscall"

	"github.com/kscope/kscope/engine"
	"github.com/kscope/kscope/model"
)

// stopSignals end a copy or redrive cleanly, its journal saved and its
// resume printed: ctrl+c, kill, and a closed terminal or dropped ssh
// session (SIGHUP), which would otherwise kill it mid-batch.
var stopSignals = []os.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP}

// write is a copy or a redrive as the command line runs it: the use case,
// where it sends, and the command that runs it again.
type write struct {
	job   engine.Job
	copy  *engine.Copy
	dest  engine.Destination
	again string // "kscope copy SRC DST", for the line that says how to go on
}

// run runs the write (engine.Write), shows progress, and says how it
// went: on a stop, exactly where to resume, and the error that stopped
// it.
func (w write) run(ctx context.Context, g *globals, stdout io.Writer, source *connection, rs engine.Range, resume resumeFlags, execute bool) error {
	dir, err := engine.JournalDir()
	if err != nil {
		fmt.Fprintf(g.stderr, "kscope: note: %v\n", err)
	}
	progress := progressTo(g.stderr)
	run := engine.Write{Job: w.job, Copy: w.copy, Source: source.client, Dest: w.dest, Range: rs,
		Resume: resume.from, Restart: resume.restart, Execute: execute, Patience: g.timeout, JournalDir: dir,
		Note: func(n string) { fmt.Fprintf(g.stderr, "kscope: note: %s\n", model.Sanitize(n)) },
		Progress: func(c *engine.Copy, total int64) {
			progress.show(c.Copied, c.Bytes, c.Scanned, total, execute)
		},
	}
	out, err := run.Run(ctx)
	progress.done()
	if out.Summary == "" {
		return err // it failed before it began
	}
	summary := out.Summary
	if !execute {
		summary += "; nothing is copied without --execute"
	}
	if err == nil || out.ResumeFrom == "" { // done, or its journal could not be closed
		fmt.Fprintln(stdout, summary)
		return err
	}
	fmt.Fprintf(stdout, "%s; stopped: %s\n", summary, model.Sanitize(causeOf(err)))
	fmt.Fprintf(stdout, "to go on: %s --resume %s (with the same other flags)\n", w.again, out.ResumeFrom)
	if errors.Is(err, context.Canceled) {
		return fmt.Errorf("%s interrupted", w.job.Kind)
	}
	return err
}

func causeOf(err error) string {
	if errors.Is(err, context.Canceled) {
		return "interrupted"
	}
	return err.Error()
}
