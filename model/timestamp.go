package model

import (
	"strings"
	"sync/atomic"
	"time"
)

// appendTimestamp appends the UTC time of a Kafka timestamp (ms since
// 1970) as timestampLayout writes it, without time.Time's general
// formatter, which was a tenth of a JSON tail's CPU. Years outside
// 0001-9999 go through the formatter, as Go writes them.
func appendTimestamp(dst []byte, ms int64) []byte {
	sec := floorDiv(ms, 1000)
	out, ok := appendDateTime(dst, sec)
	if !ok {
		return time.UnixMilli(ms).UTC().AppendFormat(dst, timestampLayout)
	}
	out = appendFraction(append(out, '.'), ms-sec*1000, 3)
	return append(out, "000000Z"...)
}

// AppendRFC3339 appends a time counted from 1970 in units of which
// perSecond make a second (1000 for milliseconds, 1,000,000 for
// microseconds) as RFC 3339 in UTC, with the units' digits of fraction
// and, if zone, a Z: 2026-11-25T06:40:00.123Z. Decoders write a million
// of these a second; years outside 0001-9999 go through time's
// formatter, as Go writes them.
func AppendRFC3339(dst []byte, v, perSecond int64, zone bool) []byte {
	digits := 0
	for p := perSecond; p > 1; p /= 10 {
		digits++
	}
	sec := floorDiv(v, perSecond)
	out, ok := appendDateTime(dst, sec)
	if !ok {
		layout := "2006-01-02T15:04:05." + strings.Repeat("0", digits)
		if zone {
			layout += "Z07:00"
		}
		return time.Unix(sec, (v-sec*perSecond)*(1e9/perSecond)).UTC().AppendFormat(dst, layout)
	}
	out = appendFraction(append(out, '.'), v-sec*perSecond, digits)
	if zone {
		out = append(out, 'Z')
	}
	return out
}

// appendDateTime appends the UTC date and time of day of a Unix second,
// 2006-01-02T15:04:05; false, and dst as it was, for a year outside
// 0001-9999.
func appendDateTime(dst []byte, sec int64) ([]byte, bool) {
	const perDay = 86_400
	days := floorDiv(sec, perDay)
	ofDay := sec - days*perDay
	d := lastDate.Load()
	if d == nil || d.days != days {
		year, month, day := civil(days)
		if year < 1 || year > 9999 {
			return dst, false
		}
		d = &date{days: days}
		text := append2(append2(d.text[:0], year/100), year%100)
		text = append2(append(text, '-'), month)
		append2(append(text, '-'), day)
		lastDate.Store(d)
	}
	dst = append(dst, d.text[:]...)
	dst = append2(append(dst, 'T'), ofDay/3600)
	dst = append2(append(dst, ':'), ofDay/60%60)
	return append2(append(dst, ':'), ofDay%60), true
}

// date is a day's date as text, 2006-01-02. Records read together are
// mostly of one day: the last one written is kept (any goroutine may
// write timestamps, hence the atomic pointer).
type date struct {
	days int64
	text [10]byte
}

var lastDate atomic.Pointer[date]

// appendFraction appends n, at least 0, in exactly width digits (at most 9).
func appendFraction(dst []byte, n int64, width int) []byte {
	var buf [9]byte
	for i := width - 1; i >= 0; i-- {
		buf[i] = byte('0' + n%10)
		n /= 10
	}
	return append(dst, buf[:width]...)
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// civil is the proleptic Gregorian date of a day counted from 1970-01-01
// (Howard Hinnant's days_from_civil, inverted).
func civil(days int64) (year, month, day int64) {
	z := days + 719_468
	era := z / 146_097
	if z < 0 && z%146_097 != 0 {
		era--
	}
	doe := z - era*146_097                                   // day of the era, [0, 146096]
	yoe := (doe - doe/1460 + doe/36_524 - doe/146_096) / 365 // year of the era, [0, 399]
	doy := doe - (365*yoe + yoe/4 - yoe/100)                 // day of the year from March 1, [0, 365]
	mp := (5*doy + 2) / 153                                  // month from March, [0, 11]
	day = doy - (153*mp+2)/5 + 1
	month = mp + 3
	if mp >= 10 {
		month = mp - 9
	}
	year = yoe + era*400
	if month <= 2 {
		year++
	}
	return year, month, day
}

// pairs holds 00 to 99, so two digits take one division, not two.
const pairs = "00010203040506070809101112131415161718192021222324252627282930313233343536373839" +
	"40414243444546474849505152535455565758596061626364656667686970717273747576777879" +
	"8081828384858687888990919293949596979899"

// append2 appends n, 0 to 99, in two digits.
func append2(dst []byte, n int64) []byte {
	return append(dst, pairs[2*n], pairs[2*n+1])
}
