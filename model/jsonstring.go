package model

import (
	"math/bits"
	"unicode/utf8"
)

// AppendJSONString appends s, which must be valid UTF-8, as a JSON string,
// copying runs that need no escape in one go. Besides what JSON requires,
// it escapes what a terminal may act on (C1 controls, format characters
// such as bidi overrides, line separators): see JSONSafe.
func AppendJSONString[S string | []byte](dst []byte, s S) []byte {
	dst, _ = appendJSONString(dst, s)
	return dst
}

// appendJSONString is AppendJSONString, which also reports whether s was
// valid UTF-8 (bytes that are not are copied as they are), so a value is
// checked and written in one pass. Most values are mostly ASCII that
// needs no escape: it steps over that eight bytes at a time.
func appendJSONString[S string | []byte](dst []byte, s S) ([]byte, bool) {
	dst = append(dst, '"')
	valid := true
	start, i := 0, 0
	for {
		for i+8 <= len(s) {
			if m := looks8(load8(s, i)); m != 0 {
				i += bits.TrailingZeros64(m) / 8 // the first byte that needs a look
				break
			}
			i += 8
		}
		if i >= len(s) {
			break
		}
		c := s[i]
		if c >= utf8.RuneSelf {
			var head [utf8.UTFMax]byte // decoded from a copy: converting s would allocate
			r, size := utf8.DecodeRune(head[:copy(head[:], s[i:])])
			if r == utf8.RuneError && size == 1 {
				valid = false
			} else if terminalActs(r) {
				dst = appendEscaped(append(dst, s[start:i]...), r)
				start = i + size
			}
			i += size
			continue
		}
		if c >= 0x20 && c != '"' && c != '\\' {
			i++
			continue
		}
		dst = append(dst, s[start:i]...)
		switch c {
		case '"', '\\':
			dst = append(dst, '\\', c)
		case '\n':
			dst = append(dst, '\\', 'n')
		case '\r':
			dst = append(dst, '\\', 'r')
		case '\t':
			dst = append(dst, '\\', 't')
		default:
			dst = appendU(dst, rune(c))
		}
		i++
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"'), valid
}

// load8 reads the eight bytes of s from i, little-endian.
func load8[S string | []byte](s S, i int) uint64 {
	w := s[i : i+8] // one bounds check, and a load the compiler makes one
	return uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
		uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
}

// looks8 marks, in its high bit, each of eight bytes that needs a look:
// not ASCII, a control, a quote or a backslash; 0 if none does.
// (x - 0x01…) &^ x has a byte's high bit set where x has a zero byte, and
// (x - 0x20…) &^ x where x has a byte below 0x20. A borrow may mark bytes
// above a marked one, never below: the lowest mark is exact.
func looks8(w uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	quote, backslash := w^(ones*'"'), w^(ones*'\\')
	return ((w-ones*0x20)&^w | (quote-ones)&^quote | (backslash-ones)&^backslash | w) & highs
}

// AppendJSONStringOf appends b as a JSON string, as AppendJSONString
// does, if it is valid UTF-8, checking it in the same pass; false, and
// dst as it was, if it is not.
func AppendJSONStringOf(dst, b []byte) ([]byte, bool) {
	out, ok := appendJSONString(dst, b)
	if !ok {
		return dst, false
	}
	return out, true
}
