package ui

import (
	"context"
	"testing"

	"github.com/kscope/kscope/kafka/kafkatest"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/uitest"
)

// B on the brokers proposes a plan that spreads a topic piled on two
// brokers over all three, previews its moves and starts them, throttled.
func TestBalanceFromTheBrokersPane(t *testing.T) {
	fake := kafkatest.Sample()
	skewed := kafkatest.Topic("skewed", 6, 2, 0, 10)
	for i := range skewed.Partitions {
		p := &skewed.Partitions[i]
		p.Replicas = []int32{int32(i % 2), int32(1 - i%2)}
		p.ISR, p.Leader = p.Replicas, p.Replicas[0]
	}
	all, _ := fake.Topics(context.Background())
	fake.SetTopics(append(all, skewed)...)
	d := startActions(t, fake, false)
	d.Type(":", "brokers", "enter")
	d.WaitFor("3 of 3 brokers up", "B balance partitions")
	d.Type("B")
	d.WaitFor("balance partitions", "On brokers")
	d.Fill("skewed", "", "", "20MiB")
	preview := d.WaitFor("nothing moves until you say yes", "throttled to 20 MiB/s")
	t.Run("preview", func(t *testing.T) { uitest.Golden(t, preview) })
	d.Type("y")
	d.WaitFor("started moving", ":reassignments follows them")
	ts, _ := fake.Topics(context.Background(), "skewed")
	on := map[int32]int{}
	for _, p := range ts[0].Partitions {
		for _, b := range p.Replicas {
			on[b]++
		}
	}
	if on[0] != 4 || on[1] != 4 || on[2] != 4 {
		t.Errorf("replicas per broker after: %v", on)
	}
	if th, _ := fake.Throttled(context.Background()); th.Rate != 20<<20 {
		t.Errorf("throttle %+v", th)
	}
}

// :reassignments follows the moves and their throttle; D cancels one,
// and once nothing moves U removes the throttle.
func TestReassignmentsPane(t *testing.T) {
	fake := kafkatest.Sample()
	fake.SetMoving(
		model.Moving{Topic: "orders", Partition: 3, Replicas: []int32{2, 0, 1}, Adding: []int32{2}, Removing: []int32{1}, BytesLeft: 3 << 20},
		model.Moving{Topic: "payments", Partition: 0, Replicas: []int32{1, 2, 0}, Adding: []int32{1}, Removing: []int32{0}, BytesLeft: 1 << 20},
	)
	fake.SetThrottle(model.Throttle{Rate: 10 << 20, Brokers: []int32{0, 1, 2}, Topics: []string{"orders", "payments"}})
	d := startActions(t, fake, false)
	d.Type(":", "reassignments", "enter")
	s := d.WaitFor("2 of 2 moving partitions", "4.2 MB left to copy", "throttle 10 MiB/s on brokers 0,1,2; replicas of orders", "D cancel move")
	t.Run("list", func(t *testing.T) { uitest.Golden(t, s) })
	d.Type("D")
	d.WaitFor("cancel the move of orders partition 3: it goes back to brokers 0,1, and what was copied to 2 is dropped")
	d.Type("y")
	d.WaitFor("cancelled the move of orders partition 3")
	d.WaitFor("1 of 1 moving partitions")
	fake.SetMoving()
	d.Type("ctrl+r")
	d.WaitFor("throttle still set, U removes it: 10 MiB/s on brokers 0,1,2")
	d.Type("U")
	d.WaitFor("remove the replication throttle: 10 MiB/s")
	d.Type("y")
	d.WaitFor("removed the replication throttle")
	if th, _ := fake.Throttled(context.Background()); th.Set() {
		t.Errorf("throttle left: %+v", th)
	}
}
