package model

import (
	"math"
	"testing"
)

// Fill sizes each partition from its replicas: its leader's, and all of
// them, a replica seen in two dirs of one broker (a move between dirs)
// counted once at its larger size; a partition whose leader did not
// report stays unsized, and filling twice changes nothing.
func TestFillSizesPartitionsFromTheirReplicas(t *testing.T) {
	var d DiskUsage
	add := func(topic string, p, broker int32, bytes int64) {
		d.AddReplica(TopicPartition{Topic: topic, Partition: p}, broker, bytes)
	}
	add("orders", 1, 2, 70)
	add("orders", 0, 1, 100)
	add("orders", 0, 2, 90)
	add("orders", 0, 2, 95) // the same replica, moving to another dir
	add("orders", 0, 3, 80)
	add("orders", 1, 3, 60) // partition 1's leader, broker 1, did not report
	add("other", 0, 1, 5)
	topics := []Topic{{Name: "orders", Partitions: []Partition{{ID: 0, Leader: 1}, {ID: 1, Leader: 1}}}}
	for range 2 {
		d.Fill(topics)
		p0, p1 := topics[0].Partitions[0], topics[0].Partitions[1]
		if !p0.Sized || p0.Bytes != 100 || p0.ReplicaBytes != 275 {
			t.Errorf("partition 0: sized %v, %d bytes, %d with replicas; want 100 and 275", p0.Sized, p0.Bytes, p0.ReplicaBytes)
		}
		if p1.Sized || p1.Bytes != 0 || p1.ReplicaBytes != 0 {
			t.Errorf("partition 1, its leader silent: sized %v, %d, %d; want unsized", p1.Sized, p1.Bytes, p1.ReplicaBytes)
		}
	}
}

// Sizes near 2^63, as a broker may report them, saturate rather than wrap
// to negative totals, and are shown as at least the ceiling.
func TestSizesSaturate(t *testing.T) {
	huge := int64(math.MaxInt64 - 10)
	var d DiskUsage
	d.Dirs = []LogDir{{Broker: 1, Used: huge, Total: huge, Usable: 5}, {Broker: 1, Path: "b", Used: huge, Total: huge, Usable: 5}}
	topics := []Topic{{Name: "t", Partitions: []Partition{{ID: 0, Leader: 1, Replicas: []int32{1, 2}}, {ID: 1, Leader: 2, Replicas: []int32{2}}}}}
	d.AddReplica(TopicPartition{Topic: "t", Partition: 0}, 1, huge)
	d.AddReplica(TopicPartition{Topic: "t", Partition: 0}, 2, huge)
	d.AddReplica(TopicPartition{Topic: "t", Partition: 1}, 2, -3)
	d.Fill(topics)
	leaders, replicas, _ := topics[0].Bytes()
	if leaders != huge || replicas != math.MaxInt64 {
		t.Errorf("topic sizes %d, %d: want %d, and the ceiling", leaders, replicas, huge)
	}
	if p := topics[0].Partitions[1]; p.Bytes < 0 {
		t.Errorf("a negative report made a size of %d", p.Bytes)
	}
	l := d.Loads(topics)[1]
	if l.Used != math.MaxInt64 || l.Total != math.MaxInt64 || l.Usable != 10 {
		t.Errorf("broker 1: %+v", l)
	}
	if got := FormatIEC(l.Used); got != "≥8 EiB" {
		t.Errorf("shown as %q", got)
	}
}
