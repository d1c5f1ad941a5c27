package model

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

// The fast timestamp is what time.Time's formatter writes, for every day
// of years 1 to 9999 and beyond, negative times and the edges of a day.
func TestAppendTimestampIsTheFormatters(t *testing.T) {
	check := func(ms int64) {
		t.Helper()
		want := time.UnixMilli(ms).UTC().AppendFormat(nil, timestampLayout)
		if got := appendTimestamp(nil, ms); string(got) != string(want) {
			t.Fatalf("%d: %s, want %s", ms, got, want)
		}
	}
	first := time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC).UnixMilli()
	last := time.Date(9999, 12, 31, 23, 59, 59, 999e6, time.UTC).UnixMilli()
	for day := first; day <= last; day += 13 * 86_400_000 { // every 13th day: every month, every weekday
		check(day)
		check(day - 1)
	}
	// Every day of the years around the leap-year rules' exceptions.
	for _, y := range []int{1, 4, 100, 400, 1600, 1900, 1970, 2000, 2100, 2400, 9999} {
		from := time.Date(y-1, 12, 31, 0, 0, 0, 0, time.UTC).UnixMilli()
		for day := from; day <= time.Date(y+1, 1, 1, 0, 0, 0, 0, time.UTC).UnixMilli(); day += 86_400_000 {
			check(day)
			check(day + 86_399_999)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 100_000 {
		check(first + rng.Int64N(last-first))
	}
	for _, ms := range []int64{0, -1, 1, first - 1, last + 1, -62_135_596_800_001, 253_402_300_800_000, math.MaxInt64 / 1000, math.MinInt64 / 1000} {
		check(ms)
	}
}

func BenchmarkAppendTimestamp(b *testing.B) {
	buf := make([]byte, 0, 64)
	for i := range b.N {
		buf = appendTimestamp(buf[:0], 1_795_588_800_123+int64(i))
	}
}

func BenchmarkAppendFormat(b *testing.B) {
	buf := make([]byte, 0, 64)
	for i := range b.N {
		buf = time.UnixMilli(1_795_588_800_123+int64(i)).UTC().AppendFormat(buf[:0], timestampLayout)
	}
}

// AppendRFC3339 is what time.Time's formatter writes for milliseconds
// and microseconds, with and without the zone, negative times and years
// beyond 9999 included.
func TestAppendRFC3339IsTheFormatters(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, unit := range []struct {
		perSecond int64
		layout    string
	}{{1000, "2006-01-02T15:04:05.000"}, {1_000_000, "2006-01-02T15:04:05.000000"}} {
		values := []int64{0, -1, 1, unit.perSecond - 1, -unit.perSecond, 253_402_300_800 * unit.perSecond, -62_135_596_801 * unit.perSecond}
		for range 100_000 {
			values = append(values, rng.Int64N(2*253_402_300_800)*unit.perSecond/1000-253_402_300_800*unit.perSecond/2000+rng.Int64N(unit.perSecond))
		}
		for _, v := range values {
			at := time.Unix(v/unit.perSecond, v%unit.perSecond*(1e9/unit.perSecond)).UTC()
			for _, zone := range []bool{true, false} {
				layout := unit.layout
				if zone {
					layout += "Z07:00"
				}
				if got, want := AppendRFC3339(nil, v, unit.perSecond, zone), at.AppendFormat(nil, layout); string(got) != string(want) {
					t.Fatalf("%d per %d: %s, want %s", v, unit.perSecond, got, want)
				}
			}
		}
	}
}
