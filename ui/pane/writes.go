package pane

import (
	"context"
	"maps"
	"slices"
	"sync"
)

// Writes are the writes to the cluster in flight, shared by every pane of
// an app: quitting asks first while there are some, stopping them cuts
// them short between chunks, and what each cut-short write said (how much
// it sent, how much it did not) is kept for the program to print as it
// ends.
type Writes struct {
	mu   sync.Mutex
	next int
	live map[int]liveWrite
	cut  []string
	idle chan struct{} // closed when the last write in flight ends
}

type liveWrite struct {
	title  string
	cancel context.CancelFunc
}

// Start registers a write named title. Its context ends only by Stop, not
// with the pane that started it: a write runs to its end even if the pane
// is left. end reports how it went; a write that Stop cut short keeps its
// report. A nil Writes lets the write run, unregistered.
func (w *Writes) Start(title string) (ctx context.Context, end func(report string)) {
	if w == nil {
		return context.Background(), func(string) {}
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.live == nil {
		w.live = map[int]liveWrite{}
	}
	if len(w.live) == 0 {
		w.idle = make(chan struct{})
	}
	ctx, cancel := context.WithCancel(context.Background())
	id := w.next
	w.next++
	w.live[id] = liveWrite{title, cancel}
	return ctx, func(report string) {
		w.mu.Lock()
		defer w.mu.Unlock()
		if ctx.Err() != nil && report != "" {
			w.cut = append(w.cut, title+": "+report)
		}
		cancel()
		delete(w.live, id)
		if len(w.live) == 0 {
			close(w.idle)
		}
	}
}

// InFlight names the writes in flight, in the order they started.
func (w *Writes) InFlight() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []string
	for _, id := range slices.Sorted(maps.Keys(w.live)) {
		out = append(out, w.live[id].title)
	}
	return out
}

// Stop cuts every write in flight short and returns a channel closed once
// they have all ended.
func (w *Writes) Stop() <-chan struct{} {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, l := range w.live {
		l.cancel()
	}
	if len(w.live) == 0 {
		done := make(chan struct{})
		close(done)
		return done
	}
	return w.idle
}

// Cut is what each write cut short said of itself.
func (w *Writes) Cut() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return slices.Clone(w.cut)
}
