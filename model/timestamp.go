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
	dst = appendDigits(dst, year, 4)
	dst = append(dst, '-')
	dst = appendDigits(dst, month, 2)
	dst = append(dst, '-')
	dst = appendDigits(dst, day, 2)
	dst = append(dst, 'T')
	dst = appendDigits(dst, ofDay/3_600_000, 2)
	dst = append(dst, ':')
	dst = appendDigits(dst, ofDay/60_000%60, 2)
	dst = append(dst, ':')
	dst = appendDigits(dst, ofDay/1000%60, 2)
	dst = append(dst, '.')
	dst = appendDigits(dst, ofDay%1000, 3)
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

// appendDigits appends n, at least 0, in exactly width digits.
func appendDigits(dst []byte, n int64, width int) []byte {
	var buf [4]byte
	for i := width - 1; i >= 0; i-- {
		buf[i] = byte('0' + n%10)
		n /= 10
	}
	return append(dst, buf[:width]...)
}
