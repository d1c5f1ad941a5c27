package model

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Kind is what a key or value holds, as far as its bytes tell.
type Kind int

const (
	Null   Kind = iota // Kafka's null: no bytes at all
	Empty              // zero bytes
	JSON               // a valid JSON object or array
	Text               // valid UTF-8 without binary control bytes
	Binary             // anything else
)

func (k Kind) String() string {
	return [...]string{"null", "empty", "json", "text", "binary"}[k]
}

// sniffLen is how much of a value is looked at to tell text from binary,
// so classifying a megabyte value costs what a short one does.
const sniffLen = 1024

// Classify tells null, empty, JSON, text and binary apart. Only JSON is
// checked whole, and only when it starts like JSON.
func Classify(b []byte) Kind {
	switch {
	case b == nil:
		return Null
	case len(b) == 0:
		return Empty
	case !isText(b[:min(len(b), sniffLen)]):
		return Binary
	}
	if t := bytes.TrimLeft(b, " \t\r\n"); len(t) > 0 && (t[0] == '{' || t[0] == '[') && json.Valid(b) {
		return JSON
	}
	return Text
}

// isText reports whether b is UTF-8 text: a rune cut off at the end of the
// sniffed prefix is allowed, control bytes other than tab, CR, LF and ESC
// are not. ESC is allowed because coloured log lines are text; Sanitize
// shows their escapes rather than running them.
func isText(b []byte) bool {
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != 0x1b || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return len(b)-i < utf8.UTFMax && !utf8.FullRune(b[i:]) && len(b) == sniffLen
		}
		i += size
	}
	return true
}

// Preview is a one-line, terminal-safe glimpse of a key or value of at most
// about width cells: text as is, binary as hex, null as <null>. It reads at
// most a few times width bytes, however large b is.
func Preview(b []byte, width int) string { return oneLine(b, max(width, 1)) }

// Inline is the whole key or value on one terminal-safe line: text with
// its control characters escaped, binary as hex, null as <null>.
func Inline(b []byte) string { return oneLine(b, 0) }

// oneLine writes b on one safe line, cut to about width cells unless
// width is 0.
func oneLine(b []byte, width int) string {
	switch Classify(b) {
	case Null:
		return "<null>"
	case Empty:
		return `""`
	case Binary:
		n := len(b)
		if width > 0 {
			n = min(n, max(width/2, 1))
		}
		return hex.EncodeToString(b[:n]) + ellipsis(n < len(b))
	}
	cut := len(b)
	if width > 0 {
		cut = min(cut, width*utf8.UTFMax)
	}
	return Sanitize(string(trimPartialRune(b[:cut]))) + ellipsis(cut < len(b))
}

func ellipsis(cut bool) string {
	if cut {
		return "…"
	}
	return ""
}

// trimPartialRune drops a rune cut in two at the end of b.
func trimPartialRune(b []byte) []byte {
	for i := 1; i < utf8.UTFMax && i <= len(b); i++ {
		if utf8.RuneStart(b[len(b)-i]) {
			if !utf8.FullRune(b[len(b)-i:]) {
				return b[:len(b)-i]
			}
			break
		}
	}
	return b
}

// Bounds on indenting JSON. Indentation grows with depth, so a value
// nested thousands deep (54 KB of it took minutes and tens of gigabytes)
// is shown as sent instead, on the lines it came on.
const (
	maxIndentDepth = 64
	maxIndentBytes = 32 << 20  // the spaces indenting would add
	maxIndentLines = 1_000_000 // the lines it would make, each a token to lay out
)

// Pretty lays out the whole key or value for the detail view: JSON
// indented, text with its lines kept but every other control character
// made visible, binary as a hex dump. It says what kind b is too, having
// found out on the way: a JSON value is parsed once, by the indenting,
// which matters for values of megabytes. JSON too deep or too large to
// indent within bounds is laid out as sent, with a note saying why. The
// cost is linear in b, whatever its shape.
func Pretty(b []byte) (lines Layout, kind Kind, note string) {
	switch {
	case b == nil:
		return layoutOf("<null>"), Null, ""
	case len(b) == 0:
		return layoutOf(`""`), Empty, ""
	case !isText(b[:min(len(b), sniffLen)]):
		return layoutOf(strings.TrimRight(hex.Dump(b), "\n")), Binary, ""
	}
	if t := bytes.TrimLeft(b, " \t\r\n"); len(t) > 0 && (t[0] == '{' || t[0] == '[') {
		depth, spaces, lines := indentCost(b)
		switch {
		case depth > maxIndentDepth || spaces > maxIndentBytes || lines > maxIndentLines:
			if json.Valid(b) {
				return layoutOf(string(b)), JSON, fmt.Sprintf("shown as sent: nested %d deep, too large to indent", depth)
			}
		default:
			var out bytes.Buffer
			out.Grow(len(b) + spaces + len(b)/4)
			if json.Indent(&out, b, "", "  ") == nil {
				return layoutOf(out.String()), JSON, ""
			}
		}
	}
	return layoutOf(string(b)), Text, ""
}

// indentCost scans JSON-looking bytes once: how deep they nest, and how
// many spaces and lines indenting them two a level would add.
func indentCost(b []byte) (maxDepth, spaces, lines int) {
	depth, inString := 0, false
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case inString:
			if c == '\\' {
				i++
			} else if c == '"' {
				inString = false
			}
		case c == '"':
			inString = true
		case c == '{' || c == '[':
			depth++
			maxDepth = max(maxDepth, depth)
			spaces += 2 * depth
			lines++
		case c == '}' || c == ']':
			depth--
			spaces += 2 * max(depth, 0)
			lines++
		case c == ',':
			spaces += 2 * depth
			lines++
		}
	}
	return maxDepth, spaces, lines
}

// SanitizeLines is Sanitize for text shown over several lines: it keeps
// line breaks, turns tabs into spaces, and escapes everything else.
func SanitizeLines(s string) string { return layoutOf(s).String() }
