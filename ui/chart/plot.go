package chart

import "strings"

// plot is a grid of braille cells, each remembering which line drew in it
// last, for its colour.
type plot struct {
	cols, rows int
	dots       []uint8 // the braille bits of each cell, row by row
	owner      []int   // the line that last drew in each cell; -1: none
}

func newPlot(cols, rows int) *plot {
	p := &plot{cols: cols, rows: rows, dots: make([]uint8, cols*rows), owner: make([]int, cols*rows)}
	for i := range p.owner {
		p.owner[i] = -1
	}
	return p
}

// brailleBits is the bit of the dot at (x%2, y%4) in a braille cell
// (U+2800 + bits): the dots are numbered down the left column, then the
// right, with the bottom row added last.
var brailleBits = [2][4]uint8{{0x01, 0x02, 0x04, 0x40}, {0x08, 0x10, 0x20, 0x80}}

func (p *plot) set(line, x, y int) {
	if x < 0 || y < 0 || x >= 2*p.cols || y >= 4*p.rows {
		return
	}
	i := (y/4)*p.cols + x/2
	p.dots[i] |= brailleBits[x%2][y%4]
	p.owner[i] = line
}

// draw joins the dots one after another with straight segments
// (Bresenham's line), or marks a lone dot.
func (p *plot) draw(line int, dots [][2]int) {
	for i, d := range dots {
		if i == 0 {
			p.set(line, d[0], d[1])
			continue
		}
		x0, y0, x1, y1 := dots[i-1][0], dots[i-1][1], d[0], d[1]
		dx, dy := abs(x1-x0), -abs(y1-y0)
		sx, sy := sign(x1-x0), sign(y1-y0)
		e := dx + dy
		for {
			p.set(line, x0, y0)
			if x0 == x1 && y0 == y1 {
				break
			}
			e2 := 2 * e // both steps are decided on the error before either
			if e2 >= dy {
				e += dy
				x0 += sx
			}
			if e2 <= dx {
				e += dx
				y0 += sy
			}
		}
	}
}

// row renders one row of cells, each run of one line's cells in one
// style.
func (p *plot) row(r int, lines []Line) string {
	var b strings.Builder
	start := r * p.cols
	for c := 0; c < p.cols; {
		owner := p.owner[start+c]
		end := c
		var run strings.Builder
		for end < p.cols && p.owner[start+end] == owner {
			if owner < 0 {
				run.WriteByte(' ')
			} else {
				run.WriteRune(rune(0x2800 + int(p.dots[start+end])))
			}
			end++
		}
		if owner < 0 {
			b.WriteString(run.String())
		} else {
			b.WriteString(lines[owner].Style.Render(run.String()))
		}
		c = end
	}
	return b.String()
}

func abs(n int) int { return max(n, -n) }

func sign(n int) int {
	switch {
	case n > 0:
		return 1
	case n < 0:
		return -1
	}
	return 0
}
