package kafka

import (
	"context"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kmsg"
)

// Special timestamps of a ListOffsets request.
const (
	listStart = -2 // the log start offset
	listEnd   = -1 // the high watermark
)

// knownWatermarks lists the start and end offsets of topics whose metadata
// is at hand. kadm's listings ask for the metadata again first, which on
// 100,000 partitions costs as much as the listing itself.
func (c *Client) knownWatermarks(ctx context.Context, tds kadm.TopicDetails) (starts, ends kadm.ListedOffsets, err error) {
	return bothOffsets(
		func() (kadm.ListedOffsets, error) { return c.listOffsets(ctx, tds, listStart) },
		func() (kadm.ListedOffsets, error) { return c.listOffsets(ctx, tds, listEnd) })
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
