package mask

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"sync"
	"unicode/utf8"
)

// style is how a masked value is written.
type style struct {
	kind string // replace, keep_last or hash
	with string // replace: the text written instead
	keep int    // keep_last: how many characters stay
	mac  *macs  // hash
}

// stars is what replaces a value when the rule says nothing else.
const stars = "***"

// Styles are the styles a rule may name.
var Styles = []string{"replace", "keep_last", "hash"}

func newStyle(r Rule, key []byte) (style, error) {
	s := style{kind: r.Style, with: r.With, keep: r.Keep}
	switch s.kind {
	case "", "replace":
		s.kind = "replace"
		if s.with == "" {
			s.with = stars
		}
	case "keep_last":
		if s.keep < 1 {
			return s, fmt.Errorf("keep_last: give keep, how many characters stay (4 for a card's last four)")
		}
	case "hash":
		if len(key) == 0 {
			return s, fmt.Errorf("hash: give the masking key_env or key_cmd, the key of the HMAC")
		}
		s.mac = newMACs(key)
	default:
		return s, fmt.Errorf("style %q: want replace, keep_last or hash", s.kind)
	}
	if s.kind != "replace" && r.With != "" {
		return s, fmt.Errorf("with: only style replace writes a text instead")
	}
	if s.kind != "keep_last" && r.Keep != 0 {
		return s, fmt.Errorf("keep: only style keep_last keeps characters")
	}
	return s, nil
}

// appendMasked appends what v is written as: never v itself, unless
// keep_last keeps all of a value no longer than what it keeps (then none
// of it is kept: a short secret is still a secret).
func (s style) appendMasked(dst, v []byte) []byte {
	switch s.kind {
	case "keep_last":
		dst = append(dst, stars...)
		if utf8.RuneCount(v) <= s.keep {
			return dst
		}
		i := len(v)
		for n := 0; n < s.keep && i > 0; n++ {
			_, size := utf8.DecodeLastRune(v[:i])
			i -= size
		}
		return append(dst, v[i:]...)
	case "hash":
		return s.mac.append(dst, v)
	}
	return append(dst, s.with...)
}

// macs computes keyed hashes. An HMAC is costly to set up and cheap to
// reset, so the set-up ones are pooled; and the same values come again
// and again (a customer's address in each of their payments), so the
// hashes of the latest are kept, up to a bound.
type macs struct {
	pool sync.Pool
	mu   sync.RWMutex
	seen map[string][hashLen]byte
}

// mac is a pooled HMAC, with room for its sum.
type mac struct {
	h   hash.Hash
	sum [sha256.Size]byte
}

// maxSeen bounds the hashes kept: about 3 MB of values of 32 bytes.
const maxSeen = 1 << 16

func newMACs(key []byte) *macs {
	key = append([]byte(nil), key...)
	m := &macs{seen: make(map[string][hashLen]byte)}
	m.pool.New = func() any { return &mac{h: hmac.New(sha256.New, key)} }
	return m
}

// hashLen is how many bytes of the HMAC are written: 64 bits, enough that
// distinct values of one topic do not collide by chance, short enough to
// read.
const hashLen = 8

// append writes "hmac:" and the first bytes of v's HMAC in hex: equal
// values give equal text, so records can still be joined on it.
func (m *macs) append(dst, v []byte) []byte {
	dst = append(dst, "hmac:"...)
	m.mu.RLock()
	short, ok := m.seen[string(v)]
	m.mu.RUnlock()
	if !ok {
		h := m.pool.Get().(*mac)
		h.h.Reset()
		h.h.Write(v)
		short = [hashLen]byte(h.h.Sum(h.sum[:0]))
		m.pool.Put(h)
		m.mu.Lock()
		if len(m.seen) >= maxSeen {
			clear(m.seen) // the values of the moment come back soon enough
		}
		m.seen[string(v)] = short
		m.mu.Unlock()
	}
	return hex.AppendEncode(dst, short[:])
}
