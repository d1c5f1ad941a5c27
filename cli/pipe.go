package cli

import (
	"context"
	"errors"
	"io"
	"os/signal"
	"sync/atomic"
	"syscall"
)

// readerGone is output whose reader may go away (kscope lag --watch |
// head): a write that finds the pipe closed ends the run, quietly and
// successfully, as kcat and grep end, rather than by SIGPIPE's exit 141
// or an error about a reader that has all it wanted.
type readerGone struct {
	w      io.Writer
	gone   atomic.Bool
	cancel context.CancelFunc
}

// watchReader takes broken pipes as write errors, not a killing signal,
// and returns stdout wrapped, and a context its reader's going ends.
func watchReader(stdout io.Writer) (*readerGone, context.Context) {
	signal.Ignore(syscall.SIGPIPE)
	ctx, cancel := context.WithCancel(context.Background())
	return &readerGone{w: stdout, cancel: cancel}, ctx
}

func (r *readerGone) Write(b []byte) (int, error) {
	n, err := r.w.Write(b)
	if errors.Is(err, syscall.EPIPE) {
		r.gone.Store(true)
		r.cancel()
	}
	return n, err
}

// Gone reports whether the reader went away.
func (r *readerGone) Gone() bool { return r.gone.Load() }
