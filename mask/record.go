package mask

import (
	"context"
	"runtime"
	"slices"
	"strings"

	"github.com/kscope/kscope/model"
)

// Decoding is a decoder that reads records with inner, then masks them:
// where a client reads records, so nothing downstream sees them in clear.
func Decoding(inner model.Decoder, p *Policy) model.Decoder {
	if p == nil {
		return inner
	}
	return decoding{inner: inner, policy: p}
}

type decoding struct {
	inner  model.Decoder
	policy *Policy
}

func (d decoding) Decode(ctx context.Context, records []model.Record) {
	if d.inner != nil {
		d.inner.Decode(ctx, records)
	}
	d.policy.Mask(records)
}

// parallelFrom is the batch size from which masking is spread over the
// cores, as decoding is.
const parallelFrom = 512

// Mask masks records in place: their keys, values (decoded or not) and
// headers, as the plan of each one's topic says.
func (p *Policy) Mask(records []model.Record) {
	if p == nil || len(records) == 0 {
		return
	}
	model.InParts(len(records), parallelFrom, runtime.GOMAXPROCS(0), func(_, lo, hi int) {
		var m masker
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
	arena   []byte // where masked bytes are written, a chunk at a time
	scratch []byte
	unq     []byte
	spans   []span
	hits    []hit
}

// hit is a span a finder found, with its style.
type hit struct {
	span
	style *style
}

// arenaChunk is how much the masker allocates at a time for what it
// writes: one allocation serves many records.
const arenaChunk = 64 << 10

// begin starts a write of about size bytes in the arena.
func (m *masker) begin(size int) []byte {
	if cap(m.arena)-len(m.arena) < size {
		m.arena = make([]byte, 0, max(arenaChunk, size))
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

func (m *masker) record(pl *plan, r *model.Record) {
	r.Key, r.DecodedKey = m.part(&pl.key, r.Key, r.DecodedKey)
	r.Value, r.DecodedValue = m.part(&pl.value, r.Value, r.DecodedValue)
	r.Headers = m.headers(pl, r.Headers)
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
		masked := *d
		masked.JSON = out
		return out, &masked
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
	return m.claim(m.appendApplied(m.begin(len(b)+64), b, hits))
}

// find is what the finders find in s, in order, without overlaps (the
// earlier, then the longer, wins).
func (m *masker) find(finders []finder, s []byte) []hit {
	hits := m.hits[:0]
	for i := range finders {
		m.spans = finders[i].find(s, m.spans[:0])
		for _, sp := range m.spans {
			hits = append(hits, hit{sp, &finders[i].style})
		}
	}
	if len(hits) > 1 {
		slices.SortFunc(hits, func(a, b hit) int {
			if a.from != b.from {
				return a.from - b.from
			}
			return b.to - a.to
		})
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

func (m *masker) appendApplied(dst, s []byte, hits []hit) []byte {
	at := 0
	for _, h := range hits {
		dst = append(dst, s[at:h.from]...)
		dst = h.style.appendMasked(dst, s[h.from:h.to])
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
		if len(v) == len(h.Value) && (len(v) == 0 || &v[0] == &h.Value[0]) {
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
