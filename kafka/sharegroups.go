package kafka

import (
	"context"
	"errors"
	"fmt"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"

	"github.com/kscope/kscope/model"
)

// shareGroups describes share groups (KIP-932, queues): members share
// partitions, and instead of a committed offset each partition has a
// share-partition start offset, below which every record is acknowledged.
// The lag is what the broker counts as not yet acknowledged past it
// (DescribeShareGroupOffsets v1, Kafka 4.2+), or the end minus the start
// offset from brokers that do not count; the end less that lag stands in
// for the commit.
func (c *Client) shareGroups(ctx context.Context, names []string) []model.Group {
	described, err := c.adm.DescribeShareGroups(ctx, names...)
	if err != nil && len(described) == 0 {
		return c.failedGroups(names, err)
	}
	offsets, offErr := c.adm.DescribeShareGroupOffsets(ctx, names...)
	partitions := make(kadm.TopicsSet)
	for _, name := range names {
		d := described[name]
		partitions.Merge(d.AssignedPartitions())
		o := offsets[name]
		for topic, ps := range o.Offsets {
			for p := range ps {
				partitions.Add(topic, p)
			}
		}
	}
	marks := c.watermarksOf(ctx, partitions)
	out := make([]model.Group, 0, len(names))
	for _, name := range names {
		d, ok := described[name]
		switch {
		case !ok || errors.Is(d.Err, kerr.GroupIDNotFound):
			out = append(out, model.Group{Name: name, State: "Dead", Type: "share"})
			continue
		case d.Err != nil:
			out = append(out, model.Group{Name: name, Type: "share", Err: c.groupError(name, d.Err)})
			continue
		}
		g := shareGroupOf(d, offsets[name], marks)
		if offErr != nil && g.Err == nil && len(offsets) == 0 {
			g.Err = fmt.Errorf("group %q: describe its share offsets: %w", name, offErr)
		}
		out = append(out, g)
	}
	return out
}

func shareGroupOf(d kadm.DescribedShareGroup, offsets kadm.DescribedShareGroupOffsets, marks watermarks) model.Group {
	g := model.Group{Name: d.GroupID, State: d.GroupState, Protocol: d.Assignor, ProtocolType: "share", Type: "share"}
	if offsets.Err != nil {
		g.Err = fmt.Errorf("group %q: describe its share offsets: %w", d.GroupID, offsets.Err)
	}
	owner := make(map[model.TopicPartition]int)
	for _, m := range d.Members {
		member := model.GroupMember{ID: m.MemberID, ClientID: m.ClientID, Host: m.ClientHost, Assigned: assigned(m.Assignment)}
		own(owner, member.Assigned, len(g.Members))
		g.Members = append(g.Members, member)
	}
	started := map[model.TopicPartition]int64{}
	unacked := map[model.TopicPartition]int64{}
	for topic, ps := range offsets.Offsets {
		for p, o := range ps {
			tp := model.TopicPartition{Topic: topic, Partition: p}
			if o.Err != nil || o.StartOffset < 0 { // not initialised: nothing delivered yet
				continue
			}
			started[tp] = o.StartOffset
			if o.Lag >= 0 {
				unacked[tp] = o.Lag
			}
		}
	}
	g.Partitions = partitionLags(started, owner, g.Members, marks)
	for i, p := range g.Partitions {
		if n, ok := unacked[p.TopicPartition]; ok && p.End >= 0 && p.Lost == 0 {
			// Apache Kafka moves the start offset lazily (it stayed
			// put for minutes with every record acknowledged), while
			// its count of what is unacknowledged is exact. The
			// group's position is taken to be the end less that
			// count, so lag, trend and time behind all follow it.
			g.Partitions[i] = model.LagAt(p.TopicPartition, max(p.End-n, p.Committed), p.Start, p.End)
			g.Partitions[i].Member = p.Member
		}
	}
	return g
}

// failedGroups is each named group with the error that hid them all.
func (c *Client) failedGroups(names []string, err error) []model.Group {
	out := make([]model.Group, 0, len(names))
	for _, name := range names {
		out = append(out, model.Group{Name: name, Err: c.groupError(name, err)})
	}
	return out
}
