package model

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
