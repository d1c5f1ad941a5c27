package model

import (
	"slices"
	"testing"
)

func TestPlanElection(t *testing.T) {
	topic := Topic{Name: "t", Partitions: []Partition{
		{ID: 0, Leader: 1, Replicas: []int32{1, 2, 3}, ISR: []int32{1, 2, 3}}, // preferred leads
		{ID: 1, Leader: 2, Replicas: []int32{1, 2, 3}, ISR: []int32{1, 2, 3}}, // moves to 1
		{ID: 2, Leader: 2, Replicas: []int32{1, 2, 3}, ISR: []int32{2, 3}},    // 1 out of sync
		{ID: 3, Leader: -1, Replicas: []int32{1, 2, 3}, ISR: nil},             // no leader
	}}
	preferred := PlanElection(topic, nil, false)
	if got := preferred.Moving(); !slices.Equal(got, []int32{1}) {
		t.Errorf("preferred moves %v, want [1]", got)
	}
	if r := preferred.Rows[2]; r.Stays != "its preferred replica is out of sync" {
		t.Errorf("partition 2: %+v", r)
	}
	if r := preferred.Rows[3]; r.Stays != "its preferred replica is out of sync" {
		t.Errorf("a leaderless partition whose preferred replica is out of sync: %+v", r)
	}
	unclean := PlanElection(topic, nil, true)
	if got := unclean.Moving(); !slices.Equal(got, []int32{3}) {
		t.Errorf("unclean moves %v, want [3]", got)
	}
	if got := PlanElection(topic, []int32{1, 2}, false); len(got.Rows) != 2 {
		t.Errorf("partitions named: %+v", got.Rows)
	}
}
