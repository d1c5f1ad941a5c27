package pane

import (
	"context"

	"github.com/kscope/kscope/model"
)

// DiskUser tells what replicas take on the brokers' disks.
type DiskUser interface {
	DiskUsage(ctx context.Context) (model.DiskUsage, error)
}

// WithSizes fills the topics' sizes when src can tell them. Sizes are a
// refinement: a cluster that refuses them (DescribeLogDirs needs DESCRIBE
// on the cluster) leaves them blank rather than failing the poll.
func WithSizes(ctx context.Context, src any, topics []model.Topic) []model.Topic {
	if d, ok := src.(DiskUser); ok {
		if usage, err := d.DiskUsage(ctx); err == nil {
			usage.Fill(topics)
		}
	}
	return topics
}

// Size is a size on disk, or "-" when the brokers did not say.
func Size(bytes int64, sized bool) string {
	if !sized {
		return "-"
	}
	return Bytes(int(bytes))
}
