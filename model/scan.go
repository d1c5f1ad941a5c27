package model

import (
	"bytes"
	"context"
	"fmt"
	"runtime"
	"strings"
)

// Query is what a search looks for: every part given must match.
type Query struct {
	Key    []byte // the key, exactly (its bytes, or its decoded text)
	Where  string // an expression; see Where
	Filter Filter // a substring or ~regex over key, value and headers
}

// matcher is a query compiled for one goroutine: an expression runs on a
// machine of its own.
type matcher struct {
	q     *Query
	where *Where
}

func (q *Query) matcher() (*matcher, error) {
	m := &matcher{q: q}
	if q.Where != "" {
		w, err := ParseWhere(q.Where)
		if err != nil {
			return nil, err
		}
		m.where = w
	}
	return m, nil
}

func (m *matcher) match(r *Record) bool {
	if m.q.Key != nil && !bytes.Equal(r.Key, m.q.Key) && !bytes.Equal(r.ShownKey(), m.q.Key) {
		return false
	}
	if !m.q.Filter.Match(r) {
		return false
	}
	return m.where == nil || m.where.Match(r)
}

// Scan is a stream whose batches hold only the records a query matches,
// counting what it read. A batch is matched on as many goroutines as the
// machine has cores, so a search filters as fast as the broker serves.
type Scan struct {
	RecordStream
	matchers []*matcher
	// Scanned counts the records read, matched or not.
	Scanned int64
}

// scanParallelFrom is the batch size from which matching is spread over
// the cores.
const scanParallelFrom = 512

// NewScan filters s by q; it fails only on an expression that does not
// compile.
func NewScan(s RecordStream, q Query) (*Scan, error) {
	scan := &Scan{RecordStream: s}
	for range max(runtime.GOMAXPROCS(0), 1) {
		m, err := q.matcher()
		if err != nil {
			return nil, err
		}
		scan.matchers = append(scan.matchers, m)
	}
	return scan, nil
}

// Next reads the next batch and keeps its matches, in order. Ended
// while it matches, it returns ctx's error with the matches it found: an
// expression costly on every record must not hold up a cancel.
func (s *Scan) Next(ctx context.Context) (Batch, error) {
	b, err := s.RecordStream.Next(ctx)
	b.Scanned = len(b.Records)
	s.Scanned += int64(b.Scanned)
	keep := make([]bool, len(b.Records))
	InParts(len(b.Records), scanParallelFrom, len(s.matchers), func(part, lo, hi int) {
		s.matchAll(ctx, s.matchers[part], b.Records[lo:hi], keep[lo:hi])
	})
	if err == nil {
		err = ctx.Err()
	}
	matched := b.Records[:0]
	for i := range b.Records {
		if keep[i] {
			matched = append(matched, b.Records[i])
		}
	}
	b.Records = matched
	return b, err
}

// Recycle gives back what Next handed out: the matches were kept in the
// slice the stream under it made.
func (s *Scan) Recycle(records []Record) { Recycle(s.RecordStream, records) }

// cancelEvery is how many records a matcher evaluates between looks at
// its context.
const cancelEvery = 16

func (s *Scan) matchAll(ctx context.Context, m *matcher, records []Record, keep []bool) {
	for i := range records {
		if i%cancelEvery == 0 && ctx.Err() != nil {
			return
		}
		keep[i] = m.match(&records[i])
	}
}

// Failed is how many records the expression could not be evaluated on,
// and the first error: they did not match.
func (s *Scan) Failed() (int, error) {
	n := 0
	var first error
	for _, m := range s.matchers {
		if m.where != nil {
			n += m.where.Failed
			if first == nil {
				first = m.where.Err
			}
		}
	}
	return n, first
}

// MissedLine says which partitions lost records to retention before a
// scan read them, and how many: "partition 2: 1,200 records (offsets
// removed while the search ran)"; empty when none did.
func MissedLine(positions []Position) string {
	var parts []string
	for _, p := range positions {
		if p.Missed > 0 {
			parts = append(parts, fmt.Sprintf("partition %d: %s", p.Partition, Plural(p.Missed, "record")))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return strings.Join(parts, ", ") + ", removed by retention before they were read"
}
