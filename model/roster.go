package model

import (
	"cmp"
	"slices"
)

// BrokerStatus is a broker and whether the latest metadata listed it.
type BrokerStatus struct {
	Broker
	Up bool
}

// Roster remembers every broker seen this session. Kafka's metadata lists
// only live brokers, so without a memory a broker that dies just vanishes;
// with one it shows as down and counts against the total.
type Roster struct {
	brokers map[int32]BrokerStatus
}

// Observe records the brokers of the latest metadata.
func (r *Roster) Observe(c Cluster) {
	if r.brokers == nil {
		r.brokers = make(map[int32]BrokerStatus)
	}
	r.Unreachable()
	for _, b := range c.Brokers {
		r.brokers[b.ID] = BrokerStatus{Broker: b, Up: true}
	}
}

// Unreachable marks every broker down: the cluster did not answer, so
// none can be said to be up.
func (r *Roster) Unreachable() {
	for id, b := range r.brokers {
		b.Up = false
		r.brokers[id] = b
	}
}

// Counts are the live brokers and all brokers seen.
func (r Roster) Counts() (up, total int) {
	for _, b := range r.brokers {
		if b.Up {
			up++
		}
	}
	return up, len(r.brokers)
}

// Brokers lists every broker seen, by id.
func (r Roster) Brokers() []BrokerStatus {
	out := make([]BrokerStatus, 0, len(r.brokers))
	for _, b := range r.brokers {
		out = append(out, b)
	}
	slices.SortFunc(out, func(a, b BrokerStatus) int { return cmp.Compare(a.ID, b.ID) })
	return out
}
