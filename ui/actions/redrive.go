package actions

import (
	"context"
	"fmt"
	"time"

	"github.com/kscope/kscope/engine"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/pane"
)

// Redrive is the question that sends a dead-letter topic's records back
// to the topics their headers name (Spring's, Kafka Connect's), as kscope
// redrive does: its preview is a dry run over the whole topic; yes runs
// it, journaled, and a run that stops says how to go on.
func Redrive(c pane.Common, w Writer, source engine.Tailer, cluster, dlq string, patience time.Duration) *Dialog {
	job := engine.Job{Kind: "redrive", SourceCluster: cluster, Source: dlq, DestCluster: cluster, Dest: "their origins"}
	whole := engine.Range{Topic: dlq, From: model.Start{Kind: model.FromBeginning}, To: model.Start{Kind: model.FromEnd}}
	write := func(execute bool) *engine.Write {
		return &engine.Write{Job: job, Copy: &engine.Copy{Route: engine.Origin(engine.OriginHeaders, dlq, false)},
			Source: source, Dest: w, Range: whole, Execute: execute, Patience: patience}
	}
	look := func(ctx context.Context) outcome {
		dry, err := write(false).Run(ctx)
		if err != nil {
			return outcome{err: err}
		}
		run := writing(func(ctx context.Context) outcome {
			wr := write(true)
			dir, err := engine.JournalDir()
			if err != nil {
				return outcome{err: err}
			}
			wr.JournalDir = dir
			out, err := wr.Run(ctx)
			if err != nil && out.ResumeFrom != "" {
				return outcome{err: fmt.Errorf("%s; stopped: %w; to go on: kscope redrive %s --resume %s", out.Summary, err, dlq, out.ResumeFrom)}
			}
			if err != nil {
				return outcome{err: err}
			}
			return outcome{notice: out.Summary, done: true}
		})
		return outcome{question: "redrive " + model.Sanitize(dlq) + ": " + dry.Summary, confirm: &run}
	}
	return newLookup(c, "redrive "+dlq, step{run: look})
}
