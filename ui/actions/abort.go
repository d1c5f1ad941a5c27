package actions

import (
	"context"
	"fmt"
	"slices"

	"github.com/kscope/kscope/engine"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/pane"
	"github.com/kscope/kscope/ui/producers"
	"github.com/kscope/kscope/ui/table"
)

// AbortTransaction is the dialog that aborts a transactional id's open
// transaction, as kafka-transactions.sh abort does for a hanging one: it
// asks each partition's leader where the transaction's producer has it
// open, shows those, and on a yes writes an abort marker on each.
func AbortTransaction(c pane.Common, w Writer, t model.Transaction) *Dialog {
	look := func(ctx context.Context) outcome {
		open, err := engine.OpenOf(ctx, w, t)
		if err != nil {
			return outcome{err: err}
		}
		question := fmt.Sprintf("abort the transaction of %s on %s", t.ID, model.Plural(len(open), "partition"))
		if !t.Hanging(c.Now()) {
			question += "; it is within its timeout, and its producer may yet end it"
		}
		return abortQuestion(c, w, open, question)
	}
	return newLookup(c, "abort transaction of "+t.ID, step{run: look})
}

// AbortProducer is the question that aborts one producer's open
// transaction on one partition.
func AbortProducer(c pane.Common, w Writer, p model.Producer) *Dialog {
	question := fmt.Sprintf("abort producer %d's transaction on %s/%d", p.ID, p.Topic, p.Partition)
	return newQuestion(c, "abort transaction", abortQuestion(c, w, []model.Producer{p}, question))
}

// abortQuestion shows the open transactions an abort ends, and aborts
// them on a yes.
func abortQuestion(c pane.Common, w Writer, open []model.Producer, question string) outcome {
	now := c.Now()
	cols := slices.Clone(producers.Columns)
	cols[0] = table.Column{Title: "PARTITION", Width: 16, Flex: true} // with its topic: a transaction spans topics
	rows := make([]table.Row, len(open))
	for i, p := range open {
		rows[i] = producers.Row(p, now)
		rows[i].Cells[0] = fmt.Sprintf("%s/%d", model.Sanitize(p.Topic), p.Partition)
	}
	open = slices.Clone(open)
	abort := writing(func(ctx context.Context) outcome {
		if err := engine.Abort(ctx, w, open); err != nil {
			return outcome{err: err}
		}
		return outcome{notice: fmt.Sprintf("aborted on %s: read_committed readers move past it", model.Plural(len(open), "partition")), done: true}
	})
	return outcome{
		question: question + ": its records there are never read by read_committed readers",
		confirm:  &abort,
		preview:  newPreview(c, cols, rows, model.Plural(len(open), "open transaction")),
	}
}
