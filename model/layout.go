package model

import "strings"

// Layout is a key or value laid out for reading: its lines found once, each
// escaped only when asked for, so a value of millions of lines costs an
// index to lay out and a screenful to draw.
type Layout struct {
	text   string
	ends   []int // where each line ends, its '\n' excluded
	widest int   // the longest line, in bytes
}

func layoutOf(text string) Layout {
	l := Layout{text: text, ends: make([]int, 0, strings.Count(text, "\n")+1)}
	start := 0
	for {
		i := strings.IndexByte(text[start:], '\n')
		if i < 0 {
			break
		}
		l.add(start, start+i)
		start += i + 1
	}
	l.add(start, len(text))
	return l
}

func (l *Layout) add(start, end int) {
	l.ends = append(l.ends, end)
	l.widest = max(l.widest, end-start)
}

// Len is how many lines there are.
func (l Layout) Len() int { return len(l.ends) }

// Widest is the longest line's length in bytes, at least its width.
func (l Layout) Widest() int { return l.widest }

// RawLen is the i-th line's length in bytes, before escaping.
func (l Layout) RawLen(i int) int {
	start := 0
	if i > 0 {
		start = l.ends[i-1] + 1
	}
	return l.ends[i] - start
}

// Line is the i-th line, safe to draw: a CRLF's CR dropped, tabs as four
// spaces, every other control character escaped.
func (l Layout) Line(i int) string {
	start := 0
	if i > 0 {
		start = l.ends[i-1] + 1
	}
	s := l.text[start:l.ends[i]]
	if i < len(l.ends)-1 {
		s = strings.TrimSuffix(s, "\r") // a CRLF line break, not a lone CR
	}
	if strings.IndexByte(s, '\t') >= 0 {
		s = strings.ReplaceAll(s, "\t", "    ")
	}
	return Sanitize(s)
}

// String is every line, escaped, joined by newlines.
func (l Layout) String() string {
	lines := make([]string, l.Len())
	for i := range lines {
		lines[i] = l.Line(i)
	}
	return strings.Join(lines, "\n")
}
