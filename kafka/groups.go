package kafka

import (
	"cmp"
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

// classicGroups describes classic groups and works out their lag as
// consumerGroups does, from their commits and the watermarks of what they
// are assigned or commit to. A group the broker does not know as classic
// is described again as a KIP-848 consumer group. (kadm's Lag did this in
// maps of maps, and listed each topic's metadata twice: on 5,000 groups a
// third of what a whole poll allocated.)
func (c *Client) classicGroups(ctx context.Context, names []string) ([]model.Group, error) {
	// kadm reuses the slice it is given.
	described, err := c.adm.DescribeGroups(ctx, slices.Clone(names)...)
	if isAuthorization(err) {
		// kadm fails the whole call when one group is denied.
		return c.groupsEach(ctx, names, err)
	}
	if err != nil && len(described) == 0 {
		return nil, c.explain("describe groups", err)
	}
	out := make([]model.Group, 0, len(names))
	var found, notClassic []string
	for _, name := range names {
		d, ok := described[name]
		switch {
		case !ok: // its coordinator did not answer
			out = append(out, model.Group{Name: name, Type: "classic", Err: c.groupError(name, cmp.Or(err, errNotDescribed))})
		case errors.Is(d.Err, kerr.GroupIDNotFound):
			notClassic = append(notClassic, name)
		case d.Err != nil:
			out = append(out, model.Group{Name: name, Type: "classic", Err: c.groupError(name, d.Err)})
		default:
			found = append(found, name)
		}
	}
	if len(found) > 0 {
		commits, marks := c.commitsAndMarks(ctx, found, func(name string) kadm.TopicsSet {
			d := described[name]
			return d.AssignedPartitions()
		})
		for _, name := range found {
			if isAuthorization(commits[name].err) {
				return c.groupsEach(ctx, names, commits[name].err)
			}
		}
		for _, name := range found {
			out = append(out, classicGroupOf(described[name], commits[name], marks))
		}
	}
	if len(notClassic) > 0 {
		out = append(out, c.consumerGroups(ctx, notClassic)...)
	}
	return out, nil
}

var errNotDescribed = errors.New("its coordinator did not describe it")

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

func classicGroupOf(d kadm.DescribedGroup, commits commits, marks watermarks) model.Group {
	g := model.Group{Name: d.Group, State: d.State, Protocol: d.Protocol, ProtocolType: d.ProtocolType, Type: "classic"}
	if commits.err != nil {
		g.Err = fmt.Errorf("group %q: fetch its commits: %w", d.Group, commits.err)
	}
	owner := make(map[model.TopicPartition]int)
	for _, m := range d.Members {
		member := model.GroupMember{ID: m.MemberID, ClientID: m.ClientID, Host: m.ClientHost, InstanceID: deref(m.InstanceID)}
		if a, ok := m.Assigned.AsConsumer(); ok {
			for _, t := range a.Topics {
				for _, p := range t.Partitions {
					member.Assigned = append(member.Assigned, model.TopicPartition{Topic: t.Topic, Partition: p})
				}
			}
		}
		own(owner, member.Assigned, len(g.Members))
		g.Members = append(g.Members, member)
	}
	g.Partitions = partitionLags(commits.at, owner, g.Members, marks)
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
	c.nameAssignments(ctx, described, found)
	commits, marks := c.commitsAndMarks(ctx, found, func(name string) kadm.TopicsSet {
		d := described[name]
		return d.AssignedPartitions()
	})
	for _, name := range found {
		out = append(out, consumerGroupOf(described[name], commits[name], marks))
	}
	return out
}

func consumerGroupOf(d kadm.DescribedConsumerGroup, commits commits, marks watermarks) model.Group {
	g := model.Group{Name: d.Group, State: d.State, Protocol: d.AssignorName, ProtocolType: "consumer", Type: "consumer"}
	if commits.err != nil {
		g.Err = fmt.Errorf("group %q: fetch its commits: %w", d.Group, commits.err)
	}
	owner := make(map[model.TopicPartition]int)
	for _, m := range d.Members {
		member := model.GroupMember{ID: m.MemberID, ClientID: m.ClientID, Host: m.ClientHost, InstanceID: deref(m.InstanceID)}
		member.Assigned = assigned(m.Assignment)
		own(owner, member.Assigned, len(g.Members))
		g.Members = append(g.Members, member)
	}
	g.Partitions = partitionLags(commits.at, owner, g.Members, marks)
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

// commits are a group's committed offsets by partition, or why they could
// not be fetched.
type commits struct {
	at  map[model.TopicPartition]int64
	err error
}

// addTo adds the partitions committed on to ps.
func (c commits) addTo(ps kadm.TopicsSet) {
	for tp := range c.at {
		ps.Add(tp.Topic, tp.Partition)
	}
}

// commitsAndMarks fetches the groups' commits, and the watermarks of
// every partition they commit to or are given (assigned, by name).
func (c *Client) commitsAndMarks(ctx context.Context, groups []string, assigned func(group string) kadm.TopicsSet) (map[string]commits, watermarks) {
	all := c.commitsOf(ctx, groups)
	partitions := make(kadm.TopicsSet)
	for _, g := range groups {
		partitions.Merge(assigned(g))
		all[g].addTo(partitions)
	}
	return all, c.watermarksOf(ctx, partitions)
}

// commitsOf fetches the named groups' commits, one request to each
// coordinator, read straight into kscope's maps: kadm's answer is a map of
// maps of offsets with their metadata, which on 5,000 groups was the most
// a whole poll allocated.
func (c *Client) commitsOf(ctx context.Context, groups []string) map[string]commits {
	out := make(map[string]commits, len(groups))
	if len(groups) == 0 {
		return out
	}
	req := kmsg.NewPtrOffsetFetchRequest()
	for _, g := range groups {
		rg := kmsg.NewOffsetFetchRequestGroup()
		rg.Group = g
		req.Groups = append(req.Groups, rg)
	}
	// kgo sends each coordinator its groups, one request a group to a
	// broker too old for many, and fills in topic names for topic IDs.
	for _, shard := range c.kgo.RequestSharded(ctx, req) {
		err := shard.Err
		var resp *kmsg.OffsetFetchResponse
		if err == nil {
			resp = shard.Resp.(*kmsg.OffsetFetchResponse)
			err = kerr.ErrorForCode(resp.ErrorCode)
		}
		if err != nil {
			for _, g := range shard.Req.(*kmsg.OffsetFetchRequest).Groups {
				out[g.Group] = commits{err: err}
			}
			continue
		}
		for _, g := range resp.Groups {
			gc := commits{at: make(map[model.TopicPartition]int64), err: kerr.ErrorForCode(g.ErrorCode)}
			for _, t := range g.Topics {
				for _, p := range t.Partitions {
					if p.ErrorCode == 0 {
						gc.at[model.TopicPartition{Topic: t.Topic, Partition: p.Partition}] = p.Offset
					}
				}
			}
			out[g.Group] = gc
		}
	}
	return out
}

// partitionLags is a group's lag on every partition it has committed on
// or is assigned (owner: the index in members of who consumes it), in
// order.
func partitionLags(committed map[model.TopicPartition]int64, owner map[model.TopicPartition]int, members []model.GroupMember, marks watermarks) []model.PartitionLag {
	out := make([]model.PartitionLag, 0, len(committed)+len(owner))
	add := func(tp model.TopicPartition, at int64) {
		start, end := marks.of(tp)
		pl := model.LagAt(tp, at, start, end)
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

// watermarks are some topics' partitions with their log start and end
// offsets, by topic name.
type watermarks map[string]*model.Topic

// of is a partition's start and end offsets, -1 each where unknown.
func (w watermarks) of(tp model.TopicPartition) (start, end int64) {
	if t := w[tp.Topic]; t != nil {
		if p := t.Partition(tp.Partition); p != nil {
			return p.Low, p.High
		}
	}
	return -1, -1
}

// watermarksOf lists the log start and end offsets of the topics in ps,
// as Topics does: from one metadata answer and each partition's leader.
// On failure they are unknown (-1), and the members are still shown.
func (c *Client) watermarksOf(ctx context.Context, ps kadm.TopicsSet) watermarks {
	names := ps.Topics()
	if len(names) == 0 {
		return nil
	}
	topics, err := c.describeTopics(ctx, names)
	if err != nil || c.fillWatermarks(ctx, topics) != nil {
		return nil
	}
	out := make(watermarks, len(topics))
	for i := range topics {
		if topics[i].Err == nil {
			out[topics[i].Name] = &topics[i]
		}
	}
	return out
}
