// Package chart draws line charts over time in braille dots: a cell holds
// 2×4 dots, so a plot of 40×6 cells draws 80×24 points. No charting
// library for Bubble Tea v2 was at hand, and a line chart is little more
// than a line drawn between dots.
package chart

import (
	"math"
	"strings"
	"time"

	"charm.land/lipgloss/v2"
)

// Point is a value at a time.
type Point struct {
	At    time.Time
	Value float64
}

// Line is one series, drawn in its style and named in the legend.
type Line struct {
	Name   string
	Points []Point // oldest first
	Style  lipgloss.Style
}

// Chart is a line chart of values from zero up, over a span of time.
type Chart struct {
	Title         string
	Lines         []Line
	From, To      time.Time // the time axis; points outside it are left out
	Width, Height int       // the whole chart, axes and labels included
	// Label writes a value on the value axis.
	Label    func(float64) string
	Location *time.Location // of the time labels; UTC when nil
	Muted    lipgloss.Style // title, axes and labels
}

// The rows a chart needs besides its plot: the title, the time axis and
// the time labels.
const frameRows = 3

// View draws the chart in exactly Height lines of Width cells, or nothing
// when it has too little room for a plot.
func (c Chart) View() string {
	plotRows := c.Height - frameRows
	top := c.top()
	labels := []string{c.Label(top), c.Label(top / 2), c.Label(0)}
	labelWidth := 0
	for _, l := range labels {
		labelWidth = max(labelWidth, lipgloss.Width(l))
	}
	plotCols := c.Width - labelWidth - 1
	if plotRows < 2 || plotCols < 8 || !c.To.After(c.From) {
		return ""
	}
	p := newPlot(plotCols, plotRows)
	for i, l := range c.Lines {
		p.draw(i, c.dots(l.Points, plotCols, plotRows, top))
	}
	lines := make([]string, 0, c.Height)
	lines = append(lines, c.legend())
	for row := range plotRows {
		label, tick := "", "│"
		switch {
		case row == 0:
			label, tick = labels[0], "┤"
		case row == plotRows-1:
			label, tick = labels[2], "┤"
		case row == plotRows/2 && plotRows >= 5:
			label, tick = labels[1], "┤"
		}
		pad := strings.Repeat(" ", labelWidth-lipgloss.Width(label))
		lines = append(lines, c.Muted.Render(pad+label+tick)+p.row(row, c.Lines))
	}
	lines = append(lines, c.Muted.Render(strings.Repeat(" ", labelWidth)+"└"+strings.Repeat("─", plotCols)))
	lines = append(lines, c.Muted.Render(strings.Repeat(" ", labelWidth+1)+c.timeLabels(plotCols)))
	return strings.Join(lines, "\n")
}

// legend is the title and, with more than one line, each line's name in
// its colour.
func (c Chart) legend() string {
	s := c.Muted.Render(c.Title)
	if len(c.Lines) > 1 {
		for _, l := range c.Lines {
			s += "  " + l.Style.Render("━ "+l.Name)
		}
	}
	return lipgloss.NewStyle().MaxWidth(c.Width).Render(s)
}

// top is the value at the top of the plot: the largest value rounded up
// to 1, 2 or 5 times a power of ten, so the labels read as round numbers.
func (c Chart) top() float64 {
	highest := 0.0
	for _, l := range c.Lines {
		for _, p := range l.Points {
			if c.shows(p) {
				highest = max(highest, p.Value)
			}
		}
	}
	if highest <= 0 {
		return 1
	}
	scale := math.Pow(10, math.Floor(math.Log10(highest)))
	for _, step := range []float64{1, 2, 5, 10} {
		if highest <= step*scale {
			return step * scale
		}
	}
	return 10 * scale
}

func (c Chart) shows(p Point) bool {
	return !p.At.Before(c.From) && !p.At.After(c.To) && !math.IsNaN(p.Value)
}

// dots places points in dot coordinates: x from the left, y from the top.
func (c Chart) dots(points []Point, cols, rows int, top float64) [][2]int {
	span := c.To.Sub(c.From).Seconds()
	w, h := float64(2*cols-1), float64(4*rows-1)
	var out [][2]int
	for _, p := range points {
		if !c.shows(p) {
			continue
		}
		x := math.Round(p.At.Sub(c.From).Seconds() / span * w)
		y := math.Round(min(max(p.Value, 0)/top, 1) * h)
		out = append(out, [2]int{int(x), int(h - y)})
	}
	return out
}

// timeLabels are the times at the start, middle and end of the axis.
func (c Chart) timeLabels(cols int) string {
	loc := c.Location
	if loc == nil {
		loc = time.UTC
	}
	layout := "15:04:05"
	if c.To.Sub(c.From) >= time.Hour {
		layout = "15:04"
	}
	left, mid, right := c.From.In(loc).Format(layout), c.From.Add(c.To.Sub(c.From)/2).In(loc).Format(layout), c.To.In(loc).Format(layout)
	out := []rune(strings.Repeat(" ", cols))
	put := func(at int, s string) {
		if at >= 0 && at+len(s) <= cols {
			copy(out[at:], []rune(s))
		}
	}
	put(0, left)
	put(cols-len(right), right)
	if cols >= 3*len(mid)+2 {
		put(cols/2-len(mid)/2, mid)
	}
	return string(out)
}
