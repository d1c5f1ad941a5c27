package model

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sanitize makes untrusted text safe to draw on one terminal line. Every
// byte that could move the cursor, change terminal state or reorder what the
// user sees is replaced by a visible escape: C0 and C1 controls and DEL
// (`\x1b`, `\n`, `\u009b`), invalid UTF-8 (`\xff`), Unicode format
// characters such as the bidi overrides (`\u202e`), and the line and
// paragraph separators (`\u2028`, `\u2029`), which some terminals break
// lines at. Everything else,
// including any printable script, passes through unchanged.
func Sanitize(s string) string {
	if isPlainASCII(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r < 0x80 && (r < 0x20 || r == 0x7f):
			writeASCIIEscape(&b, byte(r))
		case unicode.In(r, unicode.Cc, unicode.Cf, unicode.Zl, unicode.Zp):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// isPlainASCII reports whether s is printable ASCII only, the common case
// that needs no copy.
func isPlainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return true
}

func writeASCIIEscape(b *strings.Builder, c byte) {
	switch c {
	case '\n':
		b.WriteString(`\n`)
	case '\r':
		b.WriteString(`\r`)
	case '\t':
		b.WriteString(`\t`)
	default:
		fmt.Fprintf(b, `\x%02x`, c)
	}
}
