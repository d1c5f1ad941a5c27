package model

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
)

// PlanFile is a reassignment as kafka-reassign-partitions.sh reads and
// writes it (--generate, --execute --reassignment-json-file), so a plan
// made by either tool runs on the other.
type PlanFile struct {
	Version    int             `json:"version"`
	Partitions []PlanPartition `json:"partitions"`
}

// PlanPartition is one partition's replicas after the move.
type PlanPartition struct {
	Topic     string   `json:"topic"`
	Partition int32    `json:"partition"`
	Replicas  []int32  `json:"replicas"`
	LogDirs   []string `json:"log_dirs,omitempty"`
}

// File is the plan in Kafka's format.
func (r Reassignment) File() PlanFile {
	f := PlanFile{Version: 1, Partitions: []PlanPartition{}}
	for _, m := range r.Moves {
		dirs := make([]string, len(m.To))
		for i := range dirs {
			dirs[i] = "any"
		}
		f.Partitions = append(f.Partitions, PlanPartition{Topic: m.Topic, Partition: m.Partition, Replicas: m.To, LogDirs: dirs})
	}
	return f
}

// ReadPlan reads a plan file and checks it against the topics it names
// and the brokers there are: the moves it makes from where each partition
// is now. A partition already where the file puts it is no move.
func ReadPlan(data []byte, topics []Topic, brokers []Broker) (Reassignment, error) {
	var f PlanFile
	if err := json.Unmarshal(data, &f); err != nil {
		return Reassignment{}, fmt.Errorf("not a reassignment plan: %w", err)
	}
	if f.Version != 1 {
		return Reassignment{}, fmt.Errorf("plan version %d: only version 1, as kafka-reassign-partitions.sh writes it, is known", f.Version)
	}
	if len(f.Partitions) == 0 {
		return Reassignment{}, errors.New("the plan names no partitions")
	}
	var plan Reassignment
	seen := map[TopicPartition]bool{}
	for _, pp := range f.Partitions {
		tp := TopicPartition{Topic: pp.Topic, Partition: pp.Partition}
		where := fmt.Sprintf("%s partition %d", Sanitize(pp.Topic), pp.Partition)
		if seen[tp] {
			return Reassignment{}, fmt.Errorf("%s: named twice", where)
		}
		seen[tp] = true
		for _, d := range pp.LogDirs {
			if d != "any" {
				return Reassignment{}, fmt.Errorf("%s: log dir %q: moving replicas between a broker's log dirs is not supported; use \"any\"", where, d)
			}
		}
		if err := checkReplicas(pp.Replicas, brokers); err != nil {
			return Reassignment{}, fmt.Errorf("%s: %w", where, err)
		}
		i := slices.IndexFunc(topics, func(t Topic) bool { return t.Name == pp.Topic })
		if i < 0 || topics[i].Err != nil {
			return Reassignment{}, fmt.Errorf("%s: no such topic", where)
		}
		p := topics[i].Partition(pp.Partition)
		if p == nil {
			return Reassignment{}, fmt.Errorf("%s: no such partition", where)
		}
		if slices.Equal(p.Replicas, pp.Replicas) {
			continue
		}
		size := int64(-1)
		if p.Sized {
			size = p.Bytes
		}
		plan.Moves = append(plan.Moves, Move{Topic: pp.Topic, Partition: pp.Partition, From: p.Replicas, To: pp.Replicas, Bytes: size})
	}
	return plan, nil
}

func checkReplicas(replicas []int32, brokers []Broker) error {
	if len(replicas) == 0 {
		return errors.New("no replicas")
	}
	for i, id := range replicas {
		if slices.Contains(replicas[:i], id) {
			return fmt.Errorf("broker %d named twice", id)
		}
		if !slices.ContainsFunc(brokers, func(b Broker) bool { return b.ID == id }) {
			return fmt.Errorf("broker %d is not in the cluster", id)
		}
	}
	return nil
}
