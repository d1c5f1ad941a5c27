package kafka

import (
	"context"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kmsg"
)

// nameAssignments gives the named KIP-848 groups' member assignments their
// topics' names where the broker gave topic IDs alone (kfake does, and
// the protocol allows it): kadm keys them all by "", so one topic seemed
// to hold every partition, with no watermarks. The groups are described
// again, raw, and the IDs named from the cluster's metadata; an ID no
// topic has (deleted since) stays unnamed.
func (c *Client) nameAssignments(ctx context.Context, described kadm.DescribedConsumerGroups, names []string) {
	var unnamed []string
	for _, name := range names {
		for _, m := range described[name].Members {
			if _, ok := m.Assignment[""]; ok {
				unnamed = append(unnamed, name)
				break
			}
		}
	}
	if len(unnamed) == 0 {
		return
	}
	ids, err := c.topicNamesByID(ctx)
	if err != nil {
		return
	}
	req := kmsg.NewPtrConsumerGroupDescribeRequest()
	req.Groups = unnamed
	for _, shard := range c.kgo.RequestSharded(ctx, req) {
		resp, ok := shard.Resp.(*kmsg.ConsumerGroupDescribeResponse)
		if shard.Err != nil || !ok {
			continue
		}
		for _, rg := range resp.Groups {
			d, ok := described[rg.Group]
			if !ok {
				continue
			}
			for _, rm := range rg.Members {
				for i := range d.Members {
					if d.Members[i].MemberID == rm.MemberID {
						d.Members[i].Assignment = namedTopics(rm.Assignment.TopicPartitions, ids)
					}
				}
			}
			described[rg.Group] = d
		}
	}
}

// namedTopics is an assignment keyed by topic name, an ID standing in for
// a name the broker left out.
func namedTopics(tps []kmsg.AssignmentTopicPartition, ids map[[16]byte]string) kadm.TopicsSet {
	out := make(kadm.TopicsSet)
	for _, tp := range tps {
		name := tp.Topic
		if name == "" {
			name = ids[tp.TopicID]
		}
		out.Add(name, tp.Partitions...)
	}
	return out
}

// topicNamesByID maps every topic's ID to its name, from one metadata
// answer of the topics alone (no partitions are needed, but the request
// has no way to leave them out).
func (c *Client) topicNamesByID(ctx context.Context) (map[[16]byte]string, error) {
	resp, err := c.askAnyBroker(ctx, kmsg.NewPtrMetadataRequest())
	if err != nil {
		return nil, err
	}
	out := make(map[[16]byte]string, len(resp.Topics))
	for _, t := range resp.Topics {
		if t.Topic != nil {
			out[t.TopicID] = *t.Topic
		}
	}
	return out, nil
}
