package detail

import (
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// span is one screen line of a wrapped view: line's bytes from..to.
type span struct {
	line     int
	from, to int
}

// wrapping is the view's lines as the screen shows them when long lines
// wrap: the head's lines whole (they are styled, and short), the value's
// cut into spans of the screen's width. It is made once per width, so
// drawing a screenful costs a screenful, however long a line is.
type wrapping struct {
	width int
	spans []span
}

// wrap cuts b's lines to width cells; value lines by rune, never inside one.
func wrap(b *body, width int) *wrapping {
	w := &wrapping{width: width}
	for i := range b.head {
		w.spans = append(w.spans, span{line: i, to: -1}) // to -1: the whole styled line
	}
	for i := 0; i < b.value.Len(); i++ {
		line := b.line(i)
		start, cells := 0, 0
		for j := 0; j < len(line); {
			r, size := utf8.DecodeRuneInString(line[j:])
			rw := 1
			if r >= utf8.RuneSelf { // the value's text is mostly ASCII: measure the rest
				rw = ansi.StringWidth(string(r))
			}
			if cells+rw > width && j > start {
				w.spans = append(w.spans, span{line: len(b.head) + i, from: start, to: j})
				start, cells = j, 0
			}
			cells += rw
			j += size
		}
		w.spans = append(w.spans, span{line: len(b.head) + i, from: start, to: len(line)})
	}
	return w
}

func (w *wrapping) len() int { return len(w.spans) }

// firstOf is the first screen line showing byte col of line, for a
// search's jump.
func (w *wrapping) firstOf(line, col int) int {
	for i, s := range w.spans {
		if s.line == line && (s.to < 0 || col < s.to || s.to == s.from) {
			return i
		}
		if s.line > line {
			return max(i-1, 0)
		}
	}
	return max(len(w.spans)-1, 0)
}
