package kafka

import (
	"context"
	"errors"
	"fmt"
	"sort"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"

	"github.com/kscope/kscope/model"
)

// Groups describes the named consumer groups, or every group when none is
// named, with their members and their lag on every partition they commit
// to or are assigned, sorted by name. It asks in batches (describe all,
// fetch all commits, list all end offsets), not once per group. A group
// that cannot be described comes back with Err set.
//
// Classic groups are described with DescribeGroups (through kadm's Lag).
// Groups on the KIP-848 consumer protocol are not classic: the broker
// answers DescribeGroups for them with GROUP_ID_NOT_FOUND, so they are
// described again with ConsumerGroupDescribe.
func (c *Client) Groups(ctx context.Context, names ...string) ([]model.Group, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	if len(names) == 0 {
		// Listed by name: kadm's describe-all drops groups that
		// DescribeGroups does not know, which KIP-848 groups are.
		listed, err := c.adm.ListGroups(ctx)
		if err != nil && len(listed) == 0 {
			return nil, c.explain("list groups", err)
		}
		if names = listed.Groups(); len(names) == 0 {
			return []model.Group{}, nil
		}
	}
	// kadm reuses the slice it is given.
	lags, err := c.adm.Lag(ctx, append([]string(nil), names...)...)
	if isAuthorization(err) && len(names) > 0 {
		// kadm fails the whole call when one group is denied.
		return c.groupsEach(ctx, names, err)
	}
	if err != nil {
		return nil, c.explain("describe groups", err)
	}
	out := make([]model.Group, 0, len(lags))
	var notClassic []string
	for _, l := range lags {
		if errors.Is(l.DescribeErr, kerr.GroupIDNotFound) {
			notClassic = append(notClassic, l.Group)
			continue
		}
		out = append(out, c.groupOf(l))
	}
	if len(notClassic) > 0 {
		out = append(out, c.consumerGroups(ctx, notClassic)...)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	c.fillOldest(ctx, out)
	return out, nil
}

// groupsEach describes groups one by one, so that a group the cluster
// denies does not hide the others. denied is the error of the whole call.
func (c *Client) groupsEach(ctx context.Context, names []string, denied error) ([]model.Group, error) {
	if len(names) == 1 {
		return []model.Group{{Name: names[0], Err: c.groupError(names[0], denied)}}, nil
	}
	var out []model.Group
	for _, name := range names {
		g, err := c.Groups(ctx, name)
		if err != nil {
			return nil, err
		}
		out = append(out, g...)
	}
	return out, nil
}

func (c *Client) groupOf(l kadm.DescribedGroupLag) model.Group {
	g := model.Group{Name: l.Group, State: l.State, Protocol: l.Protocol, ProtocolType: l.ProtocolType, Type: "classic"}
	if err := l.Error(); err != nil {
		g.Err = c.groupError(l.Group, err)
		return g
	}
	byID := make(map[string]int, len(l.Members))
	for _, m := range l.Members {
		member := model.GroupMember{ID: m.MemberID, ClientID: m.ClientID, Host: m.ClientHost, InstanceID: deref(m.InstanceID)}
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
			pl := model.LagAt(model.TopicPartition{Topic: p.Topic, Partition: p.Partition},
				p.Commit.At, listed(p.Start), listed(p.End))
			pl.Err = p.Err
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

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// listed is a listed offset, or -1 when it could not be listed.
func listed(o kadm.ListedOffset) int64 {
	if o.Err != nil {
		return -1
	}
	return o.Offset
}

// consumerGroups describes KIP-848 groups and works out their lag from
// their commits and the watermarks of what they are assigned or commit
// to. A name that is no group of either kind comes back Dead and empty,
// as a classic describe reports it.
func (c *Client) consumerGroups(ctx context.Context, names []string) []model.Group {
	described, err := c.adm.DescribeConsumerGroups(ctx, names...)
	out := make([]model.Group, 0, len(names))
	if err != nil && len(described) == 0 {
		for _, name := range names {
			out = append(out, model.Group{Name: name, Err: c.groupError(name, err)})
		}
		return out
	}
	var found []string
	for _, name := range names {
		d, ok := described[name]
		switch {
		case !ok || errors.Is(d.Err, kerr.GroupIDNotFound):
			out = append(out, model.Group{Name: name, State: "Dead"})
		case d.Err != nil:
			out = append(out, model.Group{Name: name, Err: c.groupError(name, d.Err)})
		default:
			found = append(found, name)
		}
	}
	if len(found) == 0 {
		return out
	}
	commits := c.adm.FetchManyOffsets(ctx, found...)
	partitions := make(kadm.TopicsSet)
	for _, name := range found {
		d := described[name]
		partitions.Merge(d.AssignedPartitions())
		if r, ok := commits[name]; ok && r.Err == nil {
			r.Fetched.Each(func(o kadm.OffsetResponse) { partitions.Add(o.Topic, o.Partition) })
		}
	}
	var starts, ends kadm.ListedOffsets
	if topics := partitions.Topics(); len(topics) > 0 {
		// On failure the lag is unknown (-1); members are still shown.
		starts, ends, _ = c.watermarks(ctx, topics)
	}
	for _, name := range found {
		out = append(out, consumerGroupOf(described[name], commits[name], starts, ends))
	}
	return out
}

func consumerGroupOf(d kadm.DescribedConsumerGroup, commits kadm.FetchOffsetsResponse, starts, ends kadm.ListedOffsets) model.Group {
	g := model.Group{Name: d.Group, State: d.State, Protocol: d.AssignorName, ProtocolType: "consumer", Type: "consumer"}
	if commits.Err != nil {
		g.Err = fmt.Errorf("group %q: fetch its commits: %w", d.Group, commits.Err)
	}
	owner := make(map[model.TopicPartition]int)
	for i, m := range d.Members {
		member := model.GroupMember{ID: m.MemberID, ClientID: m.ClientID, Host: m.ClientHost, InstanceID: deref(m.InstanceID)}
		for topic, ps := range m.Assignment {
			for p := range ps {
				tp := model.TopicPartition{Topic: topic, Partition: p}
				member.Assigned = append(member.Assigned, tp)
				owner[tp] = i
			}
		}
		sort.Slice(member.Assigned, func(a, b int) bool {
			x, y := member.Assigned[a], member.Assigned[b]
			return x.Topic < y.Topic || x.Topic == y.Topic && x.Partition < y.Partition
		})
		g.Members = append(g.Members, member)
	}
	seen := make(map[model.TopicPartition]bool)
	add := func(tp model.TopicPartition, committed int64) {
		if seen[tp] {
			return
		}
		seen[tp] = true
		pl := model.LagAt(tp, committed, offsetOf(starts, tp.Topic, tp.Partition), offsetOf(ends, tp.Topic, tp.Partition))
		if i, ok := owner[tp]; ok {
			pl.Member = &g.Members[i]
		}
		g.Partitions = append(g.Partitions, pl)
	}
	commits.Fetched.Each(func(o kadm.OffsetResponse) {
		if o.Err == nil {
			add(model.TopicPartition{Topic: o.Topic, Partition: o.Partition}, o.At)
		}
	})
	for tp := range owner {
		add(tp, -1) // assigned, never committed
	}
	model.SortPartitions(g.Partitions)
	return g
}
