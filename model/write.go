package model

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// ErrReadOnly is the cause of every write refused in read-only mode.
var ErrReadOnly = errors.New("read-only mode: kscope does not write to this cluster")

// Produced is where a produced record landed.
type Produced struct {
	Partition int32
	Offset    int64
	Err       error
	// Retriable says the cluster refused it for a while only (a leader
	// moving, a coordinator loading): sent again, it may be taken.
	Retriable bool
}

// NewTopic is a topic to create.
type NewTopic struct {
	Name              string
	Partitions        int32 // -1: the broker's default
	ReplicationFactor int16 // -1: the broker's default
	Configs           map[string]string
}

// MaxPartitions bounds the partitions kscope asks a topic to have: far
// above any topic in use (Kafka's own guidance is thousands per broker),
// far below a count that, from one typo, exhausts a broker's memory
// (2,147,483,647 took the embedded broker down).
const MaxPartitions = 50_000

// CheckPartitions refuses a partition count Kafka should not be sent.
func CheckPartitions(n int) error {
	if n < 1 || n > MaxPartitions {
		return fmt.Errorf("%d partitions: want 1 to %s", n, "50,000")
	}
	return nil
}

// Check refuses a new topic Kafka should not be sent; -1 leaves the
// partitions or replication factor to the broker's default.
func (t NewTopic) Check() error {
	if t.Partitions != -1 {
		if err := CheckPartitions(int(t.Partitions)); err != nil {
			return err
		}
	}
	if t.ReplicationFactor != -1 {
		return CheckReplicas(int(t.ReplicationFactor))
	}
	return nil
}

// CheckReplicas refuses a replication factor Kafka should not be sent
// (one past int16 would wrap when sent).
func CheckReplicas(n int) error {
	if n < 1 || n > math.MaxInt16 {
		return fmt.Errorf("replication factor %d: want 1 or more, at most the brokers there are", n)
	}
	return nil
}

// ConfigOwner is what configs belong to: a topic, or a broker.
type ConfigOwner struct {
	Topic  string // empty for a broker
	Broker int32
}

// TopicConfigs is the owner of a topic's configs.
func TopicConfigs(topic string) ConfigOwner { return ConfigOwner{Topic: topic} }

// BrokerConfigs is the owner of a broker's configs.
func BrokerConfigs(id int32) ConfigOwner { return ConfigOwner{Broker: id} }

// IsBroker reports whether the configs are a broker's.
func (o ConfigOwner) IsBroker() bool { return o.Topic == "" }

// String names the owner as a sentence does: "orders", "broker 1".
func (o ConfigOwner) String() string {
	if o.IsBroker() {
		return fmt.Sprintf("broker %d", o.Broker)
	}
	return o.Topic
}

// ConfigEntry is one configuration value of a topic or a broker.
type ConfigEntry struct {
	Name      string
	Value     string
	Source    string // default, topic, broker, broker default, static broker
	Sensitive bool   // the value is hidden by the broker
	// ReadOnly: a broker config that cannot change while the broker runs
	// (only server.properties and a restart change it).
	ReadOnly bool
}

// IsDefault reports whether the value is the built-in default rather than
// set for the topic or its brokers.
func (c ConfigEntry) IsDefault() bool { return c.Source == "default" }

// ResetKind is where a reset moves a group's offsets.
type ResetKind int

const (
	ToEarliest ResetKind = iota
	ToLatest
	ToOffset
	ToTime
	ShiftBy
)

// ResetTarget is where a reset moves a group's offsets.
type ResetTarget struct {
	Kind   ResetKind
	Offset int64     // ToOffset
	Time   time.Time // ToTime
	Shift  int64     // ShiftBy
}

// ParseResetTarget reads a reset target:
//
//	earliest, latest         the start or the end of each partition
//	1234                     an offset
//	+10, -10                 shift the committed offset by N
//	-15m, 2026-11-25T09:30Z  the first offset at or after a time
func ParseResetTarget(s string, now time.Time) (ResetTarget, error) {
	s = strings.TrimSpace(s)
	switch strings.ToLower(s) {
	case "earliest", "beginning", "start", "oldest":
		return ResetTarget{Kind: ToEarliest}, nil
	case "latest", "end", "now":
		return ResetTarget{Kind: ToLatest}, nil
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		if strings.HasPrefix(s, "+") || strings.HasPrefix(s, "-") {
			return ResetTarget{Kind: ShiftBy, Shift: n}, nil
		}
		return ResetTarget{Kind: ToOffset, Offset: n}, nil
	}
	if t, ok := parseTime(s, now); ok {
		return ResetTarget{Kind: ToTime, Time: t}, nil
	}
	return ResetTarget{}, fmt.Errorf("reset to %q: want earliest, latest (or now), an offset, +N or -N to shift, a duration ago like -15m, an RFC 3339 time, or a local time like \"2026-11-25 09:30\", 09:30 or \"yesterday 09:30\"", s)
}

func (t ResetTarget) String() string {
	switch t.Kind {
	case ToEarliest:
		return "earliest"
	case ToLatest:
		return "latest"
	case ToOffset:
		return "offset " + strconv.FormatInt(t.Offset, 10)
	case ToTime:
		return t.Time.UTC().Format(time.RFC3339)
	}
	return fmt.Sprintf("shift by %+d", t.Shift)
}

// NewOffset is where the target puts a partition whose committed offset
// is current (-1 for none) and which holds [start, end); atTime is the
// first offset at or after the target's time. The result stays within the
// partition, as Kafka would refuse a commit outside it.
func (t ResetTarget) NewOffset(current, start, end, atTime int64) (int64, error) {
	var n int64
	switch t.Kind {
	case ToEarliest:
		n = start
	case ToLatest:
		n = end
	case ToOffset:
		n = t.Offset
	case ToTime:
		n = atTime
		if n < 0 {
			n = end
		}
	case ShiftBy:
		if current < 0 {
			return 0, errors.New("nothing committed to shift from")
		}
		n = current + t.Shift
	}
	return min(max(n, start), end), nil
}

// ResetRow is one partition of a reset: where the group is, and where it
// will be.
type ResetRow struct {
	TopicPartition
	Current    int64 // -1: nothing committed
	New        int64
	Start, End int64
	Err        error // this partition cannot be reset
}

// LagAfter is the lag the group will have here after the reset.
func (r ResetRow) LagAfter() int64 { return r.End - r.New }

// ResetPlan is a reset worked out but not yet applied: what a user sees
// before confirming.
type ResetPlan struct {
	Group  string
	Target ResetTarget
	Rows   []ResetRow
}
