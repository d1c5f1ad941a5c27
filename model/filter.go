package model

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"
)

// Filter selects records by their key, value and header values.
//
// A plain expression matches as a substring, ignoring case when it has no
// upper-case letter (as in vim's smartcase). An expression starting with
// "~" is a regular expression (RE2 syntax) matched against each of them.
// The empty filter matches everything.
type Filter struct {
	expr   string
	needle []byte         // substring to find, lower-cased when fold
	fold   bool           // ignore case
	at     int            // the needle's anchor, when fold: see containsFold
	re     *regexp.Regexp // set for regular expressions
}

// ParseFilter compiles an expression.
func ParseFilter(expr string) (Filter, error) {
	f := Filter{expr: expr}
	if pattern, ok := strings.CutPrefix(expr, "~"); ok {
		re, err := regexp.Compile(pattern)
		if err != nil {
			return Filter{}, fmt.Errorf("filter %q: %w", expr, err)
		}
		f.re = re
		return f, nil
	}
	// Smartcase: a capital makes it case-sensitive; without a letter at
	// all there is no case to ignore, and the exact search is the fast one.
	f.fold = strings.ToLower(expr) == expr && strings.ToUpper(expr) != expr
	f.needle = []byte(expr)
	f.at = anchor(f.needle) // once: it costs more than most values take to search
	return f, nil
}

// String is the expression the filter was parsed from.
func (f Filter) String() string { return f.expr }

// Empty reports whether the filter matches everything.
func (f Filter) Empty() bool { return f.expr == "" }

// Match reports whether the record's key, value or any header value
// matches: a key or value as it is shown, decoded when it was.
func (f Filter) Match(r *Record) bool {
	if f.expr == "" {
		return true
	}
	if f.matches(r.ShownKey()) || f.matches(r.ShownValue()) {
		return true
	}
	for _, h := range r.Headers {
		if f.matches(h.Value) {
			return true
		}
	}
	return false
}

func (f Filter) matches(b []byte) bool {
	switch {
	case f.re != nil:
		return f.re.Match(b)
	case f.fold:
		return containsFold(b, f.needle, f.at)
	}
	return bytes.Contains(b, f.needle)
}

// containsFold reports whether lower-case needle occurs in b ignoring case,
// without allocating: this runs on every record of a firehose. at is
// anchor(needle).
func containsFold(b, needle []byte, at int) bool {
	if len(needle) == 0 {
		return true
	}
	if !isASCII(needle) {
		return bytes.Contains(bytes.ToLower(b), needle)
	}
	// Candidates are found with IndexByte (vectorised) on an anchor: the
	// needle's rarest byte (a byte it repeats is likely common in values
	// too: the zeros of "0000…1"), the later of equals; a letter is
	// looked for in both its cases. Checking each byte in turn cost value
	// length × filter length (#18).
	lower, upper := needle[at], needle[at]
	if isLetter(lower) {
		upper -= 'a' - 'A'
	}
	fails := 0
	for i := at; i+len(needle)-at <= len(b); {
		j := indexEither(b[i:len(b)-(len(needle)-at-1)], lower, upper)
		if j < 0 {
			return false
		}
		start := i + j - at
		if equalFoldASCII(b[start:start+len(needle)], needle) {
			return true
		}
		i += j + 1
		// Too many near misses (a needle of zeros over zero-padded
		// numbers): lower the rest once and let bytes.Index, which
		// bounds its own worst case, finish. As bytes.Index does.
		if fails++; fails > 4+i>>4 {
			return containsLowered(b[start+1:], needle)
		}
	}
	return false
}

// lowered holds a value lower-cased for containsLowered, reused.
var lowered = sync.Pool{New: func() any { return new([]byte) }}

// containsLowered lower-cases b's ASCII into a pooled buffer and searches it.
func containsLowered(b, needle []byte) bool {
	p := lowered.Get().(*[]byte)
	buf := append((*p)[:0], b...)
	for i, c := range buf {
		if 'A' <= c && c <= 'Z' {
			buf[i] = c + 'a' - 'A'
		}
	}
	found := bytes.Contains(buf, needle)
	if cap(buf) <= 1<<20 { // a buffer of megabytes is not kept
		*p = buf
		lowered.Put(p)
	}
	return found
}

// anchor is where the needle's rarest byte is, the last of its kind.
func anchor(needle []byte) int {
	var counts [256]int
	for _, c := range needle {
		counts[c|caseBit(c)]++ // a letter counts once, whatever its case
	}
	at := 0
	for i, c := range needle {
		if counts[c|caseBit(c)] <= counts[needle[at]|caseBit(needle[at])] {
			at = i
		}
	}
	return at
}

// caseBit is what makes a letter lower-case: 0x20 for letters, else 0.
func caseBit(c byte) byte {
	if isLetter(c) {
		return 0x20
	}
	return 0
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// indexEither is the first index of a or b in s, -1 for none.
func indexEither(s []byte, a, b byte) int {
	i := bytes.IndexByte(s, a)
	if a == b {
		return i
	}
	if i >= 0 {
		s = s[:i] // b counts only before a
	}
	if j := bytes.IndexByte(s, b); j >= 0 {
		return j
	}
	return i
}

func equalFoldASCII(s, lower []byte) bool {
	for i, c := range s {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
