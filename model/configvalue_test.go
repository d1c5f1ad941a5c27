package model

import (
	"strings"
	"testing"
)

func TestReadableConfig(t *testing.T) {
	for _, c := range [][3]string{
		{"retention.ms", "604800000", "604800000 (7d)"},
		{"retention.ms", "-1", "-1 (unlimited)"},
		{"segment.ms", "5400000", "5400000 (1h30m)"},
		{"retention.ms", "1209600000", "1209600000 (14d)"},
		{"retention.ms", "864000000", "864000000 (10d)"},
		{"max.message.bytes", "1048588", "1048588 (1.0 MiB)"},
		{"segment.bytes", "1073741824", "1073741824 (1 GiB)"},
		{"retention.bytes", "-1", "-1 (unlimited)"},
		{"segment.bytes", "512", "512"},
		{"cleanup.policy", "delete", "delete"},
		{"min.insync.replicas", "2", "2"},
	} {
		if got := ReadableConfig(c[0], c[1]); got != c[2] {
			t.Errorf("%s=%s: %q, want %q", c[0], c[1], got, c[2])
		}
	}
}

// What a user types becomes what Kafka takes; what Kafka would refuse is
// refused first, saying why (kfake took retention.ms=1h as a string;
// Apache Kafka refuses it).
func TestParseConfigValue(t *testing.T) {
	for _, c := range [][3]string{
		{"retention.ms", "7d", "604800000"},
		{"retention.ms", "1h", "3600000"},
		{"retention.ms", "1h30m", "5400000"},
		{"retention.ms", "1.5s", "1500"},
		{"retention.ms", "-1", "-1"},
		{"retention.ms", " 86400000 ", "86400000"},
		{"segment.bytes", "1 GiB", "1073741824"},
		{"segment.bytes", "512MiB", "536870912"},
		{"retention.bytes", "10 GB", "10000000000"},
		{"retention.bytes", "1.5KiB", "1536"},
		{"cleanup.policy", "compact,delete", "compact,delete"},
		{"unclean.leader.election.enable", "true", "true"},
		{"message.downconversion.enable", "false", "false"},
	} {
		got, err := ParseConfigValue(c[0], c[1])
		if err != nil || got != c[2] {
			t.Errorf("%s=%q: %q %v, want %q", c[0], c[1], got, err, c[2])
		}
	}
	for _, c := range [][3]string{
		{"retention.ms", "a week", "retention.ms is milliseconds, or a duration such as 7d"},
		{"retention.ms", "-5", "retention.ms is milliseconds"},
		{"retention.ms", "1.5ms", "not a whole number of milliseconds"},
		{"segment.bytes", "lots", "segment.bytes is bytes, or a size such as 1 GiB"},
		{"cleanup.policy", "compacted", `cleanup.policy is one of delete, compact, compact,delete, delete,compact, not "compacted"`},
		{"compression.type", "brotli", "compression.type is one of"},
		{"unclean.leader.election.enable", "yes", "is true or false"},
		{"min.insync.replicas", "0", "1 or more"},
	} {
		if _, err := ParseConfigValue(c[0], c[1]); err == nil || !strings.Contains(err.Error(), c[2]) {
			t.Errorf("%s=%q: err %v, want %q", c[0], c[1], err, c[2])
		}
	}
}

func TestParseQuotaValue(t *testing.T) {
	for _, c := range []struct {
		key, typed string
		want       float64
	}{{"producer_byte_rate", "1MiB", 1 << 20}, {"consumer_byte_rate", "1048576", 1 << 20}, {"request_percentage", "50.5", 50.5}} {
		if got, err := ParseQuotaValue(c.key, c.typed); err != nil || got != c.want {
			t.Errorf("%s=%s: %v %v", c.key, c.typed, got, err)
		}
	}
	for _, c := range [][2]string{{"producer_byte_rate", "fast"}, {"request_percentage", "-1"}} {
		if _, err := ParseQuotaValue(c[0], c[1]); err == nil {
			t.Errorf("%s=%s accepted", c[0], c[1])
		}
	}
}
