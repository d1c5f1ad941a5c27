package pane

import "strings"

var sparks = []rune("▁▂▃▄▅▆▇█")

// sparkNoise is the least range a sparkline spans, in records. Scaling
// each line between its own least and greatest values shows any growth or
// shrinkage at full height, however large the lag (18,747 to 22,839 is a
// rising line, not a flat one near the top); the floor keeps a healthy
// consumer's few records between commits low in the cell rather than
// stretched to fill it.
const sparkNoise = 50

// Sparkline draws the last width values as bars, scaled between their
// smallest and largest or sparkNoise, whichever spans more. Unknown values
// (negative) are blanks.
func Sparkline(values []int64, width int) string {
	if width <= 0 {
		return ""
	}
	if len(values) > width {
		values = values[len(values)-width:]
	}
	lo, hi := int64(-1), int64(-1)
	for _, v := range values {
		if v < 0 {
			continue
		}
		if lo < 0 || v < lo {
			lo = v
		}
		hi = max(hi, v)
	}
	span := max(hi-lo, sparkNoise)
	var b strings.Builder
	for _, v := range values {
		if v < 0 {
			b.WriteByte(' ')
			continue
		}
		b.WriteRune(sparks[(v-lo)*int64(len(sparks)-1)/span])
	}
	return b.String()
}
