package model

import (
	"errors"
	"strings"
)

// ParseQuery reads a query as one line gives it, as the TUI's :search
// takes it: key:K finds a key, ~regex and /text match as a tail's filter
// does, anything else is an expression (see Where).
func ParseQuery(text string) (Query, error) {
	var q Query
	var err error
	switch {
	case text == "":
		return q, errors.New(`a search needs a query: key:ord-0001, ~regex, /text, or value.status == "paid"`)
	case strings.HasPrefix(text, "key:"):
		q.Key = []byte(strings.TrimPrefix(text, "key:"))
	case strings.HasPrefix(text, "~"):
		q.Filter, err = ParseFilter(text)
	case strings.HasPrefix(text, "/"):
		q.Filter, err = ParseFilter(strings.TrimPrefix(text, "/"))
	default:
		q.Where = text
		_, err = ParseWhere(text)
	}
	return q, err
}
