package kafka

import (
	"testing"
	"time"
)

func TestMillisOfSurvivesKgosNanosecondOverflow(t *testing.T) {
	for _, ms := range []int64{
		0, 1, -1, 1_764_000_000_123,
		253_402_300_799_999, // 9999-12-31T23:59:59.999Z
		-62_135_596_800_000, // 0001-01-01
		-9_223_372_036_855,  // just before 1677-09-21
		9_223_372_036_855,   // just after 2262-04-11
		1 << 56, -(1 << 56),
	} {
		// What kgo does to the milliseconds it reads.
		kgoTime := time.Unix(0, ms*1e6)
		if got := millisOf(kgoTime); got != ms {
			t.Errorf("millisOf(kgo's time for %d ms) = %d", ms, got)
		}
	}
}
