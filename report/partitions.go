package report

import "github.com/kscope/kscope/model"

// TopicDetail is one topic with its partitions, as `kscope topic describe
// -o json` prints it and the MCP describe_topic returns it.
type TopicDetail struct {
	Topic Topic `json:"topic"`
	// MinISR is the topic's min.insync.replicas; null when its configs
	// could not be read.
	MinISR      *int `json:"min_insync_replicas"`
	BelowMinISR int  `json:"below_min_isr"`
	// RemoteStorage: the topic keeps older segments in remote storage
	// (remote.storage.enable); its partitions then say what is local.
	RemoteStorage bool        `json:"remote_storage"`
	Partitions    []Partition `json:"partitions"`
}

// Partition is one partition: who holds it, who may lead it, and what it
// holds.
type Partition struct {
	Partition int32   `json:"partition"`
	Leader    int32   `json:"leader"` // -1: no leader
	Replicas  []int32 `json:"replicas"`
	ISR       []int32 `json:"isr"`
	// ELR are the eligible leader replicas (KIP-966), LastKnownELR those
	// eligible when the last went down; both empty when there are none or
	// the cluster does not track them (before Kafka 4.0).
	ELR          []int32 `json:"elr"`
	LastKnownELR []int32 `json:"last_known_elr"`
	Offline      []int32 `json:"offline,omitempty"`
	// BelowMinISR: fewer replicas in sync than min.insync.replicas, so
	// producers with acks=all are refused.
	BelowMinISR bool  `json:"below_min_isr"`
	Low         int64 `json:"log_start"`
	High        int64 `json:"high_watermark"`
	// LocalLogStart is the first offset still on the brokers' disks (from
	// log_start up to it, records are in remote storage alone), and
	// LastTiered the last offset copied to remote storage; both only for a
	// topic with remote storage, null where unknown (or nothing is copied
	// yet).
	LocalLogStart *int64 `json:"local_log_start,omitempty"`
	LastTiered    *int64 `json:"last_tiered_offset,omitempty"`
	SizeBytes     *int64 `json:"size_bytes"`
	Error         string `json:"error,omitempty"`
}

// Detail reports a topic and its partitions.
func Detail(t model.Topic) TopicDetail {
	out := TopicDetail{Topic: Topics([]model.Topic{t})[0], BelowMinISR: t.BelowMinISR(), RemoteStorage: t.Tiered, Partitions: []Partition{}}
	if t.MinISR > 0 {
		out.MinISR = &t.MinISR
	}
	for _, p := range t.Partitions {
		r := Partition{Partition: p.ID, Leader: p.Leader, Replicas: ids(p.Replicas), ISR: ids(p.ISR),
			ELR: ids(p.ELR), LastKnownELR: ids(p.LastKnownELR), Offline: p.Offline,
			BelowMinISR: p.BelowMinISR(t.MinISR), Low: p.Low, High: p.High}
		if p.Sized {
			size := p.Bytes
			r.SizeBytes = &size
		}
		if t.Tiered {
			r.LocalLogStart, r.LastTiered = known(p.LocalLow), known(p.TieredHigh)
		}
		if p.Err != nil {
			r.Error = p.Err.Error()
		}
		out.Partitions = append(out.Partitions, r)
	}
	return out
}

// ids is a list of broker ids as JSON shows it: [] when empty, never null.
func ids(in []int32) []int32 {
	if in == nil {
		return []int32{}
	}
	return in
}
