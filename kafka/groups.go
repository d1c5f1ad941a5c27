package kafka

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kscope/kscope/model"
)

// Groups describes the named groups, or every group when none is named,
// with their members and their lag on every partition they commit to or
// are assigned, sorted by name. It asks in batches (describe all, fetch
// all commits, list all end offsets), not once per group. A group that
// cannot be described comes back with Err set.
//
// Each kind of group has its own describe call, so the groups are listed
// first to learn their types (ListGroups v5+, Kafka 3.8+): classic groups
// go through DescribeGroups (kadm's Lag), KIP-848 consumer groups through
// ConsumerGroupDescribe, share groups (KIP-932) through ShareGroupDescribe
// and streams groups (KIP-1071) through StreamsGroupDescribe. A broker too
// old to say a type answers DescribeGroups with GROUP_ID_NOT_FOUND for a
// KIP-848 group, which is then described again as one.
func (c *Client) Groups(ctx context.Context, names ...string) ([]model.Group, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	types, err := c.groupTypes(ctx)
	if len(names) == 0 {
		if err != nil && len(types) == 0 {
			return nil, c.explain("list groups", err)
		}
		names = slices.Sorted(maps.Keys(types))
		if len(names) == 0 {
			return []model.Group{}, nil
		}
	}
	byType := map[string][]string{}
	for _, name := range names {
		byType[types[name]] = append(byType[types[name]], name)
	}
	var out []model.Group
	for typ, names := range byType {
		var gs []model.Group
		switch typ {
		case "consumer":
			gs = c.consumerGroups(ctx, names)
		case "share":
			gs = c.shareGroups(ctx, names)
		case "streams":
			gs = c.streamsGroups(ctx, names)
		default: // classic, unlisted, or a type this broker did not say
			if gs, err = c.classicGroups(ctx, names); err != nil {
				return nil, err
			}
		}
		out = append(out, gs...)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	c.fillOldest(ctx, out)
	return out, nil
}

// groupTypes lists every group with its type, lower case ("classic",
// "consumer", "share", "streams"); "" where the broker predates types.
// kadm's listing drops the type, so the request is made here.
func (c *Client) groupTypes(ctx context.Context) (map[string]string, error) {
	types := map[string]string{}
	var firstErr error
	for _, shard := range c.kgo.RequestSharded(ctx, kmsg.NewPtrListGroupsRequest()) {
		err := shard.Err
		if err == nil {
			resp := shard.Resp.(*kmsg.ListGroupsResponse)
			err = kerr.ErrorForCode(resp.ErrorCode)
			for _, g := range resp.Groups {
				types[g.Group] = strings.ToLower(g.GroupType)
			}
		}
		if err != nil && firstErr == nil {
			firstErr = err
		}
	}
	return types, firstErr
}

// classicGroups describes classic groups through kadm's Lag, and those
// the broker does not know as classic as KIP-848 consumer groups.
func (c *Client) classicGroups(ctx context.Context, names []string) ([]model.Group, error) {
	// kadm reuses the slice it is given.
	lags, err := c.adm.Lag(ctx, slices.Clone(names)...)
	if isAuthorization(err) {
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
		g, err := c.classicGroups(ctx, []string{name})
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
	if err != nil && len(described) == 0 {
		return c.failedGroups(names, err)
	}
	out := make([]model.Group, 0, len(names))
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
	starts, ends := c.watermarksOf(ctx, partitions)
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
	for _, m := range d.Members {
		member := model.GroupMember{ID: m.MemberID, ClientID: m.ClientID, Host: m.ClientHost, InstanceID: deref(m.InstanceID)}
		member.Assigned = assigned(m.Assignment)
		own(owner, member.Assigned, len(g.Members))
		g.Members = append(g.Members, member)
	}
	g.Partitions = partitionLags(committedOf(commits), owner, g.Members, starts, ends)
	return g
}

// assigned lists a member's partitions in order.
func assigned(s kadm.TopicsSet) []model.TopicPartition {
	var out []model.TopicPartition
	for topic, ps := range s {
		for p := range ps {
			out = append(out, model.TopicPartition{Topic: topic, Partition: p})
		}
	}
	model.SortTopicPartitions(out)
	return out
}

// own records member i as the owner of its partitions, unless another
// member already is (a share group's members share partitions).
func own(owner map[model.TopicPartition]int, tps []model.TopicPartition, i int) {
	for _, tp := range tps {
		if _, taken := owner[tp]; !taken {
			owner[tp] = i
		}
	}
}

// committedOf is a group's committed offset on each partition it has one.
func committedOf(commits kadm.FetchOffsetsResponse) map[model.TopicPartition]int64 {
	out := map[model.TopicPartition]int64{}
	commits.Fetched.Each(func(o kadm.OffsetResponse) {
		if o.Err == nil {
			out[model.TopicPartition{Topic: o.Topic, Partition: o.Partition}] = o.At
		}
	})
	return out
}

// partitionLags is a group's lag on every partition it has committed on
// or is assigned (owner: the index in members of who consumes it), in
// order.
func partitionLags(committed map[model.TopicPartition]int64, owner map[model.TopicPartition]int, members []model.GroupMember, starts, ends kadm.ListedOffsets) []model.PartitionLag {
	out := make([]model.PartitionLag, 0, len(committed)+len(owner))
	add := func(tp model.TopicPartition, at int64) {
		pl := model.LagAt(tp, at, offsetOf(starts, tp.Topic, tp.Partition), offsetOf(ends, tp.Topic, tp.Partition))
		if i, ok := owner[tp]; ok {
			pl.Member = &members[i]
		}
		out = append(out, pl)
	}
	for tp, at := range committed {
		add(tp, at)
	}
	for tp := range owner {
		if _, ok := committed[tp]; !ok {
			add(tp, -1) // assigned, never committed
		}
	}
	model.SortPartitions(out)
	return out
}

// watermarksOf lists the log start and end offsets of the topics in ps;
// on failure both are empty and the lag unknown (-1), members still shown.
func (c *Client) watermarksOf(ctx context.Context, ps kadm.TopicsSet) (starts, ends kadm.ListedOffsets) {
	if topics := ps.Topics(); len(topics) > 0 {
		starts, ends, _ = c.watermarks(ctx, topics)
	}
	return starts, ends
}
