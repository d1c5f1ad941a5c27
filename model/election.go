package model

import "slices"

// Election is a leader election worked out but not yet held: preferred
// (each partition's first replica leads again, where it is in sync) or
// unclean (a partition without a leader takes any live replica, maybe
// one that missed records: they are lost).
type Election struct {
	Topic   string
	Unclean bool
	Rows    []ElectionRow
}

// ElectionRow is one partition: who leads now, who would, or why it stays.
type ElectionRow struct {
	Partition int32
	Leader    int32 // now; -1: none
	Next      int32 // after: the preferred replica, or -1 for any live one (unclean)
	Stays     string
}

// Moving are the partitions whose leader the election changes.
func (e Election) Moving() []int32 {
	var out []int32
	for _, r := range e.Rows {
		if r.Stays == "" {
			out = append(out, r.Partition)
		}
	}
	return out
}

// PlanElection works out an election on a topic's partitions (all, or
// those named).
func PlanElection(t Topic, partitions []int32, unclean bool) Election {
	e := Election{Topic: t.Name, Unclean: unclean}
	for _, p := range t.Partitions {
		if len(partitions) > 0 && !slices.Contains(partitions, p.ID) {
			continue
		}
		row := ElectionRow{Partition: p.ID, Leader: p.Leader, Next: -1}
		switch {
		case unclean && p.Leader >= 0:
			row.Stays = "it has a leader"
		case unclean:
		case len(p.Replicas) == 0:
			row.Stays = "it has no replicas"
		case p.Leader == p.Replicas[0]:
			row.Next, row.Stays = p.Replicas[0], "its preferred replica leads"
		case !slices.Contains(p.ISR, p.Replicas[0]):
			row.Next, row.Stays = p.Replicas[0], "its preferred replica is out of sync"
		default:
			row.Next = p.Replicas[0]
		}
		e.Rows = append(e.Rows, row)
	}
	return e
}
