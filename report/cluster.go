package report

import "github.com/kscope/kscope/model"

// Cluster is the cluster with what Kafka 4 knows of itself: its features
// and its KRaft quorum.
type Cluster struct {
	ID         string    `json:"id"`
	Controller int32     `json:"controller"`
	Brokers    []Broker  `json:"brokers"`
	Features   []Feature `json:"features"`
	// Quorum is null where the cluster did not describe it (kfake, or a
	// principal without DESCRIBE on the cluster), QuorumError why.
	Quorum      *Quorum `json:"quorum"`
	QuorumError string  `json:"quorum_error,omitempty"`
}

// Broker is one broker.
type Broker struct {
	ID   int32  `json:"id"`
	Addr string `json:"addr"`
	Rack string `json:"rack,omitempty"`
}

// Feature is a feature's finalized level and supported range.
type Feature struct {
	Name         string `json:"name"`
	Level        int16  `json:"finalized_level"` // 0 when not finalized
	SupportedMin int16  `json:"supported_min"`
	SupportedMax int16  `json:"supported_max"`
}

// Quorum is the KRaft controller quorum.
type Quorum struct {
	Leader        int32           `json:"leader"`
	Epoch         int32           `json:"epoch"`
	HighWatermark int64           `json:"high_watermark"`
	Voters        []QuorumReplica `json:"voters"`
	Observers     []QuorumReplica `json:"observers"`
}

// QuorumReplica is a voter or an observer.
type QuorumReplica struct {
	ID             int32  `json:"id"`
	LogEndOffset   int64  `json:"log_end_offset"`
	Lag            int64  `json:"lag"`
	LastFetchMs    *int64 `json:"last_fetch_ms"`
	LastCaughtUpMs *int64 `json:"last_caught_up_ms"`
}

// ClusterOf reports a cluster, its features and its quorum (nil with
// quorumErr when it could not be described).
func ClusterOf(c model.Cluster, features []model.Feature, q *model.Quorum, quorumErr error) Cluster {
	out := Cluster{ID: c.ID, Controller: c.Controller, Brokers: []Broker{}, Features: []Feature{}}
	for _, b := range c.Brokers {
		out.Brokers = append(out.Brokers, Broker{ID: b.ID, Addr: b.Addr(), Rack: b.Rack})
	}
	for _, f := range features {
		out.Features = append(out.Features, Feature{Name: f.Name, Level: f.Level, SupportedMin: f.SupportedMin, SupportedMax: f.SupportedMax})
	}
	if quorumErr != nil {
		out.QuorumError = quorumErr.Error()
	}
	if q != nil {
		rq := &Quorum{Leader: q.Leader, Epoch: q.Epoch, HighWatermark: q.HighWatermark, Voters: replicas(q.Voters), Observers: replicas(q.Observers)}
		out.Quorum = rq
	}
	return out
}

func replicas(rs []model.QuorumReplica) []QuorumReplica {
	out := []QuorumReplica{}
	for _, r := range rs {
		out = append(out, QuorumReplica{ID: r.ID, LogEndOffset: r.LogEndOffset, Lag: r.Lag, LastFetchMs: known(r.LastFetch), LastCaughtUpMs: known(r.LastCaughtUp)})
	}
	return out
}
