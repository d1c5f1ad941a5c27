package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestTopicsAndTheirLifecycle(t *testing.T) {
	kscope(t, "", "topics").want(t, 0, "orders", "payments.avro", "PARTITIONS")
	var topics []map[string]any
	r := kscope(t, "", "topics", "-o", "json").want(t, 0)
	if err := json.Unmarshal([]byte(r.stdout), &topics); err != nil || len(topics) < 8 {
		t.Fatalf("topics -o json: %v\n%s", err, r.stdout)
	}
	kscope(t, "", "topic", "create", "cli-life", "-p", "2").want(t, 0, "cli-life")
	kscope(t, "", "topic", "partitions", "cli-life", "4").want(t, 0, "4")
	kscope(t, "", "topic", "partitions", "cli-life", "3").want(t, 1, "cli-life")
	kscope(t, "", "topic", "config", "cli-life", "retention.ms=3600000").want(t, 0, "retention.ms")
	kscope(t, "", "topic", "config", "cli-life").want(t, 0, "3600000")
	kscope(t, "not the name\n", "topic", "delete", "cli-life").want(t, 1, "not confirmed: nothing was changed")
	kscope(t, "cli-life\n", "topic", "delete", "cli-life").want(t, 0, "deleted topic cli-life")
	kscope(t, "", "topics", "--context", "other").want(t, 1)
	kscope(t, "", "topic", "create", "nope", "--context", "other").want(t, 1, "read-only")
}

// Records produced from lines are read back by tail and found by search,
// by key (in the key's partition) and by expression.
func TestProduceTailAndSearch(t *testing.T) {
	kscope(t, "", "topic", "create", "cli-pts", "-p", "3").want(t, 0)
	lines := `1|{"id":1,"status":"paid"}` + "\n" + `2|{"id":2,"status":"declined"}` + "\n" + `3|{"id":3,"status":"paid"}` + "\n"
	kscope(t, lines, "produce", "cli-pts", "-K", "|").want(t, 0, "3 records")
	r := kscope(t, "", "tail", "cli-pts", "--from", "beginning", "-e", "-o", "json").want(t, 0)
	if n := strings.Count(r.stdout, `"status`); n != 3 {
		t.Errorf("tail -e printed %d records:\n%s", n, r.stdout)
	}
	kscope(t, "", "tail", "cli-pts", "--from", "beginning", "-e", "-o", "text", "--filter", "declined").want(t, 0, `"id":2`)
	kscope(t, "", "search", "cli-pts", "--where", `value.status == "paid"`).want(t, 0, "2 matches; scanned 3 records in 3 of 3 partitions")
	kscope(t, "", "search", "cli-pts", "--key", "2").want(t, 0, "1 match; scanned", "scanning partition")
	kscope(t, "", "search", "cli-pts", "--where", "value.status ==").want(t, 2)
	kscope(t, "", "search", "cli-pts", "-o", "yaml", "--key", "1").want(t, 2, "want json or text")
	kscope(t, "", "search", "no-such-topic", "--key", "1").want(t, 1)
}

// A copy previews, then copies; a redrive previews where each dead
// letter goes back to.
func TestCopyAndRedrive(t *testing.T) {
	kscope(t, "", "topic", "create", "cli-src", "-p", "2").want(t, 0)
	kscope(t, "", "topic", "create", "cli-dst", "-p", "2").want(t, 0)
	kscope(t, "a\nb\nc\nd\n", "produce", "cli-src").want(t, 0)
	kscope(t, "", "copy", "cli-src", "cli-dst").want(t, 0, "would copy 4 records", "nothing is copied without --execute")
	kscope(t, "", "copy", "cli-src", "cli-dst", "--execute").want(t, 0, "copied 4 records")
	kscope(t, "", "copy", "cli-src", "cli-src").want(t, 2, "onto itself")
	kscope(t, "", "copy", "cli-src", "cli-missing", "--execute").want(t, 1, "cli-missing")
	kscope(t, "", "copy", "cli-src", "cli-dst", "--to", "beginning").want(t, 2, "--to")

	kscope(t, "", "topic", "create", "cli-dlq", "-p", "1").want(t, 0)
	kscope(t, `{"partition":0,"timestamp_ms":1796600000000,"value":"x","headers":[{"key":"kafka_dlt-original-topic","value":"cli-dst"}]}`+"\n"+`{"partition":0,"timestamp_ms":1796600000000,"value":"y"}`+"\n", "produce", "cli-dlq", "--jsonl", "-").want(t, 0)
	kscope(t, "", "redrive", "cli-dlq").want(t, 0, "would copy 1 record", "cli-dst (1)", "1 record without an origin header")
	kscope(t, "", "redrive", "cli-dlq", "--execute").want(t, 0, "copied 1 record")
}

func TestLagAndReset(t *testing.T) {
	kscope(t, "", "lag").want(t, 0, "order-service", "analytics-etl")
	kscope(t, "", "lag", "analytics-etl", "-o", "json").want(t, 0, `"group":"analytics-etl"`)
	kscope(t, "", "lag", "no-such-group").want(t, 1, `group "no-such-group" does not exist`)
	kscope(t, "", "lag", "--fail-on", "OK").want(t, 2, "--fail-on")
	kscope(t, "", "lag", "--changes").want(t, 2, "--changes needs --watch")
	kscope(t, "", "group", "reset", "analytics-etl", "--topic", "clickstream", "--to", "latest").want(t, 0, "nothing changed")
	kscope(t, "", "group", "reset", "analytics-etl", "--topic", "clickstream", "--to", "latest", "--execute").want(t, 0, "reset analytics-etl on clickstream to latest: lag")
	kscope(t, "", "lag", "analytics-etl", "-o", "json").want(t, 0, `"total_lag":0`)
	kscope(t, "", "group", "reset", "analytics-etl", "--topic", "clickstream").want(t, 2, "reset needs --topic and --to")
	kscope(t, "", "group", "reset", "analytics-etl", "--topic", "clickstream", "--to", "someday").want(t, 2)
}

func TestSecurityCommands(t *testing.T) {
	kscope(t, "", "acl", "create", "--principal", "User:cli", "--operation", "READ", "--topic", "orders").want(t, 0, "would create 1 binding")
	kscope(t, "", "acl", "create", "--principal", "User:cli", "--operation", "READ", "--topic", "orders", "--execute").want(t, 0, "created")
	kscope(t, "", "acl", "list", "--principal", "User:cli").want(t, 0, "User:cli", "orders")
	kscope(t, "", "acl", "list", "-o", "json").want(t, 0, `"User:cli"`)
	kscope(t, "", "acl", "delete", "--principal", "User:cli").want(t, 0, "would delete 1 binding")
	kscope(t, "", "acl", "delete", "--principal", "User:cli", "--execute").want(t, 0, "deleted")
	kscope(t, "", "acl", "delete").want(t, 2, "a filter of nothing would delete every ACL")
	kscope(t, "", "acl", "create", "--principal", "User:cli", "--operation", "READ").want(t, 2, "name one resource")

	kscope(t, "", "quota", "set", "--user", "cli", "producer_byte_rate=1MiB").want(t, 0, "quota of user=cli")
	kscope(t, "", "quota", "list").want(t, 0, "user=cli")
	kscope(t, "", "quota", "set", "--user", "cli").want(t, 2, "nothing to change")
	kscope(t, "s3cret-pass\n", "user", "set", "cli-user").want(t, 0, "cli-user")
	kscope(t, "", "user", "list").want(t, 0, "cli-user")
	kscope(t, "", "transactions").want(t, 0)
	kscope(t, "", "transactions", "-o", "json").want(t, 0, "[")
	kscope(t, "", "transactions", "--producers", "orders").want(t, 0)
	kscope(t, "", "transactions", "abort", "orders", "0", "12").want(t, 1, "no transaction is open on orders/0 from offset 12")
}

func TestConfigAndSchemas(t *testing.T) {
	kscope(t, "", "config", "list").want(t, 0, "demo", "other")
	kscope(t, "", "config", "current").want(t, 0, "brokers")
	kscope(t, "", "config", "example").want(t, 0, "contexts:")
	kscope(t, "", "schemas").want(t, 0, "payments.avro-value")
	kscope(t, "", "schemas", "-o", "json").want(t, 0, `"payments.avro-value"`)
	kscope(t, "", "schemas", "payments.avro-value").want(t, 0, `"type"`)
	kscope(t, "", "schemas", "payments.avro-value", "-o", "json").want(t, 0, `"schema"`)
	kscope(t, "", "__complete", "tail", "pay").want(t, 0, "payments")
	kscope(t, "", "__complete", "--context", "").want(t, 0, "demo", "other")
	kscope(t, "", "completion", "bash").want(t, 0, "kscope")
	kscope(t, "", "florb").want(t, 2, "unknown command")
}
