package mask

import (
	"bytes"
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
}

// maskJSON masks src, JSON text, by the part's plan; ok is false when src
// is not JSON.
func (m *masker) maskJSON(pp *partPlan, src []byte) (out []byte, ok bool) {
	w := walk{m: m, src: src, paths: pp.paths, finders: pp.finders}
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

// replace writes, in place of src[from:to], what write appends.
func (w *walk) replace(from, to int, write func([]byte) []byte) {
	if !w.changed {
		w.out = w.m.begin(len(w.src) + 64)
		w.changed = true
	}
	w.out = append(w.out, w.src[w.from:from]...)
	w.out = write(w.out)
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
		if masked != nil || len(w.finders) > 0 {
			w.leaf(i, end, w.m.unquote(w.src[i+1:end-1], escaped), masked)
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
			w.leaf(i, end, lit, masked)
		}
	case lit[0] == '-' || isDigit(lit[0]):
		if masked != nil || len(w.finders) > 0 {
			w.leaf(i, end, lit, masked)
		}
	default:
		return i, errJSON
	}
	return end, nil
}

func isLiteral(c byte) bool {
	return isAlnum(c) || c == '-' || c == '+' || c == '.'
}

// leaf masks a string's text or a literal, src[from:to]: whole when
// masked, else what the finders find in it. A literal masked becomes a
// string; one the finders leave alone stays as it was.
func (w *walk) leaf(from, to int, text []byte, masked *style) {
	if masked != nil {
		w.m.scratch = masked.appendMasked(w.m.scratch[:0], text)
	} else if hits := w.m.find(w.finders, text); len(hits) > 0 {
		w.m.scratch = w.m.appendApplied(w.m.scratch[:0], text, hits)
	} else {
		return
	}
	w.replace(from, to, func(dst []byte) []byte { return appendString(dst, w.m.scratch) })
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
		if alive != 0 || len(w.finders) > 0 {
			name := w.m.unquote(w.src[i+1:end-1], escaped)
			if alive != 0 {
				childAlive, childMasked = w.step(alive, masked, depth, func(s segment) bool { return s.matchesKey(name) })
			}
			if len(w.finders) > 0 && masked == nil {
				// A map keyed by e-mail address shows its keys.
				w.leaf(i, end, name, nil)
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
			childAlive, childMasked = w.step(alive, masked, depth, func(s segment) bool { return s.matchesIndex(n) })
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
	if alive == 0 && masked == nil && len(w.finders) == 0 {
		return skipValue(w.src, i)
	}
	return w.value(i, alive, masked, depth)
}

// step is which paths stay on course past a member or element at depth,
// and the style of one that ends there, if the value is not masked
// already.
func (w *walk) step(alive uint64, masked *style, depth int, matches func(segment) bool) (uint64, *style) {
	var next uint64
	for a := alive; a != 0; a &= a - 1 {
		i := bits.TrailingZeros64(a)
		pr := &w.paths[i]
		if !matches(pr.segs[depth]) {
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
	for j := i + 1; j < len(s); {
		k := bytes.IndexAny(s[j:], "\"\\")
		if k < 0 {
			break
		}
		j += k
		if s[j] == '"' {
			return j + 1, escaped, nil
		}
		escaped = true
		j += 2
	}
	return len(s), false, errJSON
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
