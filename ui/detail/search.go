package detail

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/kscope/kscope/model"
)

// maxMatches bounds a search's list of matches, whatever the value holds.
const maxMatches = 100_000

// match is where a search found its text: a value line and a byte in it.
type match struct{ line, col int }

// search is a search of the value's text: smartcase (a capital letter
// makes it case-sensitive), every match listed once, n and N moving
// between them.
type search struct {
	query   string
	fold    bool
	matches []match
	current int
	capped  bool
}

func newSearch(b *body, query string) *search {
	s := &search{query: query, fold: !strings.ContainsFunc(query, unicode.IsUpper)}
	needle := s.needle(query)
	for i := 0; i < b.value.Len() && !s.capped; i++ {
		line := s.needle(b.line(i))
		for from := 0; ; {
			j := strings.Index(line[from:], needle)
			if j < 0 {
				break
			}
			if len(s.matches) == maxMatches {
				s.capped = true
				break
			}
			s.matches = append(s.matches, match{line: i, col: from + j})
			from += j + max(len(needle), 1)
		}
	}
	return s
}

// needle is text as the search compares it. Folding keeps byte offsets
// for ASCII; the value's text is escaped, so it is mostly ASCII.
func (s *search) needle(text string) string {
	if s.fold {
		return strings.ToLower(text)
	}
	return text
}

// move goes to the next match (by 1) or the one before (by -1), round.
func (s *search) move(by int) {
	if n := len(s.matches); n > 0 {
		s.current = ((s.current+by)%n + n) % n
	}
}

// status says where the search stands: "match 3 of 17 for "paid"".
func (s *search) status() string {
	q := strconv.Quote(model.Sanitize(s.query))
	switch {
	case len(s.matches) == 0:
		return "no match for " + q + " in the value"
	case s.capped:
		return fmt.Sprintf("match %d of the first %d for %s", s.current+1, len(s.matches), q)
	}
	return fmt.Sprintf("match %d of %d for %s", s.current+1, len(s.matches), q)
}

// mark highlights the query's occurrences in a plain line of the value.
func (s *search) mark(line string, style func(string) string) string {
	hay := s.needle(line)
	needle := s.needle(s.query)
	if needle == "" || !strings.Contains(hay, needle) || len(hay) != len(line) {
		return line
	}
	var out strings.Builder
	for from := 0; ; {
		j := strings.Index(hay[from:], needle)
		if j < 0 {
			out.WriteString(line[from:])
			return out.String()
		}
		out.WriteString(line[from : from+j])
		out.WriteString(style(line[from+j : from+j+len(needle)]))
		from += j + len(needle)
	}
}
