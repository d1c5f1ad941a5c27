package model

import (
	"io"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// JSONSafe rewrites, in JSON from index start of b on, every character
// that JSON allows raw but a terminal may act on (C1 controls such as
// U+009B CSI, bidi overrides and other format characters, the line and
// paragraph separators) as a \u escape. The JSON means the same: these
// characters can only be inside strings, since JSON's structure is ASCII.
func JSONSafe(b []byte, start int) []byte {
	i := start
	for i+8 <= len(b) && load8(b, i)&0x8080808080808080 == 0 {
		i += 8 // eight ASCII bytes at a time
	}
	for i < len(b) && b[i] < utf8.RuneSelf {
		i++
	}
	if i == len(b) {
		return b // ASCII, the usual case: nothing to do
	}
	out := append([]byte(nil), b[:i]...)
	for i < len(b) {
		r, size := utf8.DecodeRune(b[i:])
		if terminalActs(r) {
			out = appendEscaped(out, r)
		} else {
			out = append(out, b[i:i+size]...)
		}
		i += size
	}
	return out
}

// terminalActs reports whether r, allowed raw in JSON, is one a terminal
// may act on: a C1 control, a format character, a line or paragraph
// separator.
func terminalActs(r rune) bool {
	return r >= utf8.RuneSelf && unicode.In(r, unicode.Cc, unicode.Cf, unicode.Zl, unicode.Zp)
}

// appendEscaped writes r as a JSON \u escape, a surrogate pair past the
// Basic Multilingual Plane.
func appendEscaped(b []byte, r rune) []byte {
	if r > 0xFFFF {
		hi, lo := utf16.EncodeRune(r)
		return appendU(appendU(b, hi), lo)
	}
	return appendU(b, r)
}

func appendU(b []byte, r rune) []byte {
	const hex = "0123456789abcdef"
	return append(b, '\\', 'u', hex[r>>12&0xf], hex[r>>8&0xf], hex[r>>4&0xf], hex[r&0xf])
}

// JSONSafeWriter applies JSONSafe to what is written through it; each
// Write must be whole JSON values, as json.Encoder writes them.
type JSONSafeWriter struct{ W io.Writer }

func (w JSONSafeWriter) Write(p []byte) (int, error) {
	if _, err := w.W.Write(JSONSafe(p, 0)); err != nil {
		return 0, err
	}
	return len(p), nil
}
