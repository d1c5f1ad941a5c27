package model

import (
	"slices"
	"strings"
	"testing"
)

func brokersOn(racks ...string) []Broker {
	out := make([]Broker, len(racks))
	for i, r := range racks {
		out[i] = Broker{ID: int32(i + 1), Rack: r}
	}
	return out
}

func topicOn(name string, replicas ...[]int32) Topic {
	t := Topic{Name: name}
	for i, r := range replicas {
		t.Partitions = append(t.Partitions, Partition{ID: int32(i), Leader: r[0], Replicas: r, ISR: r, Sized: true, Bytes: int64(100 * (i + 1))})
	}
	return t
}

// after applies a plan to topics: where each partition's replicas end up.
func after(topics []Topic, plan Reassignment) map[TopicPartition][]int32 {
	out := map[TopicPartition][]int32{}
	for _, t := range topics {
		for _, p := range t.Partitions {
			out[TopicPartition{t.Name, p.ID}] = p.Replicas
		}
	}
	for _, m := range plan.Moves {
		out[TopicPartition{m.Topic, m.Partition}] = m.To
	}
	return out
}

func counts(placement map[TopicPartition][]int32) (replicas, leaders map[int32]int) {
	replicas, leaders = map[int32]int{}, map[int32]int{}
	for _, r := range placement {
		leaders[r[0]]++
		for _, id := range r {
			replicas[id]++
		}
	}
	return replicas, leaders
}

func spread(m map[int32]int, ids ...int32) int {
	lo, hi := m[ids[0]], m[ids[0]]
	for _, id := range ids {
		lo, hi = min(lo, m[id]), max(hi, m[id])
	}
	return hi - lo
}

// A topic piled on two of three brokers is spread over all three, replicas
// and leaders each within one, moving the fewest replicas it can.
func TestPlanBalanceSpreadsASkewedTopic(t *testing.T) {
	skewed := topicOn("orders", []int32{1, 2}, []int32{2, 1}, []int32{1, 2}, []int32{2, 1}, []int32{1, 2}, []int32{2, 1})
	plan, err := PlanBalance([]Topic{skewed}, brokersOn("", "", ""), BalanceOptions{})
	if err != nil {
		t.Fatal(err)
	}
	placement := after([]Topic{skewed}, plan)
	replicas, leaders := counts(placement)
	if replicas[1] != 4 || replicas[2] != 4 || replicas[3] != 4 || spread(leaders, 1, 2, 3) > 1 {
		t.Errorf("replicas %v, leaders %v; want 4 each and leaders within one", replicas, leaders)
	}
	added := 0
	for _, m := range plan.Moves {
		added += len(m.Adding())
		if len(m.To) != 2 {
			t.Errorf("%+v changes the replication factor", m)
		}
	}
	if added != 4 {
		t.Errorf("%d replicas added, want the 4 that broker 3 needs: %+v", added, plan.Moves)
	}
	// The smallest partitions move: partition 0 is 100 bytes, 5 is 600.
	if bytes, known := plan.Copies(); !known || bytes > 100+200+300+400 {
		t.Errorf("the plan copies %d bytes (known %v); the four smallest are 1000", bytes, known)
	}

	again, err := PlanBalance([]Topic{applied(skewed, placement)}, brokersOn("", "", ""), BalanceOptions{})
	if err != nil || len(again.Moves) != 0 {
		t.Errorf("a balanced topic gets moves %+v (%v)", again.Moves, err)
	}
}

func applied(t Topic, placement map[TopicPartition][]int32) Topic {
	t.Partitions = slices.Clone(t.Partitions)
	for i := range t.Partitions {
		t.Partitions[i].Replicas = placement[TopicPartition{t.Name, t.Partitions[i].ID}]
	}
	return t
}

// No move leaves a partition on one rack that was on two, and replicas
// added go to a rack the partition is not on.
func TestPlanBalanceKeepsRacks(t *testing.T) {
	brokers := brokersOn("a", "a", "b", "b")
	skewed := topicOn("t", []int32{1, 3}, []int32{3, 1}, []int32{1, 3}, []int32{3, 1})
	plan, err := PlanBalance([]Topic{skewed}, brokers, BalanceOptions{})
	if err != nil {
		t.Fatal(err)
	}
	placement := after([]Topic{skewed}, plan)
	replicas, _ := counts(placement)
	if spread(replicas, 1, 2, 3, 4) > 1 {
		t.Errorf("replicas %v not spread", replicas)
	}
	for tp, r := range placement {
		if (r[0] <= 2) == (r[1] <= 2) {
			t.Errorf("%v is on one rack: %v", tp, r)
		}
	}

	// With one broker on rack b, it keeps a replica of every partition:
	// evening out the counts would leave some partition on rack a alone.
	threeOnTwoRacks := brokersOn("a", "a", "b")
	plan, err = PlanBalance([]Topic{skewed}, threeOnTwoRacks, BalanceOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for tp, r := range after([]Topic{skewed}, plan) {
		if !slices.Contains(r, 3) {
			t.Errorf("%v moved to %v, all on rack a", tp, r)
		}
	}
	// A replica added goes to the rack the partition is not on, though a
	// broker on its own rack holds as few.
	plan, err = PlanBalance([]Topic{topicOn("grown", []int32{1})}, threeOnTwoRacks, BalanceOptions{ReplicationFactor: 2})
	if err != nil || len(plan.Moves) != 1 || !slices.Equal(plan.Moves[0].To, []int32{1, 3}) {
		t.Errorf("growing [1] to two replicas: %+v (%v), want [1 3]", plan.Moves, err)
	}

	single := topicOn("one", []int32{1}, []int32{1})
	plan, err = PlanBalance([]Topic{single}, brokers, BalanceOptions{ReplicationFactor: 2})
	if err != nil {
		t.Fatal(err)
	}
	placement = after([]Topic{single}, plan)
	replicas, _ = counts(placement)
	for tp, r := range placement {
		if len(r) != 2 || (r[0] <= 2) == (r[1] <= 2) {
			t.Errorf("%v: %v is not two replicas on two racks", tp, r)
		}
	}
	if spread(replicas, 1, 2, 3, 4) != 0 {
		t.Errorf("replicas %v: want one on each broker", replicas)
	}
}

// Brokers left out are emptied (a decommission), and a factor larger than
// the brokers there are is refused.
func TestPlanBalanceEmptiesBrokersLeftOut(t *testing.T) {
	topic := topicOn("t", []int32{3, 1}, []int32{2, 3}, []int32{1, 2})
	plan, err := PlanBalance([]Topic{topic}, brokersOn("", "", ""), BalanceOptions{Brokers: []int32{1, 2}})
	if err != nil {
		t.Fatal(err)
	}
	for tp, r := range after([]Topic{topic}, plan) {
		if slices.Contains(r, 3) || len(r) != 2 {
			t.Errorf("%v: %v still on broker 3, or not 2 replicas", tp, r)
		}
	}
	if _, err := PlanBalance([]Topic{topic}, brokersOn("", "", ""), BalanceOptions{Brokers: []int32{1}}); err == nil || !strings.Contains(err.Error(), "needs 2 replicas, and 1 broker") {
		t.Errorf("RF 2 on one broker: %v", err)
	}
	if _, err := PlanBalance([]Topic{topic}, brokersOn("", "", ""), BalanceOptions{Brokers: []int32{1, 9}}); err == nil || !strings.Contains(err.Error(), "broker 9 is not in the cluster") {
		t.Errorf("an unknown broker: %v", err)
	}
}

// A plan file, as kafka-reassign-partitions.sh writes one, reads back as
// the moves from where partitions are; mistakes in it are named.
func TestReadPlan(t *testing.T) {
	topics := []Topic{topicOn("orders", []int32{1, 2}, []int32{2, 3})}
	brokers := brokersOn("", "", "")
	plan, err := ReadPlan([]byte(`{"version":1,"partitions":[
		{"topic":"orders","partition":0,"replicas":[3,2],"log_dirs":["any","any"]},
		{"topic":"orders","partition":1,"replicas":[2,3]}]}`), topics, brokers)
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Moves) != 1 || !slices.Equal(plan.Moves[0].Adding(), []int32{3}) || !slices.Equal(plan.Moves[0].Removing(), []int32{1}) || plan.Moves[0].Copies() != 100 {
		t.Errorf("moves %+v", plan.Moves)
	}
	for file, want := range map[string]string{
		`{"version":2,"partitions":[]}`: "only version 1",
		`{"version":1,"partitions":[{"topic":"orders","partition":0,"replicas":[1,1]}]}`:                                               "broker 1 named twice",
		`{"version":1,"partitions":[{"topic":"orders","partition":0,"replicas":[7]}]}`:                                                 "broker 7 is not in the cluster",
		`{"version":1,"partitions":[{"topic":"orders","partition":5,"replicas":[1]}]}`:                                                 "orders partition 5: no such partition",
		`{"version":1,"partitions":[{"topic":"gone","partition":0,"replicas":[1]}]}`:                                                   "no such topic",
		`{"version":1,"partitions":[{"topic":"orders","partition":0,"replicas":[1],"log_dirs":["/data/a"]}]}`:                          "log dir",
		`{"version":1,"partitions":[{"topic":"orders","partition":0,"replicas":[1]},{"topic":"orders","partition":0,"replicas":[2]}]}`: "named twice",
		`not json`: "not a reassignment plan",
	} {
		if _, err := ReadPlan([]byte(file), topics, brokers); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", file, err, want)
		}
	}
}

// A throttle holds back, per topic, every current replica of a moving
// partition on the leader side and the replicas added on the follower
// side, as kafka-reassign-partitions.sh sets it.
func TestThrottledReplicas(t *testing.T) {
	plan := Reassignment{Moves: []Move{
		{Topic: "a", Partition: 0, From: []int32{1, 2}, To: []int32{3, 2}},
		{Topic: "a", Partition: 4, From: []int32{2, 1}, To: []int32{1, 2}},
		{Topic: "b", Partition: 1, From: []int32{1}, To: []int32{1, 2}},
	}}
	leader, follower := plan.ThrottledReplicas()
	if leader["a"] != "0:1,0:2,4:2,4:1" || leader["b"] != "1:1" {
		t.Errorf("leader side %v", leader)
	}
	if follower["a"] != "0:3" || follower["b"] != "1:2" || len(follower) != 2 {
		t.Errorf("follower side %v", follower)
	}
	if got := plan.Brokers(); !slices.Equal(got, []int32{1, 2, 3}) {
		t.Errorf("brokers %v", got)
	}
	for typed, want := range map[string]int64{"50MB": 50_000_000, "10 MiB/s": 10 << 20, "1024": 1024} {
		if got, err := ParseThrottle(typed); err != nil || got != want {
			t.Errorf("ParseThrottle(%q) = %d, %v; want %d", typed, got, err, want)
		}
	}
	for _, typed := range []string{"0", "-1", "fast", ""} {
		if _, err := ParseThrottle(typed); err == nil {
			t.Errorf("ParseThrottle(%q) took it", typed)
		}
	}
}

// A topic balanced but for one partition gets one move back, not a new
// layout: kafka-reassign-partitions.sh --generate rewrote 10 of these 12
// partitions on the lane.
func TestPlanBalanceMovesOnlyWhatIsOff(t *testing.T) {
	var replicas [][]int32
	for p := range 12 {
		replicas = append(replicas, []int32{int32(1 + p%3), int32(1 + (p+1)%3)})
	}
	replicas[2] = []int32{1, 2} // was 3,1
	topic := topicOn("t", replicas...)
	plan, err := PlanBalance([]Topic{topic}, brokersOn("", "", ""), BalanceOptions{})
	if err != nil {
		t.Fatal(err)
	}
	placement := after([]Topic{topic}, plan)
	r, l := counts(placement)
	if len(plan.Moves) != 1 || spread(r, 1, 2, 3) != 0 || spread(l, 1, 2, 3) != 0 {
		t.Errorf("moves %+v; replicas %v, leaders %v", plan.Moves, r, l)
	}
}
