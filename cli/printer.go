package cli

import (
	"bufio"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"syscall"
	"time"

	"github.com/kscope/kscope/model"
)

func newPrinter(stdout io.Writer, topic, output string, limit int) *printer {
	return &printer{w: bufio.NewWriterSize(stdout, 256<<10), topic: topic, json: output == "json", limit: limit}
}

// print prints the stream until it ends and flushes. A reader that went
// (| head) or an interrupt is no error; interrupted says which it was.
func (p *printer) print(ctx context.Context, s model.RecordStream, exitAtEnd bool, g *globals) (interrupted bool, err error) {
	err = p.run(ctx, s, exitAtEnd, g.timeout, g.stderr)
	if flushErr := p.w.Flush(); err == nil {
		err = flushErr
	}
	interrupted = errors.Is(err, context.Canceled)
	if errors.Is(err, syscall.EPIPE) || interrupted {
		err = nil
	}
	return interrupted, err
}

// printer writes a tail's records until it is told to stop.
type printer struct {
	w       *bufio.Writer
	topic   string
	json    bool
	filter  model.Filter
	limit   int // 0: no limit
	printed int
	line    []byte
	// positions are the stream's, as of its last batch.
	positions []model.Position
}

// errDone ends a tail that printed what it was asked for.
var errDone = errors.New("done")

// run prints until the tail ends, the reader goes, or with exitAtEnd the
// end is reached. While the cluster cannot be reached it says so on
// stderr, once; with exitAtEnd, a cluster that stays unreachable for
// timeout ends the run with that error, since the end cannot be reached.
func (p *printer) run(ctx context.Context, tail model.RecordStream, exitAtEnd bool, timeout time.Duration, stderr io.Writer) error {
	if exitAtEnd && model.AllCaught(tail.Started()) {
		return nil
	}
	var warned string
	var failingSince time.Time
	for {
		b, err := tail.Next(ctx)
		if b.Positions != nil {
			p.positions = b.Positions
		}
		perr := p.printBatch(b)
		model.Recycle(tail, b.Records) // printed: nothing of them is kept
		if perr != nil {
			if errors.Is(perr, errDone) {
				return nil
			}
			return perr
		}
		switch {
		case errors.Is(err, model.ErrTopicGone), ctx.Err() != nil:
			return err
		case err == nil || len(b.Records) > 0:
			failingSince = time.Time{}
		case failingSince.IsZero():
			failingSince = time.Now()
		case exitAtEnd && time.Since(failingSince) > timeout:
			return err
		}
		if err != nil && err.Error() != warned {
			// The cluster may recover; say so once, and go on.
			warned = err.Error()
			fmt.Fprintln(stderr, "kscope: warning:", model.Sanitize(warned))
		}
		if exitAtEnd && model.AllCaught(b.Positions) {
			return nil
		}
		// Flush per batch: a slow topic shows up at once, a fast one
		// still writes in large blocks.
		if err := p.w.Flush(); err != nil {
			return err
		}
	}
}

// printBatch prints a batch's records and, in an uncommitted read, its
// transaction markers: each record's transaction resolved by the markers
// read with it (so an aborted record is not called open), and each marker
// where its offset puts it among its partition's records.
func (p *printer) printBatch(b model.Batch) error {
	if len(b.TxnEnds) == 0 {
		return p.printRecords(b.Records)
	}
	model.ResolveTxns(b.Records, b.TxnEnds)
	byPartition := map[int32][]model.TxnEnd{}
	for _, e := range b.TxnEnds {
		byPartition[e.Partition] = append(byPartition[e.Partition], e)
	}
	for _, ends := range byPartition {
		slices.SortStableFunc(ends, func(a, b model.TxnEnd) int { return cmp.Compare(a.Offset, b.Offset) })
	}
	from := 0
	for i := range b.Records {
		r := &b.Records[i]
		ends := byPartition[r.Partition]
		n := 0
		for n < len(ends) && ends[n].Offset < r.Offset {
			n++
		}
		if n == 0 {
			continue
		}
		if err := p.printRecords(b.Records[from:i]); err != nil {
			return err
		}
		if err := p.printTxnEnds(ends[:n]); err != nil {
			return err
		}
		byPartition[r.Partition], from = ends[n:], i
	}
	if err := p.printRecords(b.Records[from:]); err != nil {
		return err
	}
	for _, part := range slices.Sorted(maps.Keys(byPartition)) {
		if err := p.printTxnEnds(byPartition[part]); err != nil {
			return err
		}
	}
	return nil
}

func (p *printer) printRecords(records []model.Record) error {
	for i := range records {
		r := &records[i]
		if !p.filter.Match(r) {
			continue
		}
		if p.json {
			p.line = model.AppendJSONLine(p.line[:0], r)
		} else {
			p.line = appendTextLine(p.line[:0], r)
		}
		if _, err := p.w.Write(p.line); err != nil {
			return err
		}
		if p.printed++; p.limit > 0 && p.printed >= p.limit {
			return errDone
		}
	}
	return nil
}

// printTxnEnds writes the transaction markers an uncommitted read met.
func (p *printer) printTxnEnds(ends []model.TxnEnd) error {
	for _, e := range ends {
		p.line = p.line[:0]
		if p.json {
			p.line = model.AppendTxnEndJSON(p.line, p.topic, e)
		} else {
			p.line = fmt.Appendf(p.line, "%d\t%d\t-\t%s of producer %d\n", e.Partition, e.Offset, e.Kind(), e.ProducerID)
		}
		if _, err := p.w.Write(p.line); err != nil {
			return err
		}
	}
	return nil
}

// appendTextLine writes a record for people: partition, offset, time, key
// and value, tab-separated, every byte made safe for a terminal.
func appendTextLine(dst []byte, r *model.Record) []byte {
	dst = strconv.AppendInt(dst, int64(r.Partition), 10)
	dst = append(dst, '\t')
	dst = strconv.AppendInt(dst, r.Offset, 10)
	dst = append(dst, '\t')
	dst = r.Time().UTC().AppendFormat(dst, "2006-01-02T15:04:05.000Z07:00")
	dst = append(dst, '\t')
	dst = append(dst, model.Inline(r.ShownKey())...)
	dst = append(dst, '\t')
	dst = append(dst, model.Inline(r.ShownValue())...)
	return append(dst, '\n')
}
