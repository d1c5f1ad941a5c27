package mask

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math/bits"
	"regexp"
)

// span is a stretch of text to mask, [from, to).
type span struct{ from, to int }

// finder finds what to mask in a text: a built-in detector or a pattern.
type finder struct {
	name    string
	find    func(s []byte, out []span) []span
	style   style
	min     int      // the shortest text it can find anything in
	needs   features // what a text it can find anything in has
	pattern bool     // a regular expression, whose match may cross JSON's tokens
}

// features are what of a text the detectors need, found eight bytes at
// a time: a text without them is not looked at.
type features struct {
	at     bool // an @
	digits int  // how many digits
	upper  bool // a capital letter
}

// has reports whether f has all that needs does.
func (f features) has(needs features) bool {
	return (f.at || !needs.at) && f.digits >= needs.digits && (f.upper || !needs.upper)
}

func featuresOf(s []byte) features {
	const ones, high = 0x0101010101010101, 0x8080808080808080
	var f features
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := binary.LittleEndian.Uint64(s[i:])
		a := w ^ (ones * '@')
		f.at = f.at || (a-ones)&^a&high != 0
		f.digits += bits.OnesCount64(between(w, '0'-1, '9'+1))
		f.upper = f.upper || between(w, 'A'-1, 'Z'+1) != 0
	}
	for ; i < len(s); i++ {
		c := s[i]
		f.at = f.at || c == '@'
		f.upper = f.upper || isUpper(c)
		if isDigit(c) {
			f.digits++
		}
	}
	return f
}

// between marks, with its high bit, each byte of w strictly between m
// and n (both below 128), as "Bit Twiddling Hacks" does: no borrow or
// carry crosses a byte, so each mark is exact.
func between(w uint64, m, n uint64) uint64 {
	const ones, high, low7 = 0x0101010101010101, 0x8080808080808080, 0x7f7f7f7f7f7f7f7f
	return (ones*(127+n) - w&low7) &^ w & (w&low7 + ones*(127-m)) & high
}

// Detectors are the built-in detectors a rule may name.
var Detectors = []string{"email", "card", "iban"}

// detector is a built-in detector by name: what finds, the shortest text
// it can find anything in (a@b.io, 13 digits, 15 characters), and its
// gate.
func detector(name string) (finder, error) {
	switch name {
	case "email":
		return finder{find: findEmails, min: len("a@b.io"), needs: features{at: true}}, nil
	case "card":
		return finder{find: findCards, min: 13, needs: features{digits: 13}}, nil
	case "iban":
		return finder{find: findIBANs, min: 15, needs: features{digits: 2, upper: true}}, nil
	}
	return finder{}, fmt.Errorf("detect %q: want email, card or iban", name)
}

// patternFinder finds a regular expression's matches, or, when it has
// groups, what its groups match: "ssn=(\d+)" masks the number alone.
func patternFinder(re *regexp.Regexp) func([]byte, []span) []span {
	groups := re.NumSubexp() > 0
	return func(s []byte, out []span) []span {
		for _, m := range re.FindAllSubmatchIndex(s, -1) {
			if !groups {
				out = append(out, span{m[0], m[1]})
				continue
			}
			for g := 2; g+1 < len(m); g += 2 {
				if m[g] >= 0 && m[g+1] > m[g] {
					out = append(out, span{m[g], m[g+1]})
				}
			}
		}
		return out
	}
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
func isUpper(c byte) bool { return 'A' <= c && c <= 'Z' }
func isAlnum(c byte) bool { return isDigit(c) || isUpper(c) || 'a' <= c && c <= 'z' }

func isLocal(c byte) bool {
	return isAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'
}

func isDomain(c byte) bool { return isAlnum(c) || c == '.' || c == '-' }

// findEmails finds e-mail addresses: a local part, @, and a domain with a
// dot and a top-level name of letters.
func findEmails(s []byte, out []span) []span {
	for at := bytes.IndexByte(s, '@'); at >= 0; {
		from := at
		for from > 0 && isLocal(s[from-1]) {
			from--
		}
		to := at + 1
		for to < len(s) && isDomain(s[to]) {
			to++
		}
		for to > at+1 && (s[to-1] == '.' || s[to-1] == '-') {
			to--
		}
		if from < at && plausibleDomain(s[at+1:to]) {
			out = append(out, span{from, to})
		}
		next := bytes.IndexByte(s[at+1:], '@')
		if next < 0 {
			break
		}
		at += 1 + next
	}
	return out
}

func plausibleDomain(d []byte) bool {
	dot := bytes.LastIndexByte(d, '.')
	if dot <= 0 || len(d)-dot-1 < 2 {
		return false
	}
	for _, c := range d[dot+1:] {
		if isDigit(c) || c == '-' {
			return false
		}
	}
	return true
}

// findCards finds payment card numbers: runs of 13 to 19 digits, single
// spaces or dashes allowed between them, that pass the Luhn check. A
// longer run of digits is some other number, not a card.
func findCards(s []byte, out []span) []span {
	for i := 0; i < len(s); {
		if i+8 <= len(s) && between(binary.LittleEndian.Uint64(s[i:]), '0'-1, '9'+1) == 0 {
			i += 8 // no digit in these eight
			continue
		}
		if !isDigit(s[i]) {
			// A run of 13 digits, single separators between them, has
			// no two bytes in a row that are not digits: where bytes 11
			// and 12 on from here are both not, no run starts before.
			if i+12 < len(s) && !isDigit(s[i+11]) && !isDigit(s[i+12]) {
				i += 13
				continue
			}
			i++
			continue
		}
		from, digits, to := i, 0, i
		for i < len(s) {
			switch {
			case isDigit(s[i]):
				digits++
				i++
				to = i
				continue
			case (s[i] == ' ' || s[i] == '-') && i+1 < len(s) && isDigit(s[i+1]):
				i++
				continue
			}
			break
		}
		if digits >= 13 && digits <= 19 && luhn(s[from:to]) {
			out = append(out, span{from, to})
		}
	}
	return out
}

// luhn checks the digits of s (other bytes skipped) with the Luhn sum.
func luhn(s []byte) bool {
	sum, double := 0, false
	for i := len(s) - 1; i >= 0; i-- {
		if !isDigit(s[i]) {
			continue
		}
		d := int(s[i] - '0')
		if double {
			if d *= 2; d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return sum%10 == 0
}

// findIBANs finds international bank account numbers, compact or in
// groups of four: a country's two letters, two check digits, up to 30
// letters and digits, that pass the ISO 7064 mod-97 check.
func findIBANs(s []byte, out []span) []span {
	for i := 0; i+4 <= len(s); i++ {
		// Capitals are rare in most text: eight bytes without one at a
		// time are passed over.
		for i+8 <= len(s) && between(binary.LittleEndian.Uint64(s[i:]), 'A'-1, 'Z'+1) == 0 {
			i += 7 // the eighth may start a country code
		}
		if !isUpper(s[i]) || !isUpper(s[i+1]) || !isDigit(s[i+2]) || !isDigit(s[i+3]) || i > 0 && isAlnum(s[i-1]) {
			continue
		}
		to, n := i, 0
		for j := i; j < len(s) && n < 34; j++ {
			switch {
			case isUpper(s[j]) || isDigit(s[j]):
				n++
				to = j + 1
				continue
			case s[j] == ' ' && (j-i)%5 == 4 && j+1 < len(s) && (isUpper(s[j+1]) || isDigit(s[j+1])):
				continue
			}
			break
		}
		if n >= 15 && (to == len(s) || !isAlnum(s[to])) && mod97(s[i:to]) == 1 {
			out = append(out, span{i, to})
			i = to
		}
	}
	return out
}

// mod97 is the IBAN's check: its first four characters moved to the end,
// letters read as 10 to 35, the number taken modulo 97.
func mod97(s []byte) int {
	var compact []byte
	for _, c := range s {
		if c != ' ' {
			compact = append(compact, c)
		}
	}
	r := 0
	for _, c := range append(compact[4:], compact[:4]...) {
		if isDigit(c) {
			r = (r*10 + int(c-'0')) % 97
		} else {
			r = (r*100 + int(c-'A'+10)) % 97
		}
	}
	return r
}
