package model

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// StartKind is where a tail starts reading each partition.
type StartKind int

const (
	FromEnd       StartKind = iota // only what arrives from now on
	FromBeginning                  // the oldest record still held
	FromOffset                     // an absolute offset
	FromTime                       // the first record at or after a time
	FromLast                       // the last N records of each partition
)

// Start is a parsed start position.
type Start struct {
	Kind   StartKind
	Offset int64     // FromOffset
	Time   time.Time // FromTime
	Last   int64     // FromLast
}

// ParseStart reads a start position:
//
//	end, latest              from now on (the default)
//	beginning, earliest      from the oldest record
//	1234                     from offset 1234 of each partition
//	-100, last:100           the last 100 records of each partition (as kcat's -o -100)
//	-15m, -2h30m             from that long before now
//	2026-11-25T09:30:00Z     from that time (RFC 3339)
//	2026-11-25 09:30, 09:30  a local time; a time of day alone is today's
//	yesterday 09:00          a local time of yesterday (or today)
func ParseStart(s string, now time.Time) (Start, error) {
	s = strings.TrimSpace(s)
	switch strings.ToLower(s) {
	case "", "end", "latest", "now":
		return Start{Kind: FromEnd}, nil
	case "beginning", "earliest", "start", "oldest":
		return Start{Kind: FromBeginning}, nil
	}
	if n, ok := strings.CutPrefix(strings.ToLower(s), "last:"); ok {
		return parseLast(s, n)
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		if n < 0 {
			return parseLast(s, s[1:])
		}
		return Start{Kind: FromOffset, Offset: n}, nil
	}
	if t, ok := parseTime(s, now); ok {
		return Start{Kind: FromTime, Time: t}, nil
	}
	return Start{}, startError(s)
}

// localLayouts are the times without a zone kscope takes, in the local
// zone (now's); a time of day alone is today's.
var localLayouts = []string{"2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02"}

// parseTime reads a time as kscope takes one, for a tail's start, a
// search's range and a group's reset alike: a duration ago ("-15m",
// "-2h30m"), an RFC 3339 time, or a local time ("2026-11-25 09:00",
// "09:00" today, "yesterday 09:00").
func parseTime(s string, now time.Time) (time.Time, bool) {
	for day, back := range map[string]int{"today ": 0, "yesterday ": 1} {
		if rest, ok := strings.CutPrefix(strings.ToLower(s), day); ok {
			t, ok := timeOfDay(strings.TrimSpace(rest), now)
			return t.AddDate(0, 0, -back), ok
		}
	}
	if ago, ok := strings.CutPrefix(s, "-"); ok {
		d, err := time.ParseDuration(ago)
		return now.Add(-d), err == nil && d > 0
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, true
	}
	for _, layout := range localLayouts {
		if t, err := time.ParseInLocation(layout, s, now.Location()); err == nil {
			return t, true
		}
	}
	return timeOfDay(s, now)
}

// timeOfDay is "09:00" or "09:00:30" today, in now's zone.
func timeOfDay(s string, now time.Time) (time.Time, bool) {
	for _, layout := range []string{"15:04:05", "15:04"} {
		if t, err := time.ParseInLocation(layout, s, now.Location()); err == nil {
			y, m, d := now.Date()
			return time.Date(y, m, d, t.Hour(), t.Minute(), t.Second(), 0, now.Location()), true
		}
	}
	return time.Time{}, false
}

func parseLast(s, n string) (Start, error) {
	last, err := strconv.ParseInt(n, 10, 64)
	if err != nil || last <= 0 {
		return Start{}, startError(s)
	}
	return Start{Kind: FromLast, Last: last}, nil
}

func startError(s string) error {
	return fmt.Errorf("start %q: want end, beginning, an offset, -N or last:N, a duration ago like -15m, an RFC 3339 time, or a local time like \"2026-11-25 09:30\", 09:30 or \"yesterday 09:30\"", s)
}

// String says where the tail starts, as the status line shows it.
func (s Start) String() string {
	switch s.Kind {
	case FromBeginning:
		return "beginning"
	case FromOffset:
		return "offset " + strconv.FormatInt(s.Offset, 10)
	case FromTime:
		return s.Time.UTC().Format(time.RFC3339)
	case FromLast:
		return "last " + strconv.FormatInt(s.Last, 10)
	}
	return "end"
}
