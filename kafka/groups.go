package kafka

import (
	"context"
	"fmt"
	"sort"

	"github.com/twmb/franz-go/pkg/kadm"

	"github.com/kscope/kscope/model"
)

// Groups describes the named consumer groups, or every group when none is
// named, with their members and their lag on every partition they commit
// to or are assigned, sorted by name. It asks in batches (describe all,
// fetch all commits, list all end offsets), not once per group. A group
// that cannot be described comes back with Err set.
func (c *Client) Groups(ctx context.Context, names ...string) ([]model.Group, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	lags, err := c.adm.Lag(ctx, names...)
	if err != nil {
		return nil, c.explain("describe groups", err)
	}
	out := make([]model.Group, 0, len(lags))
	for _, l := range lags {
		out = append(out, c.groupOf(l))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

func (c *Client) groupOf(l kadm.DescribedGroupLag) model.Group {
	g := model.Group{Name: l.Group, State: l.State, Protocol: l.Protocol, ProtocolType: l.ProtocolType}
	if err := l.Error(); err != nil {
		g.Err = c.explain(fmt.Sprintf("group %q", l.Group), err)
		return g
	}
	byID := make(map[string]int, len(l.Members))
	for _, m := range l.Members {
		member := model.GroupMember{ID: m.MemberID, ClientID: m.ClientID, Host: m.ClientHost}
		if a, ok := m.Assigned.AsConsumer(); ok {
			for _, t := range a.Topics {
				for _, p := range t.Partitions {
					member.Assigned = append(member.Assigned, model.TopicPartition{Topic: t.Topic, Partition: p})
				}
			}
		}
		byID[m.MemberID] = len(g.Members)
		g.Members = append(g.Members, member)
	}
	for _, ps := range l.Lag {
		for _, p := range ps {
			pl := model.PartitionLag{
				TopicPartition: model.TopicPartition{Topic: p.Topic, Partition: p.Partition},
				Committed:      p.Commit.At,
				End:            -1,
				Lag:            p.Lag,
				Err:            p.Err,
			}
			if p.End.Err == nil {
				pl.End = p.End.Offset
			}
			// kadm counts a partition without a commit as lagging by all it
			// holds; say instead that there is no commit.
			if pl.Committed < 0 {
				pl.Committed, pl.Lag = -1, -1
			}
			if p.Member != nil {
				if i, ok := byID[p.Member.MemberID]; ok {
					pl.Member = &g.Members[i]
				}
			}
			g.Partitions = append(g.Partitions, pl)
		}
	}
	model.SortPartitions(g.Partitions)
	return g
}
