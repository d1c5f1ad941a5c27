// Package engine holds kscope's use cases, the work the command line, the
// terminal UI and the MCP server share: sending records exactly once
// across failures, copying and redriving ranges of topics. Each is a
// plain type over the small interfaces the Kafka adapter satisfies; it
// knows nothing of cobra or Bubble Tea, and says exactly what it did.
package engine

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/kscope/kscope/model"
)

// Ledger is how far a write has got in each source partition: every
// offset below a partition's mark is done (sent, or not to be sent), and
// of the offsets at or past it, the ledger lists those the cluster took.
// A resumed write starts at each mark and skips what is listed, so a
// record the cluster took is never sent twice and one it refused is never
// passed over, however the records were spread over the destination.
type Ledger struct {
	parts map[int32]*partLedger
}

type partLedger struct {
	mark int64
	sent []int64 // past mark, ascending
	// hole is the lowest offset the cluster refused, or -1: the mark
	// never passes it.
	hole int64
}

// Starts is where each partition of a scan started.
func Starts(ps []model.Position) map[int32]int64 {
	out := make(map[int32]int64, len(ps))
	for _, p := range ps {
		out[p.Partition] = p.Next
	}
	return out
}

// NewLedger starts a ledger with each partition's mark.
func NewLedger(marks map[int32]int64) *Ledger {
	l := &Ledger{parts: map[int32]*partLedger{}}
	for p, m := range marks {
		l.part(p).mark = m
	}
	return l
}

func (l *Ledger) part(p int32) *partLedger {
	if l.parts == nil {
		l.parts = map[int32]*partLedger{}
	}
	pl := l.parts[p]
	if pl == nil {
		pl = &partLedger{hole: -1}
		l.parts[p] = pl
	}
	return pl
}

// Done reports whether the record at offset of partition p is done: below
// the mark, or taken by the cluster.
func (l *Ledger) Done(p int32, offset int64) bool {
	pl := l.parts[p]
	if pl == nil {
		return false
	}
	if offset < pl.mark {
		return true
	}
	_, found := slices.BinarySearch(pl.sent, offset)
	return found
}

// Took records that the cluster took the record at offset of p.
func (l *Ledger) Took(p int32, offset int64) {
	pl := l.part(p)
	if offset < pl.mark {
		return
	}
	i, found := slices.BinarySearch(pl.sent, offset)
	if !found {
		pl.sent = slices.Insert(pl.sent, i, offset)
	}
}

// Refused records that the cluster did not take the record at offset of
// p: the mark stops there until a later run sends it.
func (l *Ledger) Refused(p int32, offset int64) {
	pl := l.part(p)
	if pl.hole < 0 || offset < pl.hole {
		pl.hole = offset
	}
}

// Reached moves p's mark to next, every record below it handled: sent,
// refused or not to be sent. It stops at the first refused record.
func (l *Ledger) Reached(p int32, next int64) {
	pl := l.part(p)
	if pl.hole >= 0 {
		next = min(next, pl.hole)
	}
	if next <= pl.mark {
		return
	}
	pl.mark = next
	i, _ := slices.BinarySearch(pl.sent, next)
	pl.sent = slices.Delete(pl.sent, 0, i)
}

// Clone is a copy of the ledger that changes apart from it.
func (l *Ledger) Clone() *Ledger {
	out := &Ledger{parts: make(map[int32]*partLedger, len(l.parts))}
	for p, pl := range l.parts {
		c := *pl
		c.sent = slices.Clone(pl.sent)
		out.parts[p] = &c
	}
	return out
}

// Marks is where each partition goes on from.
func (l *Ledger) Marks() map[int32]int64 {
	out := make(map[int32]int64, len(l.parts))
	for p, pl := range l.parts {
		out[p] = pl.mark
	}
	return out
}

// Ahead counts the records taken past the marks: what a resume skips.
func (l *Ledger) Ahead() int {
	n := 0
	for _, pl := range l.parts {
		n += len(pl.sent)
	}
	return n
}

// String is the ledger as --resume takes it: "0:120,1:98+100-104+107",
// each partition's mark, then the offsets past it already taken, runs
// written as ranges.
func (l *Ledger) String() string {
	ps := slices.Sorted(maps.Keys(l.parts))
	parts := make([]string, len(ps))
	for i, p := range ps {
		pl := l.parts[p]
		var b strings.Builder
		fmt.Fprintf(&b, "%d:%d", p, pl.mark)
		for _, r := range runs(pl.sent) {
			b.WriteByte('+')
			b.WriteString(r.String())
		}
		parts[i] = b.String()
	}
	return strings.Join(parts, ",")
}

// ParseLedger reads what String wrote.
func ParseLedger(s string) (*Ledger, error) {
	l := &Ledger{parts: map[int32]*partLedger{}}
	for part := range strings.SplitSeq(s, ",") {
		p, rest, ok := strings.Cut(strings.TrimSpace(part), ":")
		pn, err := strconv.ParseInt(p, 10, 32)
		if !ok || err != nil || pn < 0 {
			return nil, fmt.Errorf("%q: want PARTITION:OFFSET", part)
		}
		fields := strings.Split(rest, "+")
		mark, err := strconv.ParseInt(fields[0], 10, 64)
		if err != nil || mark < 0 {
			return nil, fmt.Errorf("%q: want PARTITION:OFFSET", part)
		}
		pl := l.part(int32(pn))
		pl.mark = mark
		for _, f := range fields[1:] {
			r, err := parseRun(f)
			if err != nil || r.from < mark {
				return nil, fmt.Errorf("%q: after the offset, +OFFSET or +FROM-TO past it", part)
			}
			for o := r.from; o <= r.to; o++ {
				l.Took(int32(pn), o)
			}
		}
	}
	return l, nil
}

// offsetRun is the offsets from..to, both included.
type offsetRun struct{ from, to int64 }

func (r offsetRun) String() string {
	if r.from == r.to {
		return strconv.FormatInt(r.from, 10)
	}
	return fmt.Sprintf("%d-%d", r.from, r.to)
}

// maxRun bounds the offsets one written range may stand for, so a typed
// --resume cannot ask for billions of entries.
const maxRun = 1 << 20

func parseRun(s string) (offsetRun, error) {
	from, to, isRange := strings.Cut(s, "-")
	f, err := strconv.ParseInt(from, 10, 64)
	if err != nil {
		return offsetRun{}, err
	}
	r := offsetRun{f, f}
	if isRange {
		if r.to, err = strconv.ParseInt(to, 10, 64); err != nil {
			return offsetRun{}, err
		}
	}
	if r.to < r.from || r.to-r.from >= maxRun {
		return offsetRun{}, fmt.Errorf("range %s", s)
	}
	return r, nil
}

// runsText writes ascending offsets as runs joined by sep:
// "120-180+183" with "+".
func runsText(offsets []int64, sep string) string {
	rs := runs(offsets)
	texts := make([]string, len(rs))
	for i, r := range rs {
		texts[i] = r.String()
	}
	return strings.Join(texts, sep)
}

// runs folds ascending offsets into runs of consecutive ones.
func runs(offsets []int64) []offsetRun {
	var out []offsetRun
	for _, o := range offsets {
		if n := len(out); n > 0 && out[n-1].to+1 == o {
			out[n-1].to = o
			continue
		}
		out = append(out, offsetRun{o, o})
	}
	return out
}
