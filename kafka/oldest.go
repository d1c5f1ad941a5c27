package kafka

import (
	"context"
	"slices"
	"sync"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kscope/kscope/model"
)

// How far behind in time a group is comes from the timestamp of the
// record at its commit: one small fetch per lagging partition, kept by
// offset, so a partition is fetched again only when its commit moves.
const (
	// oldestBudget bounds the partitions one poll fetches; the others
	// show no time until a later poll reaches them. The client's request
	// timeout bounds how long they may take.
	oldestBudget = 256
	// oldestKept bounds the cache; past it, it starts afresh.
	oldestKept = 50_000
)

type oldestKey struct {
	topic     string
	partition int32
	offset    int64
}

// oldestCache remembers record timestamps by offset: an offset's record
// never changes. It also keeps the last timestamp fetched on each
// partition, at whatever offset, to stand in, marked, when the budget
// leaves a partition unfetched.
type oldestCache struct {
	mu     sync.Mutex
	ts     map[oldestKey]int64
	last   map[model.TopicPartition]int64
	budget int // partitions a poll may fetch: 0 means oldestBudget, below 0 none
}

// fillOldest sets Oldest on every lagging partition of groups, fetching
// what the cache lacks, within the budget.
func (c *Client) fillOldest(ctx context.Context, groups []model.Group) {
	want := map[oldestKey]bool{}
	for _, g := range groups {
		for _, p := range g.Partitions {
			if k, ok := oldestKeyOf(p); ok {
				want[k] = true
			}
		}
	}
	c.oldest.mu.Lock()
	if c.oldest.ts == nil || len(c.oldest.ts) > oldestKept || len(c.oldest.last) > oldestKept {
		c.oldest.ts, c.oldest.last = map[oldestKey]int64{}, map[model.TopicPartition]int64{}
	}
	budget := c.oldest.budget
	if budget == 0 {
		budget = oldestBudget
	}
	var missing []oldestKey
	for k := range want {
		if _, ok := c.oldest.ts[k]; !ok {
			missing = append(missing, k)
		}
	}
	c.oldest.mu.Unlock()
	if len(missing) > max(budget, 0) {
		slices.SortFunc(missing, func(a, b oldestKey) int { return int(a.offset - b.offset) })
		missing = missing[:max(budget, 0)]
	}
	fetched := c.fetchTimestamps(ctx, missing)
	c.oldest.mu.Lock()
	defer c.oldest.mu.Unlock()
	for k, ts := range fetched {
		c.oldest.ts[k] = ts
		c.oldest.last[model.TopicPartition{Topic: k.topic, Partition: k.partition}] = ts
	}
	for gi := range groups {
		for pi, p := range groups[gi].Partitions {
			k, ok := oldestKeyOf(p)
			if !ok {
				continue
			}
			if ts, ok := c.oldest.ts[k]; ok {
				groups[gi].Partitions[pi].Oldest = ts
			} else if ts, ok := c.oldest.last[p.TopicPartition]; ok {
				// From an older commit: the group is at most that far
				// behind. Marked, until a poll has budget for it.
				groups[gi].Partitions[pi].Oldest, groups[gi].Partitions[pi].OldestStale = ts, true
			}
		}
	}
}

// oldestKeyOf is where a lagging partition's oldest unread record is: at
// its commit, or at the log start when retention passed the commit.
func oldestKeyOf(p model.PartitionLag) (oldestKey, bool) {
	if p.Lag <= 0 || p.Committed < 0 || p.Err != nil {
		return oldestKey{}, false
	}
	return oldestKey{p.Topic, p.Partition, max(p.Committed, p.Start)}, true
}

// fetchTimestamps reads the first committed record at or after each
// offset, all partitions at once, and returns their timestamps. What
// does not come within the client's request timeout is left out.
func (c *Client) fetchTimestamps(ctx context.Context, keys []oldestKey) map[oldestKey]int64 {
	out := map[oldestKey]int64{}
	if len(keys) == 0 {
		return out
	}
	offsets := map[string]map[int32]kgo.Offset{}
	byPartition := map[model.TopicPartition]oldestKey{}
	for _, k := range keys {
		tp := model.TopicPartition{Topic: k.topic, Partition: k.partition}
		if _, dup := byPartition[tp]; dup {
			continue // two groups at two offsets of one partition: the next poll gets the other
		}
		byPartition[tp] = k
		if offsets[k.topic] == nil {
			offsets[k.topic] = map[int32]kgo.Offset{}
		}
		offsets[k.topic][k.partition] = kgo.NewOffset().At(k.offset)
	}
	cl, err := kgo.NewClient(append(slices.Clone(c.base),
		kgo.ConsumePartitions(offsets),
		kgo.FetchIsolationLevel(kgo.ReadCommitted()),
		// One record is wanted: brokers send at least a batch however
		// small the limit.
		kgo.FetchMaxPartitionBytes(1),
		kgo.ConsumeResetOffset(kgo.NoResetOffset()),
	)...)
	if err != nil {
		return out
	}
	defer cl.Close()
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	for len(out) < len(byPartition) && ctx.Err() == nil {
		fs := cl.PollFetches(ctx)
		var done []model.TopicPartition
		fs.EachPartition(func(fp kgo.FetchTopicPartition) {
			tp := model.TopicPartition{Topic: fp.Topic, Partition: fp.Partition}
			k, ok := byPartition[tp]
			if !ok || len(fp.Records) == 0 {
				return
			}
			if _, have := out[k]; !have {
				out[k] = fp.Records[0].Timestamp.UnixMilli()
				done = append(done, tp)
			}
		})
		if len(done) > 0 {
			pause := map[string][]int32{}
			for _, tp := range done {
				pause[tp.Topic] = append(pause[tp.Topic], tp.Partition)
			}
			cl.PauseFetchPartitions(pause)
		}
	}
	return out
}
