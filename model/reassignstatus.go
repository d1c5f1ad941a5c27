package model

import (
	"fmt"
	"strconv"
	"strings"
)

// Moving is a partition being reassigned now, as ListPartitionReassignments
// says: its replicas (old and new together), those being added and those
// to be removed once they are in sync.
type Moving struct {
	Topic            string
	Partition        int32
	Replicas         []int32
	Adding, Removing []int32
	// BytesLeft is what the replicas being added have still to copy: the
	// leader's size less theirs; -1 when the brokers did not say.
	BytesLeft int64
}

// Original are the brokers the partition was on before the move: where
// cancelling it puts it back.
func (m Moving) Original() []int32 { return without(m.Replicas, m.Adding) }

// Throttle is a replication throttle: the rate on brokers, and the
// replicas of topics it holds back, as kafka-reassign-partitions.sh
// --throttle sets it.
type Throttle struct {
	Rate    int64   // bytes a second; 0 where none is set
	Brokers []int32 // those with a throttled rate set
	Topics  []string
}

// Set reports whether any of the throttle is in place.
func (t Throttle) Set() bool { return len(t.Brokers) > 0 || len(t.Topics) > 0 }

// String says what the throttle holds back, names escaped: "20 MiB/s on
// brokers 1,2,3; replicas of orders, payments".
func (t Throttle) String() string {
	var parts []string
	if len(t.Brokers) > 0 {
		ids := make([]string, len(t.Brokers))
		for i, b := range t.Brokers {
			ids[i] = strconv.Itoa(int(b))
		}
		parts = append(parts, FormatIEC(t.Rate)+"/s on brokers "+strings.Join(ids, ","))
	}
	if len(t.Topics) > 0 {
		names := make([]string, len(t.Topics))
		for i, n := range t.Topics {
			names[i] = Sanitize(n)
		}
		parts = append(parts, "replicas of "+strings.Join(names, ", "))
	}
	return strings.Join(parts, "; ")
}

// The configs a replication throttle is made of.
const (
	LeaderThrottleRate        = "leader.replication.throttled.rate"
	FollowerThrottleRate      = "follower.replication.throttled.rate"
	LeaderThrottledReplicas   = "leader.replication.throttled.replicas"
	FollowerThrottledReplicas = "follower.replication.throttled.replicas"
)

// ThrottledReplicas are, per topic, the replicas a throttle for the plan
// holds back, as Kafka's own tool sets them: on the leader side every
// current replica of a moving partition (any may lead the copy), on the
// follower side the replicas being added; each "partition:broker",
// comma-separated.
func (r Reassignment) ThrottledReplicas() (leader, follower map[string]string) {
	leader, follower = map[string]string{}, map[string]string{}
	add := func(to map[string]string, topic string, partition int32, brokers []int32) {
		var parts []string
		if to[topic] != "" {
			parts = append(parts, to[topic])
		}
		for _, b := range brokers {
			parts = append(parts, strconv.Itoa(int(partition))+":"+strconv.Itoa(int(b)))
		}
		if len(parts) > 0 {
			to[topic] = strings.Join(parts, ",")
		}
	}
	for _, m := range r.Moves {
		add(leader, m.Topic, m.Partition, m.From)
		add(follower, m.Topic, m.Partition, m.Adding())
	}
	return leader, follower
}

// ParseThrottle reads a replication throttle, a size a second: "50MB",
// "10 MiB", or bytes.
func ParseThrottle(typed string) (int64, error) {
	v, err := parseBytes("the throttle", strings.TrimSuffix(strings.TrimSpace(typed), "/s"))
	if err != nil {
		return 0, err
	}
	n, _ := strconv.ParseInt(v, 10, 64)
	if n <= 0 {
		return 0, fmt.Errorf("the throttle is a rate above 0, not %q", typed)
	}
	return n, nil
}
