package ui

import (
	"context"
	"strings"
	"testing"

	"github.com/kscope/kscope/kafka/kafkatest"
	"github.com/kscope/kscope/ui/uitest"
)

// d on a topic deletes its records up to an offset, after a preview of
// each partition and of the group whose commit lies in what goes.
func TestDeleteRecordsWithPreview(t *testing.T) {
	fake := kafkatest.Sample()
	fake.SetGroups(kafkatest.Group("slow-reader", "Empty", 0, "orders", [2]int64{2000, 20000}, [2]int64{9000, 20001}))
	d := startActions(t, fake, false)
	selectTopic(d, "orders")
	d.Type("d")
	d.WaitFor("delete records of orders", "Delete the records before")
	d.Fill("5000", "0,1")
	preview := d.WaitFor("nothing is deleted until you say yes", "delete 7,000 records", "(1 group commit inside it)", "group slow-reader committed 2000 here")
	t.Run("preview", func(t *testing.T) { uitest.Golden(t, preview) })
	d.Type("y")
	d.WaitFor("deleted 7,000 records")
	ts, _ := fake.Topics(context.Background(), "orders")
	if ps := ts[0].Partitions; ps[0].Low != 5000 || ps[1].Low != 5000 || ps[2].Low != 1500 {
		t.Errorf("log starts after: %d %d %d; want 5000 5000 1500", ps[0].Low, ps[1].Low, ps[2].Low)
	}
}

// L on a topic's partitions elects each one's preferred replica where
// another leads, and says why the rest stay; unclean is stated as a loss.
func TestElectLeadersWithPreview(t *testing.T) {
	fake := kafkatest.Sample()
	moved := kafkatest.Topic("moved", 2, 3, 0, 10)
	moved.Partitions[0].Leader = 1 // its preferred replica is 0
	all, _ := fake.Topics(context.Background())
	fake.SetTopics(append(all, moved)...)
	d := startActions(t, fake, false)
	d.Type(":", "partitions moved", "enter")
	d.WaitFor("moved · 2 partitions")
	d.Type("L")
	d.WaitFor("elect leaders of moved", "preferred: each partition's first replica leads again")
	d.Fill("", "")
	preview := d.WaitFor("no leader moves until you say yes", "stays: its preferred replica leads", "elect new leaders of 1 partition")
	t.Run("preview", func(t *testing.T) { uitest.Golden(t, preview) })
	d.Type("y")
	d.WaitFor("elected leaders of 1 partition of moved")
	ts, _ := fake.Topics(context.Background(), "moved")
	if l := ts[0].Partitions[0].Leader; l != 0 {
		t.Errorf("partition 0 led by %d after the election, want 0", l)
	}
}

// An unclean election is offered only for partitions without a leader,
// and its question says what is lost.
func TestUncleanElectionSaysWhatIsLost(t *testing.T) {
	d := startActions(t, kafkatest.Sample(), false)
	d.Type(":", "partitions inventory.updates", "enter")
	d.WaitFor("inventory.updates · 4 partitions")
	d.Type("L")
	d.WaitFor("elect leaders of inventory.updates")
	d.Type("down")
	d.Fill("", "")
	d.WaitFor("stays: it has a leader", "any live replica", "elect ANY live replica for 1 partition: the records it missed are LOST")
	d.Type("esc")
}

// O on a group deletes its commits on a topic, but those of partitions a
// member consumes, which the preview says stay.
func TestDeleteOffsetsLeavesWhatMembersConsume(t *testing.T) {
	fake := kafkatest.Sample()
	half := kafkatest.Group("half", "Stable", 1, "orders", [2]int64{10, 20}, [2]int64{11, 21}, [2]int64{12, 22})
	half.Members[0].Assigned = half.Members[0].Assigned[:1]
	fake.SetGroups(half)
	fake.SetCommitLog(kafkatest.IdleCommitLog(half))
	d := startActions(t, fake, false)
	d.Type(":", "groups", "enter")
	d.WaitFor("1 of 1 groups")
	d.Type("O")
	d.WaitFor("delete committed offsets of half", "Partitions")
	d.Fill("", "")
	s := d.WaitFor("nothing is deleted until you say yes", "delete 2 commits")
	if !strings.Contains(s, "stays: consumed by a member (client id half-1)") {
		t.Fatalf("the preview does not keep partition 0:\n%s", s)
	}
	d.Type("y")
	d.WaitFor("deleted 2 committed offsets of half on orders")
	gs, _ := fake.Groups(context.Background(), "half")
	if ps := gs[0].Partitions; len(ps) != 1 || ps[0].Partition != 0 {
		t.Errorf("commits left: %+v", ps)
	}
}
