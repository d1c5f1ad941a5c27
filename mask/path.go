package mask

import (
	"fmt"
	"strconv"
	"strings"
)

// part is what of a record a field path starts at.
type part int

const (
	keyPart part = iota
	valuePart
	headerPart
)

// segment is one step of a field path into JSON: an object's member by
// name, any member (*), an array's element by index, or any element
// ([*]).
type segment struct {
	name  string
	index int // -1: not an index
	any   bool
}

func (s segment) matchesKey(name []byte) bool {
	return s.index < 0 && (s.any || s.name == string(name))
}

func (s segment) matchesIndex(i int) bool {
	return s.index >= 0 && (s.any || s.index == i)
}

// field is a parsed field path: value.customer.email, key,
// value.items[*].card, headers.authorization.
type field struct {
	part   part
	header string // the header's name, or a glob of names, for headerPart
	segs   []segment
	text   string // as written
}

// parseField reads a field path as the config writes it.
func parseField(s string) (field, error) {
	f := field{text: s}
	head, rest, _ := strings.Cut(s, ".")
	if i := strings.IndexByte(head, '['); i >= 0 {
		head, rest = head[:i], s[i:]
	}
	switch head {
	case "key":
		f.part = keyPart
	case "value":
		f.part = valuePart
	case "headers":
		if rest == "" {
			return f, fmt.Errorf("field %q: name the header, as headers.authorization", s)
		}
		f.part, f.header = headerPart, rest
		return f, nil
	default:
		return f, fmt.Errorf("field %q: start with key, value or headers", s)
	}
	for rest != "" {
		var seg segment
		var err error
		if seg, rest, err = nextSegment(rest); err != nil {
			return f, fmt.Errorf("field %q: %w", s, err)
		}
		f.segs = append(f.segs, seg)
	}
	return f, nil
}

// nextSegment reads one segment off a path's rest: "name", "*", "[3]" or
// "[*]", with the dot that follows a name.
func nextSegment(rest string) (segment, string, error) {
	if rest[0] == '[' {
		end := strings.IndexByte(rest, ']')
		if end < 0 {
			return segment{}, "", fmt.Errorf("%q: a [ without its ]", rest)
		}
		inner, after := rest[1:end], strings.TrimPrefix(rest[end+1:], ".")
		if inner == "*" {
			return segment{index: 0, any: true}, after, nil
		}
		n, err := strconv.Atoi(inner)
		if err != nil || n < 0 {
			return segment{}, "", fmt.Errorf("[%s]: want an index, or *", inner)
		}
		return segment{index: n}, after, nil
	}
	end := strings.IndexAny(rest, ".[")
	if end < 0 {
		end = len(rest)
	}
	name, after := rest[:end], rest[end:]
	after = strings.TrimPrefix(after, ".")
	if name == "" {
		return segment{}, "", fmt.Errorf("an empty name")
	}
	if name == "*" {
		return segment{index: -1, any: true}, after, nil
	}
	return segment{name: name, index: -1}, after, nil
}
