package model

import (
	"cmp"
	"fmt"
	"slices"
)

// Move is one partition of a reassignment: its replicas now and after,
// the preferred leader first in each.
type Move struct {
	Topic     string
	Partition int32
	From, To  []int32
	// Bytes is the partition's size at its leader, what each replica
	// added copies; -1 when the brokers did not say.
	Bytes int64
}

// Adding are the brokers the move adds a replica on.
func (m Move) Adding() []int32 { return without(m.To, m.From) }

// Removing are the brokers the move takes a replica off.
func (m Move) Removing() []int32 { return without(m.From, m.To) }

// Copies is how many bytes the move copies: the partition once per
// replica added; -1 when unknown.
func (m Move) Copies() int64 {
	if n := len(m.Adding()); n == 0 || m.Bytes < 0 {
		return min(m.Bytes, 0)
	}
	return m.Bytes * int64(len(m.Adding()))
}

func without(a, b []int32) []int32 {
	var out []int32
	for _, id := range a {
		if !slices.Contains(b, id) {
			out = append(out, id)
		}
	}
	return out
}

// Reassignment is a plan of moves, by topic and partition.
type Reassignment struct {
	Moves []Move
}

// Copies is how many bytes the plan copies in all, and whether every
// move's size is known.
func (r Reassignment) Copies() (bytes int64, known bool) {
	known = true
	for _, m := range r.Moves {
		if c := m.Copies(); c < 0 {
			known = false
		} else {
			bytes = AddBytes(bytes, c)
		}
	}
	return bytes, known
}

// Brokers are every broker the plan touches, adding or removing, in order.
func (r Reassignment) Brokers() []int32 {
	var out []int32
	for _, m := range r.Moves {
		out = append(out, m.From...)
		out = append(out, m.To...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// BalanceOptions say what a balanced plan may use.
type BalanceOptions struct {
	Brokers           []int32 // the brokers to place replicas on; empty: all
	ReplicationFactor int     // the replicas each partition gets; 0 keeps each one's
}

// PlanBalance proposes where the topics' replicas should be so that each
// broker holds as many as the next (within one) and leads as many, moving
// as few replicas as it can: it starts from where they are and moves the
// smallest partitions first. It is rack-aware: no move leaves a partition
// on fewer racks than before, and replicas added go to racks the
// partition is not on yet.
func PlanBalance(topics []Topic, brokers []Broker, opt BalanceOptions) (Reassignment, error) {
	rack := map[int32]string{}
	var use []int32
	for _, b := range brokers {
		rack[b.ID] = b.Rack
		if len(opt.Brokers) == 0 || slices.Contains(opt.Brokers, b.ID) {
			use = append(use, b.ID)
		}
	}
	for _, id := range opt.Brokers {
		if _, ok := rack[id]; !ok {
			return Reassignment{}, fmt.Errorf("broker %d is not in the cluster", id)
		}
	}
	slices.Sort(use)
	b := balancer{rack: rack, use: use, replicas: map[int32]int{}, leaders: map[int32]int{}}
	for _, id := range use {
		b.replicas[id], b.leaders[id] = 0, 0
	}
	for _, t := range topics {
		for _, p := range t.Partitions {
			rf := cmp.Or(opt.ReplicationFactor, len(p.Replicas))
			if rf > len(use) {
				return Reassignment{}, fmt.Errorf("%s partition %d needs %d replicas, and %s to place them on", t.Name, p.ID, rf, Plural(len(use), "broker"))
			}
			size := int64(-1)
			if p.Sized {
				size = p.Bytes
			}
			kept := slices.DeleteFunc(slices.Clone(p.Replicas), func(id int32) bool { return !slices.Contains(use, id) })
			b.parts = append(b.parts, &placing{topic: t.Name, id: p.ID, from: p.Replicas, to: kept, rf: rf, bytes: size})
		}
	}
	// The smallest partitions are looked at first, so that the moves the
	// balance needs copy as little as they can.
	slices.SortStableFunc(b.parts, func(x, y *placing) int { return cmp.Compare(x.bytes, y.bytes) })
	for _, p := range b.parts {
		for _, id := range p.to {
			b.replicas[id]++
		}
	}
	b.fit()
	b.spreadReplicas()
	b.spreadLeaders()

	var plan Reassignment
	for _, p := range b.parts {
		if !slices.Equal(p.from, p.to) {
			plan.Moves = append(plan.Moves, Move{Topic: p.topic, Partition: p.id, From: p.from, To: p.to, Bytes: p.bytes})
		}
	}
	slices.SortFunc(plan.Moves, func(x, y Move) int {
		return cmp.Or(cmp.Compare(x.Topic, y.Topic), cmp.Compare(x.Partition, y.Partition))
	})
	return plan, nil
}

// placing is a partition as the balancer moves it.
type placing struct {
	topic    string
	id       int32
	from, to []int32
	rf       int
	bytes    int64
}

type balancer struct {
	rack              map[int32]string
	use               []int32
	parts             []*placing
	replicas, leaders map[int32]int
}

// fit gives each partition its replication factor: replicas off the
// brokers not used are gone already; it drops from the busiest brokers
// and adds on the least busy, on racks the partition is not on first.
func (b *balancer) fit() {
	for _, p := range b.parts {
		for len(p.to) > p.rf {
			// Keep the preferred leader: drop the busiest of the others.
			i := 1 + b.busiest(p.to[1:])
			b.replicas[p.to[i]]--
			p.to = slices.Delete(p.to, i, i+1)
		}
		for len(p.to) < p.rf {
			id := b.quietest(func(id int32) bool { return !slices.Contains(p.to, id) }, b.racks(p.to))
			b.replicas[id]++
			p.to = append(p.to, id)
		}
	}
}

// spreadReplicas moves replicas from the brokers that hold the most to
// those that hold the fewest until no two differ by more than one, or no
// move is left that keeps a partition's racks.
func (b *balancer) spreadReplicas() {
	for range len(b.parts) * len(b.use) {
		moved := false
		for _, hi := range b.byLoad(b.replicas, true) {
			for _, lo := range b.byLoad(b.replicas, false) {
				if b.replicas[hi]-b.replicas[lo] <= 1 {
					break
				}
				if b.moveReplica(hi, lo) {
					moved = true
					break
				}
			}
			if moved {
				break
			}
		}
		if !moved {
			return
		}
	}
}

// moveReplica moves one replica of some partition from hi to lo, the
// smallest partition it can without losing a rack.
func (b *balancer) moveReplica(hi, lo int32) bool {
	for _, p := range b.parts {
		i := slices.Index(p.to, hi)
		if i < 0 || slices.Contains(p.to, lo) {
			continue
		}
		next := slices.Clone(p.to)
		next[i] = lo
		if len(b.racks(next)) < len(b.racks(p.to)) {
			continue
		}
		p.to = next
		b.replicas[hi]--
		b.replicas[lo]++
		return true
	}
	return false
}

// spreadLeaders orders each partition's replicas so that every broker is
// the preferred leader of as many partitions as the next, within one,
// keeping the current order where it already is.
func (b *balancer) spreadLeaders() {
	for _, p := range b.parts {
		b.leaders[p.to[0]]++
	}
	for range len(b.parts) * len(b.use) {
		moved := false
		for _, hi := range b.byLoad(b.leaders, true) {
			for _, lo := range b.byLoad(b.leaders, false) {
				if b.leaders[hi]-b.leaders[lo] <= 1 {
					break
				}
				for _, p := range b.parts {
					i := slices.Index(p.to, lo)
					if p.to[0] != hi || i < 0 {
						continue
					}
					p.to[0], p.to[i] = p.to[i], p.to[0]
					b.leaders[hi]--
					b.leaders[lo]++
					moved = true
					break
				}
				if moved {
					break
				}
			}
			if moved {
				break
			}
		}
		if !moved {
			return
		}
	}
}

// byLoad is the brokers used, busiest first (desc) or quietest first,
// lower ids first among equals.
func (b *balancer) byLoad(load map[int32]int, desc bool) []int32 {
	out := slices.Clone(b.use)
	slices.SortStableFunc(out, func(x, y int32) int {
		if desc {
			return cmp.Compare(load[y], load[x])
		}
		return cmp.Compare(load[x], load[y])
	})
	return out
}

// busiest is the index in ids of the broker holding the most replicas.
func (b *balancer) busiest(ids []int32) int {
	best := 0
	for i, id := range ids {
		if b.replicas[id] > b.replicas[ids[best]] {
			best = i
		}
	}
	return best
}

// quietest is the used broker that holds the fewest replicas among those
// ok allows, on a rack not in racks if there is one.
func (b *balancer) quietest(ok func(int32) bool, racks map[string]bool) int32 {
	best, bestNew := int32(-1), false
	for _, id := range b.byLoad(b.replicas, false) {
		if !ok(id) {
			continue
		}
		isNew := !racks[b.rackOf(id)]
		if best < 0 || isNew && !bestNew {
			best, bestNew = id, isNew
		}
	}
	return best
}

// racks are the racks the brokers are on; brokers without one count as
// one rack of their own each, so a cluster without racks never refuses a
// move for them.
func (b *balancer) racks(ids []int32) map[string]bool {
	out := map[string]bool{}
	for _, id := range ids {
		out[b.rackOf(id)] = true
	}
	return out
}

func (b *balancer) rackOf(id int32) string {
	if r := b.rack[id]; r != "" {
		return r
	}
	return fmt.Sprintf("broker %d", id)
}
