package model

import "time"

// appendTimestamp appends the UTC time of a Kafka timestamp (ms since
// 1970) as timestampLayout writes it, without time.Time's general
// formatter, which was a tenth of a JSON tail's CPU. Years outside
// 0001-9999 go through the formatter, as Go writes them.
func appendTimestamp(dst []byte, ms int64) []byte {
	const msPerDay = 86_400_000
	days, ofDay := ms/msPerDay, ms%msPerDay
	if ofDay < 0 {
		days, ofDay = days-1, ofDay+msPerDay
	}
	year, month, day := civil(days)
	if year < 1 || year > 9999 {
		return time.UnixMilli(ms).UTC().AppendFormat(dst, timestampLayout)
	}
	sec := ofDay / 1000
	dst = append2(append2(dst, year/100), year%100)
	dst = append2(append(dst, '-'), month)
	dst = append2(append(dst, '-'), day)
	dst = append2(append(dst, 'T'), sec/3600)
	dst = append2(append(dst, ':'), sec/60%60)
	dst = append2(append(dst, ':'), sec%60)
	milli := ofDay % 1000
	dst = append2(append(dst, '.'), milli/10)
	dst = append(dst, byte('0'+milli%10))
	return append(dst, "000000Z"...)
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
