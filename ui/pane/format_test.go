package pane

import (
	"testing"
	"time"

	"github.com/kscope/kscope/model"
)

func TestCount(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 1234567: "1,234,567", -45678: "-45,678"} {
		if got := model.Count(n); got != want {
			t.Errorf("model.Count(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestAge(t *testing.T) {
	for d, want := range map[time.Duration]string{-time.Second: "0s", 1500 * time.Millisecond: "1s", 90 * time.Second: "1m", 3 * time.Hour: "3h"} {
		if got := Age(d); got != want {
			t.Errorf("Age(%s) = %q, want %q", d, got, want)
		}
	}
}

func TestRate(t *testing.T) {
	for r, want := range map[float64]string{0: "0", -1: "0", 0.44: "0.4", 9.96: "10.0", 12.4: "12", 999: "999", 1234: "1.2k", 450_000: "450k", 3_140_000: "3.1M"} {
		if got := Rate(r); got != want {
			t.Errorf("Rate(%v) = %q, want %q", r, got, want)
		}
	}
}

func TestSparkline(t *testing.T) {
	tests := []struct {
		in    []int64
		width int
		want  string
	}{
		{nil, 5, ""},
		{[]int64{3, 3, 3}, 5, "▁▁▁"},
		{[]int64{3, 1, 3, 1}, 5, "▁▁▁▁"},      // noise
		{[]int64{3000, 3010, 3020}, 5, "▁▂▃"}, // under the noise floor: low in the cell
		{[]int64{3000, 3030, 3060}, 5, "▁▄█"}, // growth shows, whatever the level
		{[]int64{0, 70, 140}, 5, "▁▄█"},
		{[]int64{3000, 3300, 3600}, 5, "▁▄█"},
		{[]int64{100, -1, 200}, 5, "▁ █"},
		{[]int64{10, 20, 30, 40, 50, 60}, 3, "▁▂▃"}, // the last three: 20 apart, under the floor
		{[]int64{1, 2}, 0, ""},
	}
	for _, tt := range tests {
		if got := Sparkline(tt.in, tt.width); got != tt.want {
			t.Errorf("Sparkline(%v, %d) = %q, want %q", tt.in, tt.width, got, tt.want)
		}
	}
}
