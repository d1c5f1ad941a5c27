package kafka

import "time"

// inverse15625 is 15625⁻¹ mod 2⁶⁴ (15625 is odd, so it has one).
const inverse15625 = 0x790fb65668c26139

// millisOf recovers the milliseconds a record carried from the time kgo
// made of them. kgo computes time.Unix(0, ms*1e6), which wraps for dates
// before 1677 or after 2262; the wrapped nanoseconds still hold ms*1e6 mod
// 2⁶⁴, and since 1e6 = 2⁶·15625, that gives ms mod 2⁵⁸ exactly. So every
// timestamp within ±2⁵⁷ ms (about 4.5 million years) of 1970 comes back
// exact; beyond that (Long.MAX_VALUE, say) it cannot be told apart from
// one 2⁵⁸ ms away.
func millisOf(t time.Time) int64 {
	n := uint64(t.UnixNano())
	m := (n >> 6) * inverse15625 // ms·15625·15625⁻¹, mod 2⁵⁸ in the low bits
	return int64(m<<6) >> 6      // sign-extend the low 58 bits
}
