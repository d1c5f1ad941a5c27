package model

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
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
	f.fold = strings.ToLower(expr) == expr
	f.needle = []byte(expr)
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
		return containsFold(b, f.needle)
	}
	return bytes.Contains(b, f.needle)
}

// containsFold reports whether lower-case needle occurs in b ignoring case,
// without allocating: this runs on every record of a firehose.
func containsFold(b, needle []byte) bool {
	if len(needle) == 0 {
		return true
	}
	if !isASCII(needle) {
		return bytes.Contains(bytes.ToLower(b), needle)
	}
	first := needle[0]
	upper := first
	if 'a' <= first && first <= 'z' {
		upper -= 'a' - 'A'
	}
	for i := 0; i+len(needle) <= len(b); i++ {
		c := b[i]
		if c != first && c != upper {
			continue
		}
		if equalFoldASCII(b[i:i+len(needle)], needle) {
			return true
		}
	}
	return false
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
