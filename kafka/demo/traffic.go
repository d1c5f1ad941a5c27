package demo

import (
	"context"
	"sync"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
)

// writeHistory gives every topic its backlog, with timestamps spread evenly
// over the hours before now, so tails from the beginning and time lookups
// have something to find.
func writeHistory(ctx context.Context, cl *kgo.Client, gens []*gen, now time.Time) error {
	var batch []*kgo.Record
	for i, t := range topics {
		step := history / time.Duration(t.backlog)
		for n := range t.backlog {
			at := now.Add(-history + time.Duration(n)*step)
			batch = append(batch, next(t, gens[i], at))
		}
	}
	return cl.ProduceSync(ctx, batch...).FirstErr()
}

// next makes the topic's next record at the given time.
func next(t topic, g *gen, at time.Time) *kgo.Record {
	r := t.record(g, at)
	g.seq++
	r.Topic = t.name
	r.Timestamp = at
	return r
}

// produceLive writes each topic's records at its rate times mult until ctx
// ends. A tick every 100 ms carries the fractional remainder forward, so
// slow topics still produce at their exact average rate.
func produceLive(ctx context.Context, cl *kgo.Client, gens []*gen, mult float64) {
	if mult == 0 {
		return
	}
	const tick = 100 * time.Millisecond
	var wg sync.WaitGroup
	for i, t := range topics {
		perTick := t.rate * mult * tick.Seconds()
		wg.Go(func() {
			ticker := time.NewTicker(tick)
			defer ticker.Stop()
			owed := 0.0
			for {
				select {
				case <-ctx.Done():
					return
				case now := <-ticker.C:
					for owed += perTick; owed >= 1; owed-- {
						// Errors are dropped: the demo's producer has no one to
						// tell, and a lost record only shows up as less traffic.
						cl.Produce(ctx, next(t, gens[i], now), nil)
					}
				}
			}
		})
	}
	wg.Wait()
}
