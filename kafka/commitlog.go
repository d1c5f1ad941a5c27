package kafka

import (
	"cmp"
	"context"
	"maps"
	"slices"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kscope/kscope/model"
)

// commitsTopic is where Kafka logs every offset commit.
const commitsTopic = "__consumer_offsets"

// commitLogBudget bounds the records one read of the log of commits takes,
// spread over its partitions, each read up to its end: on a busy cluster
// the oldest part of the span is left out, never the newest.
const commitLogBudget = 1_000_000

// CommitLog reads back, from Kafka's log of commits, where the groups
// committed on their partitions since the first of times, and lists
// what their partitions held at each of the times; Burrow evaluates
// groups on the same log. It stops at the budget or the request timeout,
// and then says the log is not complete.
func (c *Client) CommitLog(ctx context.Context, groups []model.Group, times []time.Time) (model.CommitLog, error) {
	log := model.CommitLog{Times: times, Commits: map[string]map[model.TopicPartition][]model.Commit{}, Ends: map[model.TopicPartition][]int64{}}
	if len(times) == 0 || len(groups) == 0 {
		return log, nil
	}
	log.Since = times[0]
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	from, ends, err := c.commitLogRange(ctx, log.Since)
	if err != nil {
		return log, err
	}
	wanted := map[string]bool{}
	topics := map[string]bool{}
	for _, g := range groups {
		wanted[g.Name] = true
		for _, p := range g.Partitions {
			topics[p.Topic] = true
		}
	}
	complete := true
	for p, end := range ends {
		if start := from[p]; end-start > commitLogBudget/int64(len(ends)) {
			from[p], complete = end-commitLogBudget/int64(len(ends)), false
		}
	}
	read := c.readCommits(ctx, from, ends, wanted, log.Commits)
	log.Complete = complete && read
	for _, byPartition := range log.Commits {
		for _, commits := range byPartition {
			// A group's commits are in one partition of the log, in
			// the order written; the broker's clock may still step.
			slices.SortStableFunc(commits, func(a, b model.Commit) int { return cmp.Compare(a.At, b.At) })
		}
	}
	return log, c.endsAt(ctx, slices.Sorted(maps.Keys(topics)), times, log.Ends)
}

// endsAt fills, for every partition of topics, its end offset at each
// time: the first offset written at or after it, or, where nothing was
// written since, its end now. The metadata is asked for once, not once a
// time as kadm's listing by time would.
func (c *Client) endsAt(ctx context.Context, topics []string, times []time.Time, into map[model.TopicPartition][]int64) error {
	md, err := c.adm.Metadata(ctx, topics...)
	if err != nil {
		return c.explain("list offsets by time", err)
	}
	now, err := c.listOffsets(ctx, md.Topics, listEnd)
	if err != nil && len(now) == 0 {
		return c.explain("list offsets by time", err)
	}
	for i, t := range times {
		listed, err := c.listOffsets(ctx, md.Topics, t.UnixMilli())
		if err != nil && len(listed) == 0 {
			return c.explain("list offsets by time", err)
		}
		listed.Each(func(o kadm.ListedOffset) {
			tp := model.TopicPartition{Topic: o.Topic, Partition: o.Partition}
			if into[tp] == nil {
				into[tp] = slices.Repeat([]int64{-1}, len(times))
			}
			switch end, ok := now.Lookup(o.Topic, o.Partition); {
			case o.Err != nil:
			case o.Offset >= 0:
				into[tp][i] = o.Offset
			case ok && end.Err == nil:
				into[tp][i] = end.Offset // nothing written since
			}
		})
	}
	return nil
}

// commitLogRange is, for each partition of the log of commits, the first
// offset written at or after since, and its end now.
func (c *Client) commitLogRange(ctx context.Context, since time.Time) (from, ends map[int32]int64, err error) {
	after, err := c.adm.ListOffsetsAfterMilli(ctx, since.UnixMilli(), commitsTopic)
	if err != nil && len(after) == 0 {
		return nil, nil, c.explain("list the log of commits", err)
	}
	end, err := c.adm.ListEndOffsets(ctx, commitsTopic)
	if err != nil && len(end) == 0 {
		return nil, nil, c.explain("list the log of commits", err)
	}
	from, ends = map[int32]int64{}, map[int32]int64{}
	end.Each(func(o kadm.ListedOffset) {
		if o.Err == nil && o.Topic == commitsTopic {
			ends[o.Partition] = o.Offset
		}
	})
	after.Each(func(o kadm.ListedOffset) {
		if o.Err == nil && o.Topic == commitsTopic {
			from[o.Partition] = o.Offset
		}
	})
	written := false
	for _, end := range ends {
		written = written || end > 0
	}
	if !written {
		// Never written: a stand-in topic (the demo has one, for its
		// looks), not Kafka's log. Read as a log, it would say that no
		// group committed in the whole span.
		return nil, nil, model.ErrNoCommitLog
	}
	return from, ends, nil
}

// readCommits reads each partition of the log from its offset to its end,
// keeping the wanted groups' commits, and reports whether it got to every
// end before ctx ended.
func (c *Client) readCommits(ctx context.Context, from, ends map[int32]int64, wanted map[string]bool, into map[string]map[model.TopicPartition][]model.Commit) bool {
	next := map[int32]int64{}
	offsets := map[int32]kgo.Offset{}
	for p, end := range ends {
		if start, ok := from[p]; ok && start < end {
			next[p] = start
			offsets[p] = kgo.NewOffset().At(start)
		}
	}
	if len(offsets) == 0 {
		return true
	}
	cl, err := kgo.NewClient(append(slices.Clone(c.base),
		kgo.ConsumePartitions(map[string]map[int32]kgo.Offset{commitsTopic: offsets}),
		kgo.ConsumeResetOffset(kgo.NoResetOffset()),
	)...)
	if err != nil {
		return false
	}
	defer cl.Close()
	for len(next) > 0 && ctx.Err() == nil {
		fs := cl.PollFetches(ctx)
		fs.EachRecord(func(r *kgo.Record) {
			if n, ok := next[r.Partition]; ok && r.Offset >= n {
				next[r.Partition] = r.Offset + 1
				addCommit(r, wanted, into)
			}
		})
		for p, n := range next {
			if n >= ends[p] {
				delete(next, p)
			}
		}
	}
	return len(next) == 0
}

// addCommit keeps a record of the log of commits if it is a commit of a
// wanted group: key versions 0 and 1 are offset commits, the others group
// metadata; a record without value is a deletion.
func addCommit(r *kgo.Record, wanted map[string]bool, into map[string]map[model.TopicPartition][]model.Commit) {
	var key kmsg.OffsetCommitKey
	if len(r.Key) < 2 || r.Value == nil || key.ReadFrom(r.Key) != nil || key.Version > 1 || !wanted[key.Group] {
		return
	}
	var value kmsg.OffsetCommitValue
	if value.ReadFrom(r.Value) != nil {
		return
	}
	at := value.CommitTimestamp
	if at <= 0 {
		at = r.Timestamp.UnixMilli()
	}
	tp := model.TopicPartition{Topic: key.Topic, Partition: key.Partition}
	if into[key.Group] == nil {
		into[key.Group] = map[model.TopicPartition][]model.Commit{}
	}
	into[key.Group][tp] = append(into[key.Group][tp], model.Commit{At: at, Offset: value.Offset})
}
