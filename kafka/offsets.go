package kafka

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"sync"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kscope/kscope/model"
)

// Special timestamps of a ListOffsets request.
const (
	listStart = -2 // the log start offset
	listEnd   = -1 // the high watermark
)

// fillWatermarks sets the start and end offsets of every partition of
// topics, listed at the same time, straight into them: no map of
// partitions is built on the way. kadm's listings would ask for the
// metadata again first, which on 100,000 partitions costs as much as the
// listing itself. Partial answers are kept (a partition whose leader is
// down shows no watermarks and says so); only a listing that learned
// nothing fails.
func (c *Client) fillWatermarks(ctx context.Context, topics []model.Topic) error {
	index := make(map[string]int, len(topics))
	for i, t := range topics {
		if t.Err == nil {
			index[t.Name] = i
		}
	}
	var startErr, endErr error
	var wg sync.WaitGroup
	// Each sets its own field of the partitions: no two goroutines write
	// the same memory.
	wg.Go(func() {
		startErr = c.listInto(ctx, topics, index, listStart, func(p *model.Partition, o int64) { p.Low = o })
	})
	endErr = c.listInto(ctx, topics, index, listEnd, func(p *model.Partition, o int64) { p.High = o })
	wg.Wait()
	if err := cmp.Or(startErr, endErr); err != nil {
		return err
	}
	for i := range topics {
		for j := range topics[i].Partitions {
			if p := &topics[i].Partitions[j]; p.Err == nil && (p.Low < 0 || p.High < 0) {
				p.Err = errWatermarks
			}
		}
	}
	return nil
}

var errWatermarks = errors.New("watermarks unavailable")

// Watermarks lists the watermarks of t's partitions anew, asking their
// leaders as t names them; all else about them stays as t has it. It is
// for the rows on screen of a topic of many partitions, whose metadata is
// too much to ask again at every refresh: a leader that moved is found
// through kgo, and the next whole listing shows the move.
func (c *Client) Watermarks(ctx context.Context, t model.Topic) (model.Topic, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	t.Partitions = slices.Clone(t.Partitions)
	for i := range t.Partitions {
		p := &t.Partitions[i]
		p.Low, p.High = -1, -1
		if errors.Is(p.Err, errWatermarks) {
			p.Err = nil
		}
	}
	if err := c.fillWatermarks(ctx, []model.Topic{t}); err != nil {
		return t, c.explain("list offsets", err)
	}
	return t, nil
}

// listInto lists one offset (listStart or listEnd) of every partition of
// topics and hands each to set. It fails only when it learned nothing.
//
// The requests go to each partition's leader as the metadata at hand
// names it. kgo would shard them itself, but only after fetching and
// caching the metadata of every topic again: on 100,000 partitions a
// second full answer and 40 MB kept. What a leader does not answer (it
// moved, or is down) is asked again through kgo, which finds the leader.
func (c *Client) listInto(ctx context.Context, topics []model.Topic, index map[string]int, timestamp int64, set func(*model.Partition, int64)) error {
	byLeader := map[int32]*kmsg.ListOffsetsRequest{}
	led := map[int32]int{} // of a topic's partitions, how many each broker leads
	for _, t := range topics {
		if t.Err != nil {
			continue
		}
		// The partitions are read field by field, by index: the other
		// listing, running beside this one, writes their other offset.
		clear(led)
		for j := range t.Partitions {
			led[t.Partitions[j].Leader]++
		}
		for j := range t.Partitions {
			leader := t.Partitions[j].Leader
			req := byLeader[leader]
			if req == nil {
				req = kmsg.NewPtrListOffsetsRequest()
				byLeader[leader] = req
			}
			addOffsetAsk(req, t.Name, t.Partitions[j].ID, timestamp, led[leader])
		}
	}
	answers := make([]offsetsAnswer, 0, len(byLeader))
	for leader, req := range byLeader {
		answers = append(answers, offsetsAnswer{leader: leader, req: req})
	}
	var wg sync.WaitGroup
	for i := range answers {
		a := &answers[i]
		if a.leader < 0 {
			continue // no leader: kgo finds one, below
		}
		wg.Go(func() {
			resp, err := c.kgo.Broker(int(a.leader)).RetriableRequest(ctx, a.req)
			a.err = err
			if err == nil {
				a.resp = resp.(*kmsg.ListOffsetsResponse)
			}
		})
	}
	wg.Wait()
	learned := false
	var firstErr error
	again := kmsg.NewPtrListOffsetsRequest()
	take := func(resp *kmsg.ListOffsetsResponse, retry bool) {
		for _, rt := range resp.Topics {
			i, ok := index[rt.Topic]
			if !ok {
				continue
			}
			for _, rp := range rt.Partitions {
				p := topics[i].Partition(rp.Partition)
				switch {
				case p == nil:
				case rp.ErrorCode == 0:
					set(p, rp.Offset)
					learned = true
				case retry:
					addOffsetAsk(again, rt.Topic, rp.Partition, timestamp, 1)
				}
			}
		}
	}
	for _, a := range answers {
		switch {
		case a.resp != nil:
			take(a.resp, true)
		default: // no leader known, or it did not answer: all of it again
			again.Topics = append(again.Topics, a.req.Topics...)
			firstErr = cmp.Or(firstErr, a.err)
		}
	}
	if len(again.Topics) > 0 {
		for _, shard := range c.kgo.RequestSharded(ctx, again) {
			if shard.Err != nil {
				firstErr = cmp.Or(firstErr, shard.Err)
				continue
			}
			take(shard.Resp.(*kmsg.ListOffsetsResponse), false)
		}
	}
	if !learned {
		return firstErr
	}
	return nil
}

// offsetsAnswer is one leader's answer to a ListOffsets request.
type offsetsAnswer struct {
	leader int32
	req    *kmsg.ListOffsetsRequest
	resp   *kmsg.ListOffsetsResponse
	err    error
}

// addOffsetAsk adds a partition to a request, under its topic when the
// topic's partitions come one after another, as they are added here; a
// topic new to the request gets room for room partitions.
func addOffsetAsk(req *kmsg.ListOffsetsRequest, topic string, partition int32, timestamp int64, room int) {
	if n := len(req.Topics); n == 0 || req.Topics[n-1].Topic != topic {
		rt := kmsg.NewListOffsetsRequestTopic()
		rt.Topic, rt.Partitions = topic, make([]kmsg.ListOffsetsRequestTopicPartition, 0, room)
		req.Topics = append(req.Topics, rt)
	}
	rp := kmsg.NewListOffsetsRequestTopicPartition()
	rp.Partition, rp.Timestamp = partition, timestamp
	last := &req.Topics[len(req.Topics)-1]
	last.Partitions = append(last.Partitions, rp)
}

// listOffsets sends one ListOffsets request for every partition of tds,
// which kgo shards to the partitions' leaders. Partial answers are kept,
// with the first error.
func (c *Client) listOffsets(ctx context.Context, tds kadm.TopicDetails, timestamp int64) (kadm.ListedOffsets, error) {
	req := kmsg.NewPtrListOffsetsRequest()
	for name, td := range tds {
		if td.Err != nil {
			continue
		}
		rt := kmsg.NewListOffsetsRequestTopic()
		rt.Topic = name
		for p := range td.Partitions {
			rp := kmsg.NewListOffsetsRequestTopicPartition()
			rp.Partition, rp.Timestamp = p, timestamp
			rt.Partitions = append(rt.Partitions, rp)
		}
		req.Topics = append(req.Topics, rt)
	}
	out := make(kadm.ListedOffsets, len(req.Topics))
	if len(req.Topics) == 0 {
		return out, nil
	}
	var firstErr error
	for _, shard := range c.kgo.RequestSharded(ctx, req) {
		if shard.Err != nil {
			if firstErr == nil {
				firstErr = shard.Err
			}
			continue
		}
		for _, t := range shard.Resp.(*kmsg.ListOffsetsResponse).Topics {
			ps := out[t.Topic]
			if ps == nil {
				ps = make(map[int32]kadm.ListedOffset, len(t.Partitions))
				out[t.Topic] = ps
			}
			for _, p := range t.Partitions {
				ps[p.Partition] = kadm.ListedOffset{Topic: t.Topic, Partition: p.Partition, Timestamp: p.Timestamp,
					Offset: p.Offset, LeaderEpoch: p.LeaderEpoch, Err: kerr.ErrorForCode(p.ErrorCode)}
			}
		}
	}
	return out, firstErr
}
