package model

import (
	"fmt"
	"slices"
)

// OffsetDeletion is a deletion of a group's committed offsets on a
// topic, worked out but not yet done (OffsetDelete, as
// kafka-consumer-groups.sh --delete-offsets does).
type OffsetDeletion struct {
	Group, Topic string
	Rows         []OffsetDeletionRow
}

// OffsetDeletionRow is one partition's commit.
type OffsetDeletionRow struct {
	Partition int32
	Committed int64
	Err       error // why it stays: a member consumes the partition
}

// Deletable are the partitions whose commits would go.
func (d OffsetDeletion) Deletable() []int32 {
	var out []int32
	for _, r := range d.Rows {
		if r.Err == nil {
			out = append(out, r.Partition)
		}
	}
	return out
}

// PlanOffsetDeletion works out which of a group's commits on a topic (all
// its partitions, or those named) a deletion would remove: a partition a
// member is assigned is being consumed, and stays.
func PlanOffsetDeletion(g Group, topic string, partitions []int32) (OffsetDeletion, error) {
	plan := OffsetDeletion{Group: g.Name, Topic: topic}
	consumed := map[int32]string{}
	for _, m := range g.Members {
		for _, tp := range m.Assigned {
			if tp.Topic == topic {
				consumed[tp.Partition] = m.ClientID
			}
		}
	}
	for _, p := range g.Partitions {
		if p.Topic != topic || p.Committed < 0 || len(partitions) > 0 && !slices.Contains(partitions, p.Partition) {
			continue
		}
		row := OffsetDeletionRow{Partition: p.Partition, Committed: p.Committed}
		if client, ok := consumed[p.Partition]; ok {
			row.Err = fmt.Errorf("consumed by a member (client id %s): stop it first", Sanitize(client))
		}
		plan.Rows = append(plan.Rows, row)
	}
	if len(plan.Rows) == 0 {
		return plan, fmt.Errorf("group %q has committed no offset on %q%s", g.Name, topic, partitionsText(partitions))
	}
	return plan, nil
}

func partitionsText(ps []int32) string {
	if len(ps) == 0 {
		return ""
	}
	return fmt.Sprintf(" partitions %v", ps)
}
