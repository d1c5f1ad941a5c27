package chart

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

var t0 = time.Date(2026, 11, 25, 14, 0, 0, 0, time.UTC)

func label(v float64) string { return fmt.Sprint(v) }

func TestALineRunsCornerToCorner(t *testing.T) {
	c := Chart{Title: "lag", Width: 20, Height: 7, From: t0, To: t0.Add(time.Minute), Label: label,
		Lines: []Line{{Points: []Point{{t0, 0}, {t0.Add(time.Minute), 10}}}}}
	want := strings.Join([]string{
		"lag",
		"10┤             ⣀⠤⠒⠉",
		"  │        ⢀⡠⠔⠒⠉    ",
		"  │    ⣀⠤⠔⠊⠁        ",
		" 0┤⣀⠤⠒⠉             ",
		"  └─────────────────",
		"   14:00:00 14:01:00",
	}, "\n")
	if got := c.View(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// Values are scaled to a round top, the middle is labelled where there is
// room, the line goes down as well as up, and a point outside the span is
// left out rather than drawn at the edge.
func TestALineGoesUpAndDownUnderARoundTop(t *testing.T) {
	c := Chart{Title: "lag", Width: 30, Height: 9, From: t0, To: t0.Add(time.Minute), Label: label,
		Lines: []Line{{Points: []Point{
			{t0.Add(-time.Hour), 500}, // before the span
			{t0.Add(10 * time.Second), 3}, {t0.Add(30 * time.Second), 7}, {t0.Add(40 * time.Second), 2}, {t0.Add(60 * time.Second), 2},
		}}}}
	want := strings.Join([]string{
		"lag",
		"10┤                           ",
		"  │             ⣀             ",
		"  │         ⣀⠤⠒⠉ ⠣⡀           ",
		" 5┤     ⣀⠤⠒⠉      ⠘⢄          ",
		"  │    ⠈            ⠣⠤⠤⠤⠤⠤⠤⠤⠤⠤",
		" 0┤                           ",
		"  └───────────────────────────",
		"   14:00:00 14:00:30  14:01:00",
	}, "\n")
	if got := c.View(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestTooSmallAChartDrawsNothing(t *testing.T) {
	for _, size := range [][2]int{{10, 9}, {30, 4}} {
		c := Chart{Width: size[0], Height: size[1], From: t0, To: t0.Add(time.Minute), Label: label}
		if got := c.View(); got != "" {
			t.Errorf("%v: %q", size, got)
		}
	}
}
