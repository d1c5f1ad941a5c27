package cli

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/kscope/kscope/model"
)

// progress is a line on a terminal's stderr, redrawn at most four times a
// second: records, bytes, rate and time left. Not on a pipe or a file.
type progress struct {
	w       io.Writer
	started time.Time
	last    time.Time
	drawn   bool
}

func progressTo(w io.Writer) *progress {
	if f, ok := w.(*os.File); ok {
		if info, err := f.Stat(); err == nil && info.Mode()&os.ModeCharDevice != 0 {
			return &progress{w: w, started: time.Now()}
		}
	}
	return &progress{}
}

func (p *progress) show(copied, bytes, scanned, total int64, execute bool) {
	if p.w == nil || time.Since(p.last) < 250*time.Millisecond {
		return
	}
	p.last, p.drawn = time.Now(), true
	elapsed := time.Since(p.started).Seconds()
	rate := float64(scanned) / max(elapsed, 0.001)
	eta := "-"
	if rate > 0 && total > scanned {
		eta = (time.Duration(float64(total-scanned)/rate) * time.Second).Round(time.Second).String()
	}
	verb := "copied"
	if !execute {
		verb = "counted"
	}
	fmt.Fprintf(p.w, "\r\x1b[K%s %s (%s) · scanned %s of %s · %s/s · %s left", verb, model.Count(copied), model.FormatIEC(bytes),
		model.Count(scanned), model.Count(total), model.Count(int64(rate)), eta)
}

// done ends the progress line, so what follows starts on its own.
func (p *progress) done() {
	if p.drawn {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}
