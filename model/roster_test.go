package model

import "testing"

func TestRosterRemembersBrokersThatLeave(t *testing.T) {
	var r Roster
	if up, total := r.Counts(); up != 0 || total != 0 {
		t.Fatalf("empty roster counts %d/%d", up, total)
	}
	b := func(id int32) Broker { return Broker{ID: id, Host: "h", Port: 9092 + id} }
	r.Observe(Cluster{Brokers: []Broker{b(2), b(0), b(1)}})
	r.Observe(Cluster{Brokers: []Broker{b(0), b(2)}})
	if up, total := r.Counts(); up != 2 || total != 3 {
		t.Errorf("counts %d/%d, want 2/3", up, total)
	}
	got := r.Brokers()
	if len(got) != 3 || got[0].ID != 0 || got[1].ID != 1 || got[1].Up || !got[2].Up {
		t.Errorf("brokers = %+v, want 0,1,2 with 1 down", got)
	}
	r.Observe(Cluster{Brokers: []Broker{b(0), b(1), b(2)}})
	if up, total := r.Counts(); up != 3 || total != 3 {
		t.Errorf("after recovery counts %d/%d, want 3/3", up, total)
	}
}
