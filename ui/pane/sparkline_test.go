package pane

import (
	"testing"
)

// Histories as the groups pane sees them, twelve polls each.
func TestSparklineShowsTrendsNotNoise(t *testing.T) {
	tests := []struct {
		name string
		lags []int64
		want string
	}{
		// payment-reconciler in the demo: falling behind, lag in the tens
		// of thousands, growing by a few hundred a poll.
		{"falling behind", []int64{18747, 19120, 19488, 19850, 20230, 20601, 20977, 21340, 21712, 22090, 22461, 22839}, "▁▁▂▂▃▄▄▅▆▆▇█"},
		{"catching up", []int64{5000, 4600, 4150, 3700, 3300, 2800, 2400, 1900, 1500, 1000, 600, 150}, "█▇▆▆▅▄▄▃▂▂▁▁"},
		// A healthy consumer: a few records behind between commits.
		{"healthy", []int64{3, 0, 5, 2, 0, 4, 1, 0, 6, 2, 0, 3}, "▁▁▁▁▁▁▁▁▁▁▁▁"},
		{"steady high lag", []int64{10000, 10003, 9998, 10001, 10004, 9999, 10002, 10000, 9997, 10001, 10003, 10000}, "▁▁▁▁▁▁▁▁▁▁▁▁"},
		{"a burst", []int64{0, 0, 0, 900, 600, 300, 0, 0, 0, 0, 0, 0}, "▁▁▁█▅▃▁▁▁▁▁▁"},
		{"unknown at first", []int64{-1, -1, 100, 200}, "  ▁█"},
	}
	for _, tt := range tests {
		if got := Sparkline(tt.lags, 12); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, got, tt.want)
		}
	}
}
