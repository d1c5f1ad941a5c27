package kafka

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kscope/kscope/model"
)

// streamsGroups describes streams groups (KIP-1071, Kafka Streams on the
// broker-side rebalance protocol, Kafka 4.1+). Their members own tasks, a
// subtopology and a partition number, which stand for that partition of
// each of the subtopology's source topics; their commits are ordinary
// offset commits. kadm has no call for them, so each group's coordinator
// is asked directly.
func (c *Client) streamsGroups(ctx context.Context, names []string) []model.Group {
	described := c.describeStreamsGroups(ctx, names)
	commits, marks := c.commitsAndMarks(ctx, names, func(name string) kadm.TopicsSet {
		tasks := make(kadm.TopicsSet)
		for _, tp := range described[name].tasks {
			tasks.Add(tp.Topic, tp.Partition)
		}
		return tasks
	})
	out := make([]model.Group, 0, len(names))
	for _, name := range names {
		d := described[name]
		switch {
		case errors.Is(d.err, kerr.GroupIDNotFound):
			out = append(out, model.Group{Name: name, State: "Dead", Type: "streams"})
			continue
		case d.err != nil:
			out = append(out, model.Group{Name: name, Type: "streams", Err: c.groupError(name, d.err)})
			continue
		}
		g := d.group
		if err := commits[name].err; err != nil {
			g.Err = fmt.Errorf("group %q: fetch its commits: %w", name, err)
		}
		owner := map[model.TopicPartition]int{}
		for i, m := range g.Members {
			own(owner, m.Assigned, i)
		}
		g.Partitions = partitionLags(commits[name].at, owner, g.Members, marks)
		out = append(out, g)
	}
	return out
}

// describedStreams is a streams group as its coordinator describes it:
// everything but its lag, or why it could not be described.
type describedStreams struct {
	group model.Group
	tasks []model.TopicPartition // every active task's partitions
	err   error
}

// describeStreamsGroups asks each group's coordinator for its groups.
func (c *Client) describeStreamsGroups(ctx context.Context, names []string) map[string]describedStreams {
	out := make(map[string]describedStreams, len(names))
	byBroker := map[int32][]string{}
	for name, co := range c.adm.FindGroupCoordinators(ctx, names...) {
		if co.Err != nil {
			out[name] = describedStreams{err: co.Err}
			continue
		}
		byBroker[co.NodeID] = append(byBroker[co.NodeID], name)
	}
	for node, groups := range byBroker {
		req := kmsg.NewPtrStreamsGroupDescribeRequest()
		req.Groups = groups
		resp, err := req.RequestWith(ctx, c.kgo.Broker(int(node)))
		if err != nil {
			for _, name := range groups {
				out[name] = describedStreams{err: err}
			}
			continue
		}
		for _, g := range resp.Groups {
			out[g.Group] = streamsGroupOf(g)
		}
	}
	for _, name := range names {
		if _, ok := out[name]; !ok {
			out[name] = describedStreams{err: kerr.GroupIDNotFound}
		}
	}
	return out
}

func streamsGroupOf(g kmsg.StreamsGroupDescribeResponseGroup) describedStreams {
	if err := kerr.ErrorForCode(g.ErrorCode); err != nil {
		return describedStreams{err: err}
	}
	// A task is a subtopology and a partition number: that partition of
	// every topic the subtopology reads.
	sources := map[string][]string{}
	if g.Topology != nil {
		for _, st := range g.Topology.Subtopologies {
			sources[st.SubtopologyID] = slices.Concat(st.SourceTopics, topicNames(st.RepartitionSourceTopics))
		}
	}
	d := describedStreams{group: model.Group{Name: g.Group, State: g.State, ProtocolType: "streams", Type: "streams"}}
	for _, m := range g.Members {
		member := model.GroupMember{ID: m.MemberID, ClientID: m.ClientID, Host: m.ClientHost, InstanceID: deref(m.InstanceID)}
		for _, task := range m.Assignment.ActiveTasks {
			for _, topic := range sources[task.SubtopologyID] {
				for _, p := range task.Partitions {
					member.Assigned = append(member.Assigned, model.TopicPartition{Topic: topic, Partition: p})
				}
			}
		}
		model.SortTopicPartitions(member.Assigned)
		d.tasks = append(d.tasks, member.Assigned...)
		d.group.Members = append(d.group.Members, member)
	}
	return d
}

func topicNames(ts []kmsg.TopicInfo) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.Topic
	}
	return out
}
