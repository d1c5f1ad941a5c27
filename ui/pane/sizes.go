package pane

import (
	"context"
	"sync"

	"github.com/kscope/kscope/model"
)

// DiskUser tells what replicas take on the brokers' disks.
type DiskUser interface {
	DiskUsage(ctx context.Context, of ...model.Topic) (model.DiskUsage, error)
}

// TopicLister describes topics: the named ones, or all.
type TopicLister interface {
	Topics(ctx context.Context, names ...string) ([]model.Topic, error)
}

// SizedTopics describes topics and, when src can tell, what they take on
// disk. Sizes are a refinement: a cluster that refuses them
// (DescribeLogDirs needs DESCRIBE on the cluster) leaves them blank
// rather than failing the poll. Every topic is sized at the same time as
// it is described; named ones once they are, so that the brokers are asked
// for their replicas alone.
func SizedTopics(ctx context.Context, src TopicLister, names ...string) ([]model.Topic, error) {
	d, ok := src.(DiskUser)
	if !ok {
		return src.Topics(ctx, names...)
	}
	if len(names) == 0 {
		topics, usage, usageErr, err := TopicsAndDisks(ctx, src, d)
		if err == nil && usageErr == nil {
			usage.Fill(topics)
		}
		return topics, err
	}
	topics, err := src.Topics(ctx, names...)
	if err != nil {
		return nil, err
	}
	if usage, err := d.DiskUsage(ctx, topics...); err == nil {
		usage.Fill(topics)
	}
	return topics, nil
}

// TopicsAndDisks describes every topic and the brokers' log dirs at the
// same time, each with its own error: usageErr the log dirs', err the
// topics'.
func TopicsAndDisks(ctx context.Context, t TopicLister, d DiskUser) (topics []model.Topic, usage model.DiskUsage, usageErr, err error) {
	var wg sync.WaitGroup
	wg.Go(func() { usage, usageErr = d.DiskUsage(ctx) })
	topics, err = t.Topics(ctx)
	wg.Wait()
	return topics, usage, usageErr, err
}

// Size is a size on disk, or "-" when the brokers did not say.
func Size(bytes int64, sized bool) string {
	if !sized {
		return "-"
	}
	return Bytes(int(bytes))
}

// Placer tells where topics' replicas are and which brokers there are.
type Placer interface {
	TopicLister
	Cluster(ctx context.Context) (model.Cluster, error)
}

// Placement is what a reassignment plans from: the named topics, or all
// but the internal ones, sized where the brokers say, and the cluster's
// brokers. A topic that cannot be described fails it.
func Placement(ctx context.Context, src Placer, names ...string) ([]model.Topic, []model.Broker, error) {
	cluster, err := src.Cluster(ctx)
	if err != nil {
		return nil, nil, err
	}
	topics, err := SizedTopics(ctx, src, names...)
	if err != nil {
		return nil, nil, err
	}
	kept := topics[:0]
	for _, t := range topics {
		if t.Err != nil {
			return nil, nil, t.Err
		}
		if len(names) > 0 || !t.Internal {
			kept = append(kept, t)
		}
	}
	return kept, cluster.Brokers, nil
}
