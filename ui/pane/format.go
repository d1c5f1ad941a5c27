package pane

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/table"
)

// Rate writes a per-second rate in at most four characters: "0", "0.4",
// "12", "1.2k", "450k", "3.1M".
func Rate(r float64) string {
	switch {
	case r <= 0:
		return "0"
	case r < 10:
		return strconv.FormatFloat(r, 'f', 1, 64)
	case r < 1000:
		return strconv.FormatFloat(r, 'f', 0, 64)
	case r < 10_000:
		return strconv.FormatFloat(r/1000, 'f', 1, 64) + "k"
	case r < 1_000_000:
		return strconv.FormatFloat(r/1000, 'f', 0, 64) + "k"
	}
	return strconv.FormatFloat(r/1_000_000, 'f', 1, 64) + "M"
}

// Age says how long ago something happened, in the largest whole unit:
// "3s", "5m", "2h".
func Age(d time.Duration) string {
	switch {
	case d < time.Minute:
		return strconv.Itoa(int(max(d, 0)/time.Second)) + "s"
	case d < time.Hour:
		return strconv.Itoa(int(d/time.Minute)) + "m"
	default:
		return strconv.Itoa(int(d/time.Hour)) + "h"
	}
}

// IDs writes broker ids as "1,2,3", or "-" for none.
func IDs(ids []int32) string {
	if len(ids) == 0 {
		return "-"
	}
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.Itoa(int(id))
	}
	return strings.Join(parts, ",")
}

// ToneOf picks the worst tone that applies: error before warning.
func ToneOf(isError, isWarn bool) table.Tone {
	switch {
	case isError:
		return table.Error
	case isWarn:
		return table.Warn
	}
	return table.Normal
}

// Fit cuts a styled line to width cells, ending it with … when cut.
func Fit(s string, width int) string { return ansi.Truncate(s, width, "…") }

// Bytes writes a size in bytes the short way: "512 B", "4.1 MB".
func Bytes(n int) string {
	const unit = 1000
	if n < unit {
		return strconv.Itoa(n) + " B"
	}
	f, suffix := float64(n), "kMGT"
	i := -1
	for f >= unit && i < len(suffix)-1 {
		f /= unit
		i++
	}
	return strconv.FormatFloat(f, 'f', 1, 64) + " " + string(suffix[i]) + "B"
}

// TopicPartitions writes partitions compactly, in order:
// "orders[0,1,2] payments[0]", or "-" for none.
func TopicPartitions(tps []model.TopicPartition) string {
	tps = slices.Clone(tps)
	model.SortTopicPartitions(tps)
	var parts []string
	for i := 0; i < len(tps); {
		j := i
		var ids []int32
		for ; j < len(tps) && tps[j].Topic == tps[i].Topic; j++ {
			ids = append(ids, tps[j].Partition)
		}
		parts = append(parts, model.Sanitize(tps[i].Topic)+"["+IDs(ids)+"]")
		i = j
	}
	if len(parts) == 0 {
		return "-"
	}
	return strings.Join(parts, " ")
}
