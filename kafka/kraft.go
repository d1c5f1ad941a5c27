package kafka

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kscope/kscope/model"
)

// Features are the cluster's features, as a broker's ApiVersions answer
// gives them (what kafka-features.sh describe shows), sorted by name.
func (c *Client) Features(ctx context.Context) ([]model.Feature, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	req := kmsg.NewPtrApiVersionsRequest()
	req.ClientSoftwareName, req.ClientSoftwareVersion = "kscope", "1"
	resp, err := req.RequestWith(ctx, c.kgo)
	if err != nil {
		return nil, c.explain("describe features", err)
	}
	if err := kerr.ErrorForCode(resp.ErrorCode); err != nil {
		return nil, c.explain("describe features", err)
	}
	byName := map[string]*model.Feature{}
	for _, f := range resp.SupportedFeatures {
		// A feature the cluster has not finalized runs at level 0, as
		// kafka-features.sh says: ApiVersions leaves level 0 out.
		byName[f.Name] = &model.Feature{Name: f.Name, SupportedMin: f.MinVersion, SupportedMax: f.MaxVersion}
	}
	for _, f := range resp.FinalizedFeatures {
		if byName[f.Name] == nil {
			byName[f.Name] = &model.Feature{Name: f.Name}
		}
		byName[f.Name].Level = f.MaxVersionLevel
	}
	var out []model.Feature
	for _, f := range byName {
		out = append(out, *f)
	}
	slices.SortFunc(out, func(a, b model.Feature) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}

// Quorum is the KRaft controller quorum (DescribeQuorum, what
// kafka-metadata-quorum.sh describe shows).
func (c *Client) Quorum(ctx context.Context) (model.Quorum, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	req := kmsg.NewPtrDescribeQuorumRequest()
	t := kmsg.NewDescribeQuorumRequestTopic()
	t.Topic = "__cluster_metadata"
	p := kmsg.NewDescribeQuorumRequestTopicPartition()
	t.Partitions = append(t.Partitions, p)
	req.Topics = append(req.Topics, t)
	resp, err := req.RequestWith(ctx, c.kgo)
	if err != nil {
		return model.Quorum{}, c.explain("describe the quorum", err)
	}
	if err := kerr.ErrorForCode(resp.ErrorCode); err != nil {
		return model.Quorum{}, c.explain("describe the quorum", err)
	}
	if len(resp.Topics) != 1 || len(resp.Topics[0].Partitions) != 1 {
		return model.Quorum{}, fmt.Errorf("describe the quorum: the answer names no metadata partition")
	}
	part := resp.Topics[0].Partitions[0]
	if err := kerr.ErrorForCode(part.ErrorCode); err != nil {
		return model.Quorum{}, c.explain("describe the quorum", err)
	}
	q := model.Quorum{Leader: part.LeaderID, Epoch: part.LeaderEpoch, HighWatermark: part.HighWatermark}
	replicas := func(states []kmsg.DescribeQuorumResponseTopicPartitionReplicaState) []model.QuorumReplica {
		out := []model.QuorumReplica{}
		for _, s := range states {
			out = append(out, model.QuorumReplica{ID: s.ReplicaID, LogEndOffset: s.LogEndOffset, Lag: max(part.HighWatermark-s.LogEndOffset, 0),
				LastFetch: s.LastFetchTimestamp, LastCaughtUp: s.LastCaughtUpTimestamp})
		}
		return out
	}
	q.Voters, q.Observers = replicas(part.CurrentVoters), replicas(part.Observers)
	return q, nil
}
