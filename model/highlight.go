package model

// SpanKind is the syntactic role of a piece of JSON, for colouring it.
type SpanKind int

const (
	Plain SpanKind = iota
	JSONKey
	JSONString
	JSONNumber
	JSONLiteral // true, false, null
	JSONPunct
)

// Span is a run of text of one kind.
type Span struct {
	Text string
	Kind SpanKind
}

// HighlightJSON splits one line of indented JSON (as Pretty writes it) into
// spans. Indented JSON never breaks a string across lines, so lines can be
// coloured one at a time, as they scroll into view. Text that is not JSON
// comes back as Plain.
func HighlightJSON(line string) []Span {
	var spans []Span
	add := func(text string, kind SpanKind) {
		if n := len(spans); n > 0 && spans[n-1].Kind == kind {
			spans[n-1].Text += text
			return
		}
		spans = append(spans, Span{text, kind})
	}
	for i := 0; i < len(line); {
		c := line[i]
		switch {
		case c == '"':
			j := stringEnd(line, i)
			kind := JSONString
			if k := skipSpaces(line, j); k < len(line) && line[k] == ':' {
				kind = JSONKey
			}
			add(line[i:j], kind)
			i = j
		case c == '-' || ('0' <= c && c <= '9'):
			j := i + 1
			for j < len(line) && isNumberByte(line[j]) {
				j++
			}
			add(line[i:j], JSONNumber)
			i = j
		case c == 't' || c == 'f' || c == 'n':
			j := i
			for j < len(line) && 'a' <= line[j] && line[j] <= 'z' {
				j++
			}
			kind := Plain
			if w := line[i:j]; w == "true" || w == "false" || w == "null" {
				kind = JSONLiteral
			}
			add(line[i:j], kind)
			i = j
		case c == '{' || c == '}' || c == '[' || c == ']' || c == ':' || c == ',':
			add(line[i:i+1], JSONPunct)
			i++
		default:
			add(line[i:i+1], Plain)
			i++
		}
	}
	return spans
}

// stringEnd is the index just past the string that opens at i, or the end
// of the line if it does not close.
func stringEnd(s string, i int) int {
	for j := i + 1; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return len(s)
}

func skipSpaces(s string, i int) int {
	for i < len(s) && s[i] == ' ' {
		i++
	}
	return i
}

func isNumberByte(c byte) bool {
	return '0' <= c && c <= '9' || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-'
}
