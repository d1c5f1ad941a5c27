package pane

import "strings"

var sparks = []rune("▁▂▃▄▅▆▇█")

// Sparkline draws the last width values as bars scaled between their
// smallest and largest, so the shape shows even when the numbers are
// large. A spread under 10, or under a tenth of the largest value, is
// noise (a consumer's lag between two commits) and is drawn flat rather
// than stretched to full height. Unknown values (negative) are blanks.
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
	var b strings.Builder
	for _, v := range values {
		switch {
		case v < 0:
			b.WriteByte(' ')
		case hi-lo < max(10, hi/10):
			b.WriteRune(sparks[0])
		default:
			b.WriteRune(sparks[int((v-lo)*int64(len(sparks)-1)/(hi-lo))])
		}
	}
	return b.String()
}
