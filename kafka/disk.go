package kafka

import (
	"context"

	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kscope/kscope/model"
)

// DiskUsage asks every broker for its log dirs and the size of each
// replica in them (DescribeLogDirs, one request per broker): of every
// replica, or of the given topics' alone, when the dirs' Used counts only
// theirs. A broker that does not answer is listed in Unanswered; the
// others still count.
//
// The answers are read as they come, not through kadm, whose maps of
// every replica (and their sorted walk) were most of the cost on 100,000
// partitions.
func (c *Client) DiskUsage(ctx context.Context, of ...model.Topic) (model.DiskUsage, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	req := kmsg.NewPtrDescribeLogDirsRequest() // nil Topics: every replica
	for _, t := range of {
		rt := kmsg.NewDescribeLogDirsRequestTopic()
		rt.Topic = t.Name
		for _, p := range t.Partitions {
			rt.Partitions = append(rt.Partitions, p.ID)
		}
		if len(rt.Partitions) > 0 {
			req.Topics = append(req.Topics, rt)
		}
	}
	if len(of) > 0 && len(req.Topics) == 0 {
		return model.DiskUsage{}, nil // nothing to size: not every replica
	}
	var out model.DiskUsage
	var firstErr error
	answered := false
	for _, shard := range c.kgo.RequestSharded(ctx, req) {
		err := shard.Err
		var resp *kmsg.DescribeLogDirsResponse
		if err == nil {
			resp = shard.Resp.(*kmsg.DescribeLogDirsResponse)
			err = kerr.ErrorForCode(resp.ErrorCode)
		}
		if err != nil {
			if out.Unanswered == nil {
				out.Unanswered = map[int32]error{}
			}
			out.Unanswered[shard.Meta.NodeID] = c.explain("describe log dirs", err)
			if firstErr == nil {
				firstErr = err
			}
			continue
		}
		answered = true
		broker := shard.Meta.NodeID
		for _, d := range resp.Dirs {
			dir := model.LogDir{Broker: broker, Path: d.Dir, Total: d.TotalBytes, Usable: d.UsableBytes, Err: kerr.ErrorForCode(d.ErrorCode)}
			for _, t := range d.Topics {
				for _, p := range t.Partitions {
					dir.Used = model.AddBytes(dir.Used, p.Size)
					out.AddReplica(model.TopicPartition{Topic: t.Topic, Partition: p.Partition}, broker, p.Size)
				}
			}
			out.Dirs = append(out.Dirs, dir)
		}
	}
	if !answered && firstErr != nil {
		return model.DiskUsage{}, c.explain("describe log dirs", firstErr)
	}
	out.SortDirs()
	return out, nil
}
