package mask

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math/bits"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/kscope/kscope/model"
)

// errJSON is a walk over bytes that are not JSON after all.
var errJSON = errors.New("not JSON")

// walk masks one JSON text: it copies the bytes it keeps only once it
// has a first change to write, so a value with nothing to mask costs a
// scan and no copy.
type walk struct {
	m       *masker
	src     []byte
	out     []byte
	from    int // src[:from] is written to out
	changed bool
	paths   []pathRule
	finders []finder
	// ahead, when set, means the finders ran over the whole text before
	// the walk, and found holds what they found (in order, in src's
	// offsets): a text without escapes finds in its strings what the
	// whole finds, as no detector's match crosses a quote (a pattern's
	// may: with one, each string is looked at alone). next is the first
	// found not yet passed; hits is hitsIn's, on the stack, where
	// writing costs no barrier.
	ahead bool
	found []hit
	next  int
	hits  []hit
}

// maskJSON masks src, JSON text, by the part's plan; ok is false when src
// is not JSON.
func (m *masker) maskJSON(pp *partPlan, src []byte) (out []byte, ok bool) {
	w := walk{m: m, src: src, paths: pp.paths, finders: pp.finders}
	if len(pp.finders) > 0 && !pp.patterns && bytes.IndexByte(src, '\\') < 0 {
		w.ahead = true
		w.found = append(m.ahead[:0], m.find(pp.finders, src)...)
		m.ahead = w.found
		if len(w.found) == 0 {
			w.finders = nil
		}
	}
	if len(w.finders) == 0 && len(pp.paths) == 0 && pp.whole == nil {
		return src, true // nothing to find, nothing named
	}
	alive := uint64(1)<<len(pp.paths) - 1 // one bit a path; at most maxPaths
	if len(pp.paths) == maxPaths {
		alive = ^uint64(0)
	}
	end, err := w.value(0, alive, pp.whole, 0)
	if err != nil || skipWS(src, end) != len(src) {
		return src, false
	}
	if !w.changed {
		return src, true
	}
	w.out = append(w.out, src[w.from:]...)
	return m.claim(w.out), true
}

// replace writes text as a JSON string in place of src[from:to].
func (w *walk) replace(from, to int, text []byte) {
	if !w.changed {
		w.out = w.m.begin(len(w.src) + 64)
		w.changed = true
	}
	w.out = append(w.out, w.src[w.from:from]...)
	w.out = appendString(w.out, text)
	w.from = to
}

func skipWS(s []byte, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r') {
		i++
	}
	return i
}

// value walks the JSON value at i; alive are the paths still on course
// at this depth, and masked, when set, the style the value is masked in
// whole.
func (w *walk) value(i int, alive uint64, masked *style, depth int) (int, error) {
	i = skipWS(w.src, i)
	if i >= len(w.src) {
		return i, errJSON
	}
	switch c := w.src[i]; c {
	case '{':
		return w.object(i, alive, masked, depth)
	case '[':
		return w.array(i, alive, masked, depth)
	case '"':
		end, escaped, err := stringEnd(w.src, i)
		if err != nil {
			return i, err
		}
		if masked != nil || w.looking() {
			w.leaf(i, end, w.m.unquote(w.src[i+1:end-1], escaped), i+1, masked)
		}
		return end, nil
	}
	end := i
	for end < len(w.src) && isLiteral(w.src[end]) {
		end++
	}
	lit := w.src[i:end]
	switch {
	case end == i:
		return i, errJSON
	case string(lit) == "null" || string(lit) == "true" || string(lit) == "false":
		if masked != nil && lit[0] != 'n' {
			w.leaf(i, end, lit, i, masked)
		}
	case lit[0] == '-' || isDigit(lit[0]):
		if masked != nil || w.looking() {
			w.leaf(i, end, lit, i, masked)
		}
	default:
		return i, errJSON
	}
	return end, nil
}

func isLiteral(c byte) bool {
	return isAlnum(c) || c == '-' || c == '+' || c == '.'
}

// looking reports whether the finders may still find something.
func (w *walk) looking() bool {
	return len(w.finders) > 0 && (!w.ahead || w.next < len(w.found))
}

// leaf masks a string's text or a literal, src[from:to], whose text
// starts at src[at]: whole when masked, else what the finders find in it.
// A literal masked becomes a string; one the finders leave alone stays as
// it was.
func (w *walk) leaf(from, to int, text []byte, at int, masked *style) {
	if masked != nil {
		w.m.scratch = masked.appendMasked(w.m.scratch[:0], text)
	} else if hits := w.hitsIn(text, at); len(hits) > 0 {
		w.m.scratch = appendApplied(w.m.scratch[:0], text, hits, w.finders)
	} else {
		return
	}
	w.replace(from, to, w.m.scratch)
}

// hitsIn is what the finders find in text, which starts at src[at]:
// found ahead, or looked for now.
func (w *walk) hitsIn(text []byte, at int) []hit {
	if !w.ahead {
		return w.m.find(w.finders, text)
	}
	for w.next < len(w.found) && w.found[w.next].from < at {
		w.next++ // in a part masked whole, or skipped
	}
	if w.next == len(w.found) || w.found[w.next].to > at+len(text) {
		return nil
	}
	w.hits = w.hits[:0]
	for ; w.next < len(w.found) && w.found[w.next].to <= at+len(text); w.next++ {
		h := w.found[w.next]
		h.from, h.to = h.from-at, h.to-at
		w.hits = append(w.hits, h)
	}
	return w.hits
}

// appendString appends text as a JSON string; bytes that are not UTF-8
// become U+FFFD, as encoding/json writes them.
func appendString(dst, text []byte) []byte {
	if out, ok := model.AppendJSONStringOf(dst, text); ok {
		return out
	}
	return model.AppendJSONString(dst, bytes.ToValidUTF8(text, []byte("\uFFFD")))
}

func (w *walk) object(i int, alive uint64, masked *style, depth int) (int, error) {
	i = skipWS(w.src, i+1)
	if i < len(w.src) && w.src[i] == '}' {
		return i + 1, nil
	}
	for {
		if i >= len(w.src) || w.src[i] != '"' {
			return i, errJSON
		}
		end, escaped, err := stringEnd(w.src, i)
		if err != nil {
			return i, err
		}
		childAlive, childMasked := uint64(0), masked
		if alive != 0 || w.looking() {
			name := w.m.unquote(w.src[i+1:end-1], escaped)
			if alive != 0 {
				childAlive, childMasked = w.step(alive, masked, depth, name, -1)
			}
			if masked == nil && w.looking() {
				// A map keyed by e-mail address shows its keys.
				w.leaf(i, end, name, i+1, nil)
			}
		}
		if i = skipWS(w.src, end); i >= len(w.src) || w.src[i] != ':' {
			return i, errJSON
		}
		if i, err = w.child(i+1, childAlive, childMasked, depth+1); err != nil {
			return i, err
		}
		if i = skipWS(w.src, i); i >= len(w.src) {
			return i, errJSON
		}
		switch w.src[i] {
		case ',':
			i = skipWS(w.src, i+1)
		case '}':
			return i + 1, nil
		default:
			return i, errJSON
		}
	}
}

func (w *walk) array(i int, alive uint64, masked *style, depth int) (int, error) {
	i = skipWS(w.src, i+1)
	if i < len(w.src) && w.src[i] == ']' {
		return i + 1, nil
	}
	for n := 0; ; n++ {
		childAlive, childMasked := uint64(0), masked
		if alive != 0 {
			childAlive, childMasked = w.step(alive, masked, depth, nil, n)
		}
		var err error
		if i, err = w.child(i, childAlive, childMasked, depth+1); err != nil {
			return i, err
		}
		if i = skipWS(w.src, i); i >= len(w.src) {
			return i, errJSON
		}
		switch w.src[i] {
		case ',':
			i++
		case ']':
			return i + 1, nil
		default:
			return i, errJSON
		}
	}
}

// child walks a member or element: skipped at speed when nothing in it
// can be masked.
func (w *walk) child(i int, alive uint64, masked *style, depth int) (int, error) {
	if alive == 0 && masked == nil && !w.looking() {
		return skipValue(w.src, i)
	}
	return w.value(i, alive, masked, depth)
}

// step is which paths stay on course past a member named name, or else
// the element at index, at depth, and the style of one that ends there,
// if the value is not masked already.
func (w *walk) step(alive uint64, masked *style, depth int, name []byte, index int) (uint64, *style) {
	var next uint64
	for a := alive; a != 0; a &= a - 1 {
		i := bits.TrailingZeros64(a)
		pr := &w.paths[i]
		if seg := pr.segs[depth]; index < 0 && !seg.matchesKey(name) || index >= 0 && !seg.matchesIndex(index) {
			continue
		}
		if len(pr.segs) == depth+1 {
			if masked == nil {
				masked = &pr.style
			}
			continue
		}
		next |= 1 << i
	}
	return next, masked
}

// stringEnd is the index after the JSON string starting at i, and
// whether it holds escapes.
func stringEnd(s []byte, i int) (int, bool, error) {
	escaped := false
	// Most strings are short (names, ids): eight bytes at a time, to the
	// first quote or backslash, beats setting up a vector search.
	j := i + 1
	for end := min(len(s), j+32); j < end; {
		if j+8 <= len(s) {
			m := quoteOrBackslash(binary.LittleEndian.Uint64(s[j:]))
			if m == 0 {
				j += 8
				continue
			}
			j += bits.TrailingZeros64(m) / 8
		}
		switch s[j] {
		case '"':
			return j + 1, escaped, nil
		case '\\':
			escaped = true
			j += 2
		default:
			j++
		}
	}
	for j < len(s) {
		k := bytes.IndexByte(s[j:], '"')
		if k < 0 {
			break
		}
		// Most strings hold no escape: a second look for one, in what the
		// quote ends, is cheaper than looking for either byte at once.
		b := bytes.IndexByte(s[j:j+k], '\\')
		if b < 0 {
			return j + k + 1, escaped, nil
		}
		escaped = true
		j += b + 2
	}
	return len(s), false, errJSON
}

// quoteOrBackslash marks, with its high bit, each byte of w that is a
// quote or a backslash: x has a zero byte where w has the byte sought.
// Bytes above a marked one may be marked falsely; the lowest is right.
func quoteOrBackslash(w uint64) uint64 {
	const ones, high = 0x0101010101010101, 0x8080808080808080
	q, b := w^(ones*'"'), w^(ones*'\\')
	return ((q-ones)&^q | (b-ones)&^b) & high
}

// skipValue is the index after the JSON value at i, checked only as far
// as finding its end needs: nothing in it is masked, so its bytes stay as
// they are, and a structure that does not close fails the walk.
func skipValue(s []byte, i int) (int, error) {
	i = skipWS(s, i)
	if i >= len(s) {
		return i, errJSON
	}
	switch s[i] {
	case '"':
		end, _, err := stringEnd(s, i)
		return end, err
	case '{', '[':
		depth := 0
		for i < len(s) {
			switch s[i] {
			case '"':
				end, _, err := stringEnd(s, i)
				if err != nil {
					return i, err
				}
				i = end
				continue
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return i + 1, nil
				}
			}
			i++
		}
		return i, errJSON
	}
	end := i
	for end < len(s) && isLiteral(s[end]) {
		end++
	}
	if end == i {
		return i, errJSON
	}
	return end, nil
}

// unquote is a JSON string's text: s itself without escapes, else
// decoded into the masker's scratch.
func (m *masker) unquote(s []byte, escaped bool) []byte {
	if !escaped {
		return s
	}
	out := m.unq[:0]
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 >= len(s) {
			out = append(out, c)
			continue
		}
		i++
		switch s[i] {
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r, n := hex4(s[i+1:])
			i += n
			if utf16.IsSurrogate(r) && i+2 < len(s) && s[i+1] == '\\' && s[i+2] == 'u' {
				if r2, n2 := hex4(s[i+3:]); n2 == 4 {
					if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
						r = d
						i += 2 + n2
					}
				}
			}
			out = utf8.AppendRune(out, r)
		default: // " \ /
			out = append(out, s[i])
		}
	}
	m.unq = out
	return out
}

func hex4(s []byte) (rune, int) {
	if len(s) < 4 {
		return utf8.RuneError, len(s)
	}
	var r rune
	for _, c := range s[:4] {
		switch {
		case isDigit(c):
			r = r<<4 | rune(c-'0')
		case 'a' <= c && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case 'A' <= c && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return utf8.RuneError, 4
		}
	}
	return r, 4
}
