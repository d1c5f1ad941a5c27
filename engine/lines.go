package engine

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/kscope/kscope/model"
)

// Lines sends records read one a line (or a NUL-terminated chunk), a
// batch at a time, through a Sender: what it says was sent is exactly
// what the cluster took, line by line, however a batch's records spread
// over partitions and whichever of them the cluster refused.
type Lines struct {
	// Parse makes a line's record; ErrSkipLine skips the line (Parse
	// counts what it skips, and why).
	Parse  func(line []byte) (model.Record, error)
	Sender *Sender
	NUL    bool // chunks end at NUL bytes rather than newlines
	Batch  int  // records a send carries at most; 0 picks 500
}

// ErrSkipLine marks a line that is no record to send (a transaction
// marker's): it is counted, not sent and not an error.
var ErrSkipLine = errors.New("not a record to send")

// LinesSent is what a run of Lines did.
type LinesSent struct {
	Sent int
	// NotSent names, when the cluster refused some, the lines read that
	// it did not take: "481-482,484,486-500".
	NotSent string
}

// LineError is a line that could not be made a record: every line before
// it was sent.
type LineError struct {
	Line int
	Err  error
}

func (e LineError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }
func (e LineError) Unwrap() error { return e.Err }

// Run reads in to its end, or to the first line that is no record, or
// the first refusal that stands, sending as it goes.
func (l Lines) Run(ctx context.Context, in io.Reader) (LinesSent, error) {
	var res LinesSent
	batchSize := l.Batch
	if batchSize <= 0 {
		batchSize = 500
	}
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 64<<10), 16<<20) // values up to 16 MB
	if l.NUL {
		sc.Split(splitNUL)
	}
	var batch []Outgoing
	flush := func() error {
		sent := l.Sender.Send(ctx, batch)
		res.Sent += len(sent.Took)
		if sent.Err != nil {
			res.NotSent = notTaken(batch, l.Sender.Ledger())
		}
		batch = batch[:0]
		return sent.Err
	}
	for line := 1; sc.Scan(); line++ {
		r, err := l.Parse(bytes.Clone(sc.Bytes()))
		if errors.Is(err, ErrSkipLine) {
			continue
		}
		if err != nil {
			if len(batch) > 0 {
				if ferr := flush(); ferr != nil {
					return res, ferr
				}
			}
			return res, LineError{line, err}
		}
		// The line number is the record's place in the ledger: one
		// partition, offsets the lines.
		batch = append(batch, Outgoing{Partition: 0, Offset: int64(line), Record: r})
		if len(batch) == batchSize {
			if err := flush(); err != nil {
				return res, err
			}
		}
	}
	if err := sc.Err(); err != nil {
		return res, fmt.Errorf("read input: %w", err)
	}
	if len(batch) > 0 {
		return res, flush()
	}
	return res, nil
}

// notTaken names the lines of a batch the ledger does not have as sent.
func notTaken(batch []Outgoing, l *Ledger) string {
	var lines []int64
	for _, o := range batch {
		if !l.Done(o.Partition, o.Offset) {
			lines = append(lines, o.Offset)
		}
	}
	return runsText(lines, ",")
}

func splitNUL(data []byte, atEOF bool) (int, []byte, error) {
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return i + 1, data[:i], nil
	}
	if atEOF && len(data) > 0 {
		return len(data), data, nil
	}
	return 0, nil, nil
}
