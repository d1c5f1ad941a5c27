package report

import (
	"time"

	"github.com/kscope/kscope/model"
)

// ACL is one binding.
type ACL struct {
	Principal    string `json:"principal"`
	Host         string `json:"host"`
	ResourceType string `json:"resource_type"`
	ResourceName string `json:"resource_name"`
	Pattern      string `json:"pattern"`
	Operation    string `json:"operation"`
	Permission   string `json:"permission"`
}

// ACLs reports bindings.
func ACLs(acls []model.ACL) []ACL {
	out := make([]ACL, len(acls))
	for i, a := range acls {
		out[i] = ACL(a)
	}
	return out
}

// Transaction is one transactional id.
type Transaction struct {
	ID            string           `json:"transactional_id"`
	State         string           `json:"state"`
	ProducerID    int64            `json:"producer_id"`
	ProducerEpoch int16            `json:"producer_epoch"`
	TimeoutMs     int64            `json:"timeout_ms"`
	StartedMs     *int64           `json:"started_ms"` // null when no transaction is open
	AgeMs         *int64           `json:"age_ms"`
	Hanging       bool             `json:"hanging"`
	Partitions    []TopicPartition `json:"partitions"`
	Error         string           `json:"error,omitempty"`
}

// TopicPartition names a partition.
type TopicPartition struct {
	Topic     string `json:"topic"`
	Partition int32  `json:"partition"`
}

// Transactions reports transactional ids as of now.
func Transactions(txns []model.Transaction, now time.Time) []Transaction {
	out := make([]Transaction, len(txns))
	for i, t := range txns {
		j := Transaction{ID: t.ID, State: t.State, ProducerID: t.ProducerID, ProducerEpoch: t.ProducerEpoch,
			TimeoutMs: t.Timeout.Milliseconds(), Hanging: t.Hanging(now), Partitions: []TopicPartition{}}
		if t.Open() && !t.Started.IsZero() {
			started, age := t.Started.UnixMilli(), t.Age(now).Milliseconds()
			j.StartedMs, j.AgeMs = &started, &age
		}
		for _, p := range t.Partitions {
			j.Partitions = append(j.Partitions, TopicPartition{p.Topic, p.Partition})
		}
		if t.Err != nil {
			j.Error = t.Err.Error()
		}
		out[i] = j
	}
	return out
}
