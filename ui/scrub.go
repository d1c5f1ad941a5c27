package ui

import (
	"strings"
	"unicode/utf8"
)

// scrub is the last step of every frame: it lets through printable text,
// newlines and SGR sequences (colour and weight, what kscope's styles
// emit) and drops every other control byte or sequence, whoever put it
// there: cursor movement, OSC 8 links and OSC 52 clipboard writes,
// device queries, C1 controls. Text from the cluster is escaped where it
// enters the view (model.Sanitize, in tables, titles, notices and errors);
// this makes sure that a string some pane forgot cannot drive the
// terminal. Bubble Tea's renderer drops most of these itself, but re-emits
// some, and that is luck, not design.
func scrub(frame string) string {
	if !needsScrub(frame) {
		return frame
	}
	var b strings.Builder
	b.Grow(len(frame))
	for i := 0; i < len(frame); {
		c := frame[i]
		switch {
		case c == 0x1b:
			n, keep := escape(frame[i:])
			if keep {
				b.WriteString(frame[i : i+n])
			}
			i += n
		case c == '\n' || (c >= 0x20 && c != 0x7f && c < 0x80):
			b.WriteByte(c)
			i++
		case c < 0x80: // C0 controls and DEL
			i++
		default:
			r, size := utf8.DecodeRuneInString(frame[i:])
			if r != utf8.RuneError && (r < 0x80 || r > 0x9f) { // C1 controls go
				b.WriteString(frame[i : i+size])
			}
			i += size
		}
	}
	return b.String()
}

// needsScrub reports whether frame has any byte scrub would look at twice.
func needsScrub(frame string) bool {
	for i := 0; i < len(frame); i++ {
		if c := frame[i]; (c < 0x20 && c != '\n') || c == 0x7f || c == 0xc2 {
			return true // 0xc2 leads the UTF-8 of C1 controls
		}
	}
	return false
}

// escape measures the escape sequence at the start of s and says whether
// it is an SGR sequence, the only kind kept.
func escape(s string) (n int, sgr bool) {
	if len(s) < 2 {
		return len(s), false
	}
	switch s[1] {
	case '[': // CSI: parameters, intermediates, one final byte
		for i := 2; i < len(s); i++ {
			c := s[i]
			if c >= 0x40 && c <= 0x7e {
				return i + 1, c == 'm' && sgrParams(s[2:i])
			}
			if c < 0x20 || c > 0x7e {
				return i, false // malformed: drop what came so far
			}
		}
		return len(s), false
	case ']', 'P', '_', '^', 'X': // strings, ended by BEL or ST
		for i := 2; i < len(s); i++ {
			if s[i] == 0x07 {
				return i + 1, false
			}
			if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '\\' {
				return i + 2, false
			}
		}
		return len(s), false
	}
	return 2, false
}

func sgrParams(p string) bool {
	for i := 0; i < len(p); i++ {
		if c := p[i]; (c < '0' || c > '9') && c != ';' && c != ':' {
			return false
		}
	}
	return true
}
