package model

import (
	"strings"
	"testing"
)

func TestQuotaEntity(t *testing.T) {
	for _, c := range []struct {
		user, client, ip string
		want             string // EntityText, or the error's start
	}{
		{"alice", "", "", "user=alice"},
		{"alice", "<default>", "", "user=alice, client-id=<default>"},
		{"", "", "10.0.0.1", "ip=10.0.0.1"},
		{"", "", "", "name a user"},
		{"alice", "", "10.0.0.1", "name a user"},
	} {
		e, err := QuotaEntity(c.user, c.client, c.ip)
		got := Quota{Entity: e}.EntityText()
		if err != nil {
			got = err.Error()
		}
		if !strings.HasPrefix(got, c.want) {
			t.Errorf("QuotaEntity(%q, %q, %q) = %q, want %q", c.user, c.client, c.ip, got, c.want)
		}
	}
}

// Limits are checked as the broker would, before anything is sent: known
// keys for the kind of entity, values that are numbers or sizes.
func TestParseQuotaLimits(t *testing.T) {
	user := []QuotaPart{{Type: "user", Name: "alice"}}
	ip := []QuotaPart{{Type: "ip", Name: "10.0.0.1"}}
	got, err := ParseQuotaLimits(user, []string{"producer_byte_rate=1MiB", " request_percentage = 50"})
	if err != nil || got["producer_byte_rate"] != 1<<20 || got["request_percentage"] != 50 || len(got) != 2 {
		t.Fatalf("got %v, %v", got, err)
	}
	for _, c := range []struct {
		entity []QuotaPart
		line   string
		want   string
	}{
		{user, "connection_creation_rate=5", `"connection_creation_rate" is not a quota Kafka knows for users and client ids`},
		{ip, "producer_byte_rate=5", `"producer_byte_rate" is not a quota Kafka knows for an IP`},
		{user, "producer_byte_rate", "want KEY=VALUE"},
		{user, "request_percentage=-1", "request_percentage is a number, 0 or more"},
	} {
		if _, err := ParseQuotaLimits(c.entity, []string{c.line}); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: got %v, want %q", c.line, err, c.want)
		}
	}
}

func TestCheckPrincipal(t *testing.T) {
	for p, ok := range map[string]bool{"User:alice": true, "User:*": true, "alice": false, "User:": false, ":alice": false, " User:alice": false} {
		if err := CheckPrincipal(p); (err == nil) != ok {
			t.Errorf("CheckPrincipal(%q) = %v", p, err)
		}
	}
}
