package model

import (
	"slices"
	"testing"
)

func part(id int32, low, high int64, replicas, isr []int32) Partition {
	return Partition{ID: id, Leader: replicas[0], Replicas: replicas, ISR: isr, Low: low, High: high}
}

func TestTopicCounts(t *testing.T) {
	topic := Topic{Name: "orders", Partitions: []Partition{
		part(0, 10, 110, []int32{1, 2, 3}, []int32{1, 2, 3}),
		part(1, 0, 50, []int32{2, 3, 1}, []int32{2}),
		{ID: 2, Leader: -1, Replicas: []int32{3, 1}, ISR: nil, Low: -1, High: -1},
	}}
	if got := topic.Messages(); got != 150 {
		t.Errorf("Messages = %d, want 150 (unknown watermarks count as 0)", got)
	}
	if got := topic.UnderReplicated(); got != 2 {
		t.Errorf("UnderReplicated = %d, want 2", got)
	}
	if got := topic.ReplicationFactor(); got != 3 {
		t.Errorf("ReplicationFactor = %d, want 3", got)
	}
}

func TestTopicQuery(t *testing.T) {
	mk := func(name string, parts int, msgs int64, internal bool) Topic {
		tp := Topic{Name: name, Internal: internal}
		for i := range parts {
			tp.Partitions = append(tp.Partitions, Partition{ID: int32(i), Low: 0, High: msgs / int64(parts)})
		}
		return tp
	}
	topics := []Topic{
		mk("payments", 3, 300, false),
		mk("__consumer_offsets", 50, 5000, true),
		mk("orders", 6, 600, false),
		mk("Audit.Log", 1, 600, false),
	}
	// orders has a partition without a leader, payments two under-replicated.
	topics[2].Partitions[1].Leader = -1
	for i := range 2 {
		topics[0].Partitions[i].Replicas, topics[0].Partitions[i].ISR = []int32{0, 1}, []int32{0}
	}
	rates := func(name string) (float64, bool) {
		r, ok := map[string]float64{"payments": 12.5, "Audit.Log": 0}[name]
		return r, ok
	}
	names := func(ts []Topic) []string {
		var out []string
		for _, t := range ts {
			out = append(out, t.Name)
		}
		return out
	}
	tests := []struct {
		q    TopicQuery
		want []string
	}{
		{TopicQuery{}, []string{"Audit.Log", "orders", "payments"}},
		{TopicQuery{Internal: true}, []string{"Audit.Log", "__consumer_offsets", "orders", "payments"}},
		{TopicQuery{Filter: "AUDIT"}, []string{"Audit.Log"}},
		{TopicQuery{Filter: "s"}, []string{"orders", "payments"}},
		{TopicQuery{Order: ByPartitions}, []string{"orders", "payments", "Audit.Log"}},
		// equal message counts fall back to the name, so polls don't reshuffle rows
		{TopicQuery{Order: ByMessages}, []string{"Audit.Log", "orders", "payments"}},
		// a topic without a rate yet sorts after one that has none coming in
		{TopicQuery{Order: ByRate, Rate: rates}, []string{"payments", "Audit.Log", "orders"}},
		{TopicQuery{Order: ByURP}, []string{"orders", "payments", "Audit.Log"}},
	}
	for _, tt := range tests {
		if got := names(tt.q.Apply(topics)); !slices.Equal(got, tt.want) {
			t.Errorf("%+v: got %v, want %v", tt.q, got, tt.want)
		}
	}
	if topics[0].Name != "payments" {
		t.Error("Apply modified its input")
	}
}

func TestTopicOrderCycles(t *testing.T) {
	o := ByName
	seen := map[string]bool{}
	for range 6 {
		seen[o.String()] = true
		o = o.Next()
	}
	if o != ByName || len(seen) != 6 {
		t.Errorf("cycling visited %v and ended at %v", seen, o)
	}
}

// A lower-case filter finds names in any case, capitals included.
func TestTopicFilterIgnoresTheNamesCase(t *testing.T) {
	got := (TopicQuery{Filter: "orders"}).Apply([]Topic{{Name: "ORDERS.EU"}, {Name: "Orders"}, {Name: "payments"}})
	if len(got) != 2 {
		t.Errorf("matched %v", got)
	}
}

// By size, the largest topic comes first; unsized topics count as empty.
func TestTopicsBySize(t *testing.T) {
	sized := func(name string, bytes int64) Topic {
		return Topic{Name: name, Partitions: []Partition{{Bytes: bytes, ReplicaBytes: 3 * bytes, Sized: true}}}
	}
	got := TopicQuery{Order: BySize}.Apply([]Topic{sized("small", 10), {Name: "unsized"}, sized("big", 5000)})
	if got[0].Name != "big" || got[1].Name != "small" || got[2].Name != "unsized" {
		t.Errorf("order %s %s %s", got[0].Name, got[1].Name, got[2].Name)
	}
}
