package model

import "sync"

// InParts runs work over n items split into contiguous parts, one per
// worker (at most workers), when n is at least from items a worker;
// smaller jobs run at once on the caller's goroutine, as part 0. It
// returns when every part is done.
func InParts(n, from, workers int, work func(part, lo, hi int)) {
	parts := min(workers, n/max(from, 1))
	if parts <= 1 {
		work(0, 0, n)
		return
	}
	per := (n + parts - 1) / parts
	var wg sync.WaitGroup
	for i := range parts {
		lo, hi := i*per, min((i+1)*per, n)
		wg.Go(func() { work(i, lo, hi) })
	}
	wg.Wait()
}
