// Package report is the shape of what kscope tells a machine: topics and
// consumer groups as `kscope topics -o json` and `kscope lag -o json`
// print them and the MCP server returns them. They are documented
// interfaces, so their fields only ever grow.
package report

import (
	"time"

	"github.com/kscope/kscope/model"
)

// Topic is one topic.
type Topic struct {
	Name              string `json:"name"`
	Partitions        int    `json:"partitions"`
	ReplicationFactor int    `json:"replication_factor"`
	Messages          int64  `json:"messages"`
	UnderReplicated   int    `json:"under_replicated"`
	Internal          bool   `json:"internal"`
	// SizeBytes is what the topic's leader replicas take on disk,
	// ReplicasSizeBytes what all its replicas take; null when the brokers
	// did not say (DescribeLogDirs needs DESCRIBE on the cluster).
	SizeBytes         *int64 `json:"size_bytes"`
	ReplicasSizeBytes *int64 `json:"replicas_size_bytes"`
	Error             string `json:"error,omitempty"`
}

// Topics reports topics.
func Topics(topics []model.Topic) []Topic {
	out := make([]Topic, len(topics))
	for i, t := range topics {
		out[i] = Topic{
			Name:              t.Name,
			Partitions:        len(t.Partitions),
			ReplicationFactor: t.ReplicationFactor(),
			Messages:          t.Messages(),
			UnderReplicated:   t.UnderReplicated(),
			Internal:          t.Internal,
		}
		if leaders, replicas, sized := t.Bytes(); sized {
			out[i].SizeBytes, out[i].ReplicasSizeBytes = &leaders, &replicas
		}
		if t.Err != nil {
			out[i].Error = t.Err.Error()
		}
	}
	return out
}

// Group is one consumer group, judged.
type Group struct {
	Group    string `json:"group"`
	State    string `json:"state"`
	Type     string `json:"type,omitempty"` // classic, consumer (KIP-848), share (KIP-932) or streams (KIP-1071)
	Members  int    `json:"members"`
	TotalLag int64  `json:"total_lag"`
	// UncommittedRecords are what the partitions it is assigned but never
	// committed on hold: not in total_lag, which has no commit to count
	// them from.
	UncommittedRecords int64            `json:"uncommitted_records,omitempty"`
	TimeLagMs          *int64           `json:"time_lag_ms"`              // the oldest unread record's age; null when caught up or unknown
	TimeLagStale       bool             `json:"time_lag_stale,omitempty"` // time_lag_ms is an upper bound, from an earlier commit
	Status             string           `json:"status"`
	Judging            bool             `json:"judging,omitempty"`      // OK for want of evidence: too few samples yet
	ConsumeRate        *float64         `json:"consume_rate,omitempty"` // records/s, when watched
	ProduceRate        *float64         `json:"produce_rate,omitempty"`
	Error              string           `json:"error,omitempty"`
	Partitions         []GroupPartition `json:"partitions"`
}

// GroupPartition is a group's position on one partition. Committed and
// lag are null where the group has committed nothing.
type GroupPartition struct {
	Topic     string `json:"topic"`
	Partition int32  `json:"partition"`
	Committed *int64 `json:"committed"`
	End       *int64 `json:"end"`
	Lag       *int64 `json:"lag"`
	// LogStart and Lost tell an expired commit: retention removed Lost
	// records the group never read, and Lag counts only what remains.
	LogStart *int64 `json:"log_start"`
	Lost     int64  `json:"lost_to_retention"`
	// TimeLagMs is how old the oldest unread record is; OldestMs its
	// timestamp. Null when caught up or unknown.
	TimeLagMs *int64 `json:"time_lag_ms"`
	// TimeLagStale: the poll's budget of fetches ran out, and time_lag_ms
	// comes from an earlier commit, an upper bound.
	TimeLagStale bool   `json:"time_lag_stale,omitempty"`
	OldestMs     *int64 `json:"oldest_unread_timestamp_ms"`
}

// Groups reports judged groups as of now; with rates, their consume and
// produce rates too.
func Groups(groups []model.JudgedGroup, now time.Time, rates bool) []Group {
	out := make([]Group, len(groups))
	for i, j := range groups {
		g := Group{
			Group: j.Name, State: j.State, Type: j.Type, Members: len(j.Members), TotalLag: j.Verdict.Lag,
			TimeLagMs: millis(j.Behind(now)), TimeLagStale: j.BehindStale(now), Status: j.Verdict.Status.String(), Judging: j.Verdict.Judging,
			Partitions: []GroupPartition{},
		}
		g.UncommittedRecords, _ = j.Uncommitted()
		if rates {
			g.ConsumeRate, g.ProduceRate = &j.Verdict.ConsumeRate, &j.Verdict.ProduceRate
		}
		if j.Err != nil {
			g.Error, g.Status = j.Err.Error(), "ERROR"
		}
		for _, p := range j.Partitions {
			g.Partitions = append(g.Partitions, GroupPartition{
				Topic: p.Topic, Partition: p.Partition,
				Committed: known(p.Committed), End: known(p.End), Lag: known(p.Lag),
				LogStart: known(p.Start), Lost: p.Lost,
				TimeLagMs: millis(p.Behind(now)), TimeLagStale: p.OldestStale && p.Behind(now) > 0, OldestMs: knownTime(p),
			})
		}
		out[i] = g
	}
	return out
}

// millis is d in milliseconds, or nil (null) for zero: caught up, or not
// known.
func millis(d time.Duration) *int64 {
	if d <= 0 {
		return nil
	}
	ms := d.Milliseconds()
	return &ms
}

// knownTime is the oldest unread record's timestamp, or nil.
func knownTime(p model.PartitionLag) *int64 {
	if p.Lag <= 0 || p.Oldest <= 0 {
		return nil
	}
	return &p.Oldest
}

// known is n, or nil (JSON null) when n is -1, kscope's "unknown".
func known(n int64) *int64 {
	if n < 0 {
		return nil
	}
	return &n
}
