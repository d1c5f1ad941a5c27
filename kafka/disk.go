package kafka

import (
	"context"

	"github.com/twmb/franz-go/pkg/kadm"

	"github.com/kscope/kscope/model"
)

// DiskUsage asks every broker for its log dirs and the size of each
// replica in them (DescribeLogDirs, one request per broker): of every
// replica, or of the given topics' alone, when the dirs' Used counts only
// theirs. A broker that does not answer is listed in Unanswered; the
// others still count.
func (c *Client) DiskUsage(ctx context.Context, of ...model.Topic) (model.DiskUsage, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	var set kadm.TopicsSet // nil: all
	for _, t := range of {
		for _, p := range t.Partitions {
			set.Add(t.Name, p.ID)
		}
	}
	if len(of) > 0 && len(set) == 0 {
		return model.DiskUsage{}, nil // nothing to size: not every replica
	}
	all, err := c.adm.DescribeAllLogDirs(ctx, set)
	if err != nil && len(all) == 0 {
		return model.DiskUsage{}, c.explain("describe log dirs", err)
	}
	var out model.DiskUsage
	if se, ok := err.(*kadm.ShardErrors); ok {
		out.Unanswered = map[int32]error{}
		for _, e := range se.Errs {
			out.Unanswered[e.Broker.NodeID] = c.explain("describe log dirs", e.Err)
		}
	}
	all.Each(func(d kadm.DescribedLogDir) {
		dir := model.LogDir{Broker: d.Broker, Path: d.Dir, Total: d.TotalBytes, Usable: d.UsableBytes, Err: d.Err}
		d.Topics.Each(func(p kadm.DescribedLogDirPartition) {
			dir.Used += p.Size
			out.AddReplica(model.TopicPartition{Topic: p.Topic, Partition: p.Partition}, d.Broker, p.Size)
		})
		out.Dirs = append(out.Dirs, dir)
	})
	out.SortDirs()
	return out, nil
}
