package mask

import (
	"context"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unsafe"

	"github.com/kscope/kscope/model"
)

// Decoding is a decoder that reads records with inner, then masks them:
// where a client reads records, so nothing downstream sees them in clear.
func Decoding(inner model.Decoder, p *Policy) model.Decoder {
	if p == nil {
		return inner
	}
	return &decoding{inner: inner, policy: p, arenas: &arenas{pending: map[*model.Record][][]byte{}}}
}

type decoding struct {
	inner  model.Decoder
	policy *Policy
	arenas *arenas
}

func (d *decoding) Decode(ctx context.Context, records []model.Record) {
	if d.inner != nil {
		d.inner.Decode(ctx, records)
	}
	d.policy.mask(records, d.arenas)
}

// Recycle takes back a batch its reader is done with (a printer, never a
// buffer), and with it what masking wrote for it, for the next batches.
func (d *decoding) Recycle(records []model.Record) {
	if r, ok := d.inner.(model.Recycler); ok {
		r.Recycle(records)
	}
	d.arenas.recycle(records)
}

// arenas keeps the chunks masking wrote each batch's bytes in, until the
// batch comes back: writing into memory already had costs less than
// making (and zeroing) it afresh.
type arenas struct {
	mu      sync.Mutex
	pending map[*model.Record][][]byte // by where the batch's slice starts
	free    [][]byte
}

// Bounds on what arenas keep: a reader that never gives batches back
// leaves them to the collector.
const (
	maxPending = 16
	maxFree    = 64 // 4 MB
)

func (a *arenas) get(size int) []byte {
	if a != nil && size <= arenaChunk {
		a.mu.Lock()
		defer a.mu.Unlock()
		if n := len(a.free); n > 0 {
			chunk := a.free[n-1]
			a.free = a.free[:n-1]
			return chunk[:0]
		}
	}
	return make([]byte, 0, max(arenaChunk, size))
}

func (a *arenas) keep(records []model.Record, chunks [][]byte) {
	if a == nil || len(chunks) == 0 {
		return
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if len(a.pending) >= maxPending {
		clear(a.pending)
	}
	first := unsafe.SliceData(records)
	a.pending[first] = append(a.pending[first], chunks...)
}

func (a *arenas) recycle(records []model.Record) {
	if a == nil {
		return
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	// A search hands back its matches alone, maybe none, in the slice
	// the batch came in: where it starts names the batch.
	first := unsafe.SliceData(records)
	for _, c := range a.pending[first] {
		if len(a.free) < maxFree && cap(c) == arenaChunk {
			a.free = append(a.free, c)
		}
	}
	delete(a.pending, first)
}

// parallelFrom is the batch size from which masking is spread over the
// cores, as decoding is.
const parallelFrom = 512

// Mask masks records in place: their keys, values (decoded or not) and
// headers, as the plan of each one's topic says.
func (p *Policy) Mask(records []model.Record) { p.mask(records, nil) }

func (p *Policy) mask(records []model.Record, a *arenas) {
	if p == nil || len(records) == 0 {
		return
	}
	model.InParts(len(records), parallelFrom, runtime.GOMAXPROCS(0), func(_, lo, hi int) {
		m := masker{arenas: a}
		defer func() { a.keep(records, m.chunks) }()
		var topic string
		var pl *plan
		for i := range records[lo:hi] {
			r := &records[lo+i]
			if i == 0 || r.Topic != topic {
				topic, pl = r.Topic, p.planFor(r.Topic)
			}
			if pl != nil {
				m.record(pl, r)
			}
		}
	})
}

// Text masks what the detectors and patterns of a topic's rules find in
// a text that is not a record, such as a schema's examples and defaults.
func (p *Policy) Text(topic string, text []byte) []byte {
	pl := p.planFor(topic)
	if pl == nil {
		return text
	}
	var m masker
	return m.found(pl.finders, text)
}

// masker masks records on one goroutine, with its own scratch space.
type masker struct {
	arenas  *arenas  // where chunks come from; nil: made afresh
	chunks  [][]byte // the chunks this masker took
	arena   []byte   // where masked bytes are written, a chunk at a time
	scratch []byte
	unq     []byte
	spans   []span
	hits    []hit
	ahead   []hit           // what the finders found in a whole JSON text
	decoded []model.Decoded // where masked copies of decodings are made, some at a time
}

// newDecoded is room for a masked copy of a decoding: one allocation for
// many records.
func (m *masker) newDecoded() *model.Decoded {
	if len(m.decoded) == 0 {
		m.decoded = make([]model.Decoded, 128)
	}
	d := &m.decoded[0]
	m.decoded = m.decoded[1:]
	return d
}

// hit is a span a finder found, with which finder found it.
type hit struct {
	span
	finder int
}

// arenaChunk is how much the masker allocates at a time for what it
// writes: one allocation serves many records.
const arenaChunk = 64 << 10

// begin starts a write of about size bytes in the arena.
func (m *masker) begin(size int) []byte {
	if cap(m.arena)-len(m.arena) < size {
		m.arena = m.arenas.get(size)
		m.chunks = append(m.chunks, m.arena)
	}
	return m.arena[len(m.arena):len(m.arena)]
}

// claim ends a write begun in the arena: the arena keeps what it took,
// unless the write outgrew it and moved.
func (m *masker) claim(out []byte) []byte {
	rest := m.arena[len(m.arena):cap(m.arena)]
	if len(out) > 0 && len(rest) >= len(out) && &rest[0] == &out[0] {
		m.arena = m.arena[:len(m.arena)+len(out)]
	}
	return out[:len(out):len(out)]
}

// record masks a record's parts. Each is written back only when it
// changed: a write to a record is a write barrier while the collector
// runs.
func (m *masker) record(pl *plan, r *model.Record) {
	if k, d := m.part(&pl.key, r.Key, r.DecodedKey); !same(k, r.Key) || d != r.DecodedKey {
		r.Key, r.DecodedKey = k, d
	}
	if v, d := m.part(&pl.value, r.Value, r.DecodedValue); !same(v, r.Value) || d != r.DecodedValue {
		r.Value, r.DecodedValue = v, d
	}
	if hs := m.headers(pl, r.Headers); len(hs) > 0 && &hs[0] != &r.Headers[0] {
		r.Headers = hs
	}
}

// same reports whether a and b are the same bytes in memory.
func same(a, b []byte) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// part masks a key or value: raw its bytes, d what decoding made of it.
// A decoded part's bytes (Avro, Protobuf) hold its fields in clear where
// no field path can reach them, so they are replaced by its masked JSON.
func (m *masker) part(pp *partPlan, raw []byte, d *model.Decoded) ([]byte, *model.Decoded) {
	if !pp.touched() {
		return raw, d
	}
	if d.OK() {
		out, ok := m.maskJSON(pp, d.JSON)
		if !ok {
			out = m.whole(pp, d.JSON)
		}
		masked := m.newDecoded()
		*masked = *d
		masked.JSON = out
		return out, masked
	}
	return m.bytes(pp, raw), d
}

// bytes masks a key or value that was not decoded: as JSON when it is,
// else whole when a rule names it or fields in it (which cannot be found
// in what is not JSON), else what the finders find.
func (m *masker) bytes(pp *partPlan, b []byte) []byte {
	if len(b) == 0 {
		return b
	}
	if i := skipWS(b, 0); i < len(b) && startsJSON(b[i]) {
		if out, ok := m.maskJSON(pp, b); ok {
			return out
		}
	}
	if pp.whole != nil || len(pp.paths) > 0 {
		return m.whole(pp, b)
	}
	return m.found(pp.finders, b)
}

// startsJSON reports whether a JSON value may start with c.
func startsJSON(c byte) bool {
	return c == '{' || c == '[' || c == '"' || c == '-' || isDigit(c) || c == 't' || c == 'f' || c == 'n'
}

// whole masks all of b in the style of the rule that names the part, or
// else of the first field in it.
func (m *masker) whole(pp *partPlan, b []byte) []byte {
	st := pp.whole
	if st == nil {
		st = &pp.paths[0].style
	}
	return m.claim(st.appendMasked(m.begin(64), b))
}

// found masks what the finders find in b; b itself when they find
// nothing.
func (m *masker) found(finders []finder, b []byte) []byte {
	hits := m.find(finders, b)
	if len(hits) == 0 {
		return b
	}
	return m.claim(appendApplied(m.begin(len(b)+64), b, hits, finders))
}

// find is what the finders find in s, in order, without overlaps (the
// earlier, then the longer, wins).
func (m *masker) find(finders []finder, s []byte) []hit {
	hits := m.hits[:0]
	var feat features
	if len(finders) > 0 {
		feat = featuresOf(s)
	}
	for i := range finders {
		if len(s) < finders[i].min || !feat.has(finders[i].needs) {
			continue
		}
		m.spans = finders[i].find(s, m.spans[:0])
		for _, sp := range m.spans {
			hits = append(hits, hit{sp, i})
		}
	}
	if len(hits) > 1 {
		if !inOrder(hits) {
			slices.SortFunc(hits, func(a, b hit) int {
				if a.from != b.from {
					return a.from - b.from
				}
				return b.to - a.to
			})
		}
		kept := hits[:1]
		for _, h := range hits[1:] {
			if last := &kept[len(kept)-1]; h.from >= last.to {
				kept = append(kept, h)
			} else if h.to > last.to {
				last.to = h.to // overlapping finds are masked as one
			}
		}
		hits = kept
	}
	m.hits = hits
	return hits
}

// inOrder reports whether hits are sorted already, as one finder's are.
func inOrder(hits []hit) bool {
	for i := 1; i < len(hits); i++ {
		if hits[i].from < hits[i-1].from {
			return false
		}
	}
	return true
}

// appendApplied appends s with what the finders found in it masked.
func appendApplied(dst, s []byte, hits []hit, finders []finder) []byte {
	at := 0
	for _, h := range hits {
		dst = append(dst, s[at:h.from]...)
		dst = finders[h.finder].style.appendMasked(dst, s[h.from:h.to])
		at = h.to
	}
	return append(dst, s[at:]...)
}

// headers masks the values of the headers a rule names, and what the
// finders find in the others. The slice is copied before a change: it
// may be shared.
func (m *masker) headers(pl *plan, hs []model.Header) []model.Header {
	if len(hs) == 0 || len(pl.headers) == 0 && len(pl.finders) == 0 {
		return hs
	}
	var out []model.Header
	for i, h := range hs {
		v := h.Value
		if st := pl.headerStyle(h.Key); st != nil && v != nil {
			v = m.claim(st.appendMasked(m.begin(64), v))
		} else {
			v = m.found(pl.finders, v)
		}
		if same(v, h.Value) {
			continue
		}
		if out == nil {
			out = slices.Clone(hs)
		}
		out[i].Value = v
	}
	if out == nil {
		return hs
	}
	return out
}

func (pl *plan) headerStyle(name string) *style {
	for i := range pl.headers {
		if pl.headers[i].matches(name) {
			return &pl.headers[i].style
		}
	}
	return nil
}

// Schemas masks what the detectors and patterns find in a subject's
// schemas (an example or default value is data too), by the rules of
// the topic its name says: orders-value is orders'.
func (p *Policy) Schemas(subject string, versions []model.SchemaVersion) {
	topic := strings.TrimSuffix(strings.TrimSuffix(subject, "-value"), "-key")
	for i := range versions {
		versions[i].Text = string(p.Text(topic, []byte(versions[i].Text)))
	}
}
