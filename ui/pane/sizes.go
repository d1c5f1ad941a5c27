package pane

import (
	"context"
	"sync"

	"github.com/kscope/kscope/model"
)

// DiskUser tells what replicas take on the brokers' disks.
type DiskUser interface {
	DiskUsage(ctx context.Context) (model.DiskUsage, error)
}

// TopicLister describes topics: the named ones, or all.
type TopicLister interface {
	Topics(ctx context.Context, names ...string) ([]model.Topic, error)
}

// SizedTopics describes topics and, at the same time, when src can tell,
// what they take on disk. Sizes are a refinement: a cluster that refuses
// them (DescribeLogDirs needs DESCRIBE on the cluster) leaves them blank
// rather than failing the poll.
func SizedTopics(ctx context.Context, src TopicLister, names ...string) ([]model.Topic, error) {
	d, ok := src.(DiskUser)
	if !ok {
		return src.Topics(ctx, names...)
	}
	var usage model.DiskUsage
	var usageErr error
	var wg sync.WaitGroup
	wg.Go(func() { usage, usageErr = d.DiskUsage(ctx) })
	topics, err := src.Topics(ctx, names...)
	wg.Wait()
	if err == nil && usageErr == nil {
		usage.Fill(topics)
	}
	return topics, err
}

// Size is a size on disk, or "-" when the brokers did not say.
func Size(bytes int64, sized bool) string {
	if !sized {
		return "-"
	}
	return Bytes(int(bytes))
}
