package model

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Purge is a deletion of a topic's oldest records worked out but not yet
// done: in each partition the log start moves up to New, and the records
// before it go, as DeleteRecords (kafka-delete-records.sh) does.
type Purge struct {
	Topic string
	Rows  []PurgeRow
	// Inside are the commits of groups that lie in what goes: the
	// records those groups would read next are gone, and they jump ahead.
	Inside []PurgeCommit
}

// PurgeRow is one partition of a purge.
type PurgeRow struct {
	Partition int32
	Low, High int64 // the watermarks when planned
	New       int64 // the log start after
	// Bytes is about what goes: the partition's size in the share of its
	// records that go; -1 when the brokers did not say its size.
	Bytes int64
	Err   error // this partition is left as it is
}

// Records is how many records the partition loses.
func (r PurgeRow) Records() int64 { return max(r.New-r.Low, 0) }

// PurgeCommit is a group's commit inside a purge.
type PurgeCommit struct {
	Group     string
	Partition int32
	Committed int64
}

// Totals sums what a purge deletes: its records and about how many bytes
// (bytes only when every partition's size is known).
func (p Purge) Totals() (records, bytes int64, sized bool) {
	sized = true
	for _, r := range p.Rows {
		if r.Err != nil {
			continue
		}
		records += r.Records()
		if r.Bytes < 0 {
			sized = false
		}
		bytes += max(r.Bytes, 0)
	}
	return records, bytes, sized
}

// Summary says what a purge deletes: "1,200 records (about 3.1 MiB)".
func (p Purge) Summary() string {
	records, bytes, sized := p.Totals()
	s := Plural(int(records), "record")
	if sized {
		s += " (about " + FormatIEC(bytes) + ")"
	}
	return s
}

// ParsePurgeTarget reads where a purge deletes up to: end (everything),
// an offset (the first kept), or a time (the first record at or after it
// is kept: -1h, an RFC 3339 time, yesterday 09:00).
func ParsePurgeTarget(s string, now time.Time) (Start, error) {
	if strings.TrimSpace(s) == "" {
		return Start{}, fmt.Errorf("--to: give end, an offset, or a time such as -24h")
	}
	to, err := ParseStart(s, now)
	if err != nil {
		return to, err
	}
	switch to.Kind {
	case FromEnd, FromOffset, FromTime:
		return to, nil
	}
	return to, fmt.Errorf("--to %q: give end, an offset, or a time such as -24h (the records before it are deleted)", s)
}

// PurgeTo is where a partition's log start moves for a target: its end,
// the offset (within the partition), or the first offset at or after the
// time, byTime (-1 when none: then every record is older, and all go).
func PurgeTo(to Start, low, high, byTime int64) (int64, error) {
	switch to.Kind {
	case FromEnd:
		return high, nil
	case FromOffset:
		if to.Offset > high {
			return 0, fmt.Errorf("offset %d is past the end, %d", to.Offset, high)
		}
		return max(to.Offset, low), nil
	case FromTime:
		if byTime < 0 {
			return high, nil
		}
		return min(max(byTime, low), high), nil
	}
	return 0, fmt.Errorf("not a purge target")
}

// PlanPurge works out what deleting a topic's records up to a target
// deletes in each partition (all, or those named): byTime gives a
// partition's first offset at or after the target's time (-1: none).
// The groups' commits inside what goes are named.
func PlanPurge(t Topic, partitions []int32, to Start, byTime func(partition int32) int64, groups []Group) (Purge, error) {
	plan := Purge{Topic: t.Name}
	for _, p := range t.Partitions {
		if len(partitions) > 0 && !slices.Contains(partitions, p.ID) {
			continue
		}
		row := PurgeRow{Partition: p.ID, Low: p.Low, High: p.High, Bytes: -1}
		if row.New, row.Err = PurgeTo(to, p.Low, p.High, byTime(p.ID)); row.Err == nil && p.Sized && p.High > p.Low {
			row.Bytes = p.Bytes * row.Records() / (p.High - p.Low)
		}
		plan.Rows = append(plan.Rows, row)
	}
	if len(plan.Rows) == 0 {
		return plan, fmt.Errorf("topic %q has none of partitions %v", t.Name, partitions)
	}
	for _, g := range groups {
		for _, pl := range g.Partitions {
			i := slices.IndexFunc(plan.Rows, func(r PurgeRow) bool { return r.Partition == pl.Partition })
			if pl.Topic != t.Name || i < 0 || plan.Rows[i].Err != nil {
				continue
			}
			if r := plan.Rows[i]; pl.Committed >= r.Low && pl.Committed < r.New {
				plan.Inside = append(plan.Inside, PurgeCommit{Group: g.Name, Partition: pl.Partition, Committed: pl.Committed})
			}
		}
	}
	return plan, nil
}
