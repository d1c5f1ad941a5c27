package main

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kscope/kscope/kafka"
	"github.com/kscope/kscope/kafka/clustertest"
	"github.com/kscope/kscope/ui"
	"github.com/kscope/kscope/ui/uitest"
)

// A user whose ACLs allow one topic and deny the rest gets a TUI that
// works on what she may see: the topic she may read is listed and
// tailed, the others are not listed, and nothing shows as failed.
func TestTUIWorksOnWhatTheACLsAllow(t *testing.T) {
	cluster := clustertest.Apache(t)
	real := cluster.Real
	allowed := cluster.Topic(t, "allowed", 1, nil)
	denied := cluster.Topic(t, "denied", 1, nil)
	produce := cluster.Client(t)
	if err := produce.ProduceSync(t.Context(), recordTo(allowed, "visible to alice")).FirstErr(); err != nil {
		t.Fatal(err)
	}
	acl := kadm.NewACLs().Allow("User:"+real.User.User).AllowHosts().Topics(allowed).
		ResourcePatternType(kadm.ACLPatternLiteral).Operations(kadm.OpDescribe, kadm.OpRead)
	if res, err := cluster.Admin(t).CreateACLs(t.Context(), acl); err != nil || res[0].Err != nil {
		t.Fatalf("grant: %v %+v", err, res)
	}

	c, err := kafka.New(kafka.Config{Brokers: real.SASLAddrs, SASL: &kafka.SASL{Mechanism: "SCRAM-SHA-512", User: real.User.User, Password: real.User.Password}})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	d := uitest.Start(t, ui.New(c, ui.Options{Name: "apache as alice", Refresh: 500 * time.Millisecond}), 120, 20)
	defer d.Quit()
	screen := d.WaitFor(allowed, "connected")
	if strings.Contains(screen, denied) || strings.Contains(strings.ToLower(screen), "not authorized") {
		t.Errorf("alice's topics pane:\n%s", screen)
	}
	d.Type(":", "tail "+allowed+" beginning", "enter")
	d.WaitFor("visible to alice")
}

func recordTo(topic, value string) *kgo.Record {
	return &kgo.Record{Topic: topic, Value: []byte(value)}
}

// kscope acl previews exactly the binding it would create or delete, and
// changes it only with --execute; read-only mode refuses the change.
func TestACLCommands(t *testing.T) {
	cluster := clustertest.Apache(t)
	topic := cluster.Topic(t, "acl-cli", 1, nil)
	addr := strings.Join(cluster.Addrs, ",")
	ks := func(args ...string) (string, string, int) { return run(t, "", kscope, append(args, "-b", addr)...) }
	principal := "User:" + cluster.Real.User.User
	binding := "ALLOW " + principal + " to READ TOPIC " + topic + " (LITERAL) from *"
	create := []string{"acl", "create", "--principal", principal, "--operation", "read", "--topic", topic}
	if out, errOut, code := ks(create...); code != 0 || out != "would create 1 binding (nothing changes without --execute):\n  "+binding+"\n" {
		t.Fatalf("preview: %d %q %q", code, out, errOut)
	}
	listed := func() string {
		out, errOut, code := ks("acl", "list", "--resource", topic, "-o", "json")
		if code != 0 {
			t.Fatalf("list: %d %s", code, errOut)
		}
		return out
	}
	if out := listed(); strings.TrimSpace(out) != "[]" {
		t.Fatalf("a preview created: %s", out)
	}
	if _, errOut, code := ks(append(create, "--execute", "--read-only")...); code != 1 || !strings.Contains(errOut, "read-only") {
		t.Errorf("read-only: %d %q", code, errOut)
	}
	if out, errOut, code := ks(append(create, "--execute")...); code != 0 || out != "created "+binding+"\n" {
		t.Fatalf("create: %d %q %q", code, out, errOut)
	}
	t.Cleanup(func() { ks("acl", "delete", "--resource", topic, "--execute") })
	// The brokers learn a binding from the controller a moment after it
	// is made: the one asked may not have it yet.
	clustertest.WaitFor(t, "the binding listed", func() error {
		if out := listed(); !strings.Contains(out, `"principal": "`+principal+`"`) || !strings.Contains(out, `"operation": "READ"`) {
			return fmt.Errorf("listed: %s", out)
		}
		return nil
	})
	clustertest.WaitFor(t, "the binding in the delete's preview", func() error {
		if out, _, code := ks("acl", "delete", "--resource", topic); code != 0 || !strings.Contains(out, "would delete 1 binding") || !strings.Contains(out, binding) {
			return fmt.Errorf("delete preview: %d %q", code, out)
		}
		return nil
	})
	if _, errOut, code := ks("acl", "delete"); code != 2 || !strings.Contains(errOut, "would delete every ACL") {
		t.Errorf("a delete of everything: %d %q", code, errOut)
	}
	if out, errOut, code := ks("acl", "delete", "--resource", topic, "--execute"); code != 0 || out != "deleted "+binding+"\n" {
		t.Fatalf("delete: %d %q %q", code, out, errOut)
	}
	clustertest.WaitFor(t, "nothing listed after the delete", func() error {
		if out := listed(); strings.TrimSpace(out) != "[]" {
			return fmt.Errorf("after the delete: %s", out)
		}
		return nil
	})
}

// kscope user sets a SCRAM password from standard input (never the
// command line), after which the user can log in, and deletes the user.
func TestUserCommands(t *testing.T) {
	cluster := clustertest.Apache(t)
	addr := strings.Join(cluster.Addrs, ",")
	user := clustertest.Unique("carol")
	if out, errOut, code := run(t, "carol-secret\n", kscope, "user", "set", user, "-b", addr); code != 0 || out != "set the SCRAM-SHA-512 password of "+user+"\n" {
		t.Fatalf("set: %d %q %q", code, out, errOut)
	}
	// The brokers learn the credential from the controller a moment later.
	clustertest.WaitFor(t, user+" listed", func() error {
		out, _, _ := run(t, "", kscope, "user", "list", "-b", addr)
		for line := range strings.Lines(out) {
			if f := strings.Fields(line); len(f) > 0 && f[0] == user && strings.Contains(line, "SCRAM-SHA-512 (8192 iterations)") {
				return nil
			}
		}
		return fmt.Errorf("%s", out)
	})
	c, err := kafka.New(kafka.Config{Brokers: cluster.Real.SASLAddrs, SASL: &kafka.SASL{Mechanism: "SCRAM-SHA-512", User: user, Password: "carol-secret"}})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	clustertest.WaitFor(t, user+" logged in", func() error { _, err := c.Cluster(t.Context()); return err })
	if _, errOut, code := run(t, "", kscope, "user", "set", user, "-b", addr); code != 2 || !strings.Contains(errOut, "no password") {
		t.Errorf("no password: %d %q", code, errOut)
	}
	if out, errOut, code := run(t, "", kscope, "user", "delete", user, "--yes", "-b", addr); code != 0 || out != "deleted user "+user+"\n" {
		t.Fatalf("delete: %d %q %q", code, out, errOut)
	}
}

// kscope quota sets limits in human units on Apache Kafka, lists them,
// and removes one.
func TestQuotaCommands(t *testing.T) {
	cluster := clustertest.Apache(t)
	addr := strings.Join(cluster.Addrs, ",")
	user := clustertest.Unique("quota-cli")
	ks := func(args ...string) (string, string, int) { return run(t, "", kscope, append(args, "-b", addr)...) }
	if out, errOut, code := ks("quota", "set", "--user", user, "producer_byte_rate=1MiB", "request_percentage=50"); code != 0 ||
		out != "quota of user="+user+": set producer_byte_rate=1048576 (1 MiB/s), request_percentage=50\n" {
		t.Fatalf("set: %d %q %q", code, out, errOut)
	}
	t.Cleanup(func() {
		ks("quota", "set", "--user", user, "--remove", "producer_byte_rate", "--remove", "request_percentage")
	})
	// Other tests' quotas may share the cluster and widen the columns.
	limitsOf := func() string {
		out, _, _ := ks("quota", "list")
		for line := range strings.Lines(out) {
			if rest, ok := strings.CutPrefix(line, "user="+user+" "); ok {
				return strings.TrimSpace(rest)
			}
		}
		return ""
	}
	clustertest.WaitFor(t, "the quota listed", func() error {
		if got := limitsOf(); got != "producer_byte_rate=1048576 (1 MiB/s), request_percentage=50" {
			return fmt.Errorf("%q", got)
		}
		return nil
	})
	if _, errOut, code := ks("quota", "set", "--user", user, "producer_byte_rate=fast"); code != 2 || !strings.Contains(errOut, "producer_byte_rate is bytes") {
		t.Errorf("a bad value: %d %q", code, errOut)
	}
	// A key Kafka does not know is refused here, before a request.
	if _, errOut, code := ks("quota", "set", "--user", user, "consumer_rate=5"); code != 2 || !strings.Contains(errOut, `"consumer_rate" is not a quota Kafka knows`) {
		t.Errorf("an unknown key: %d %q", code, errOut)
	}
	if _, _, code := ks("quota", "set", "--user", user, "--remove", "request_percentage"); code != 0 {
		t.Fatal("remove failed")
	}
	clustertest.WaitFor(t, "one limit left", func() error {
		if got := limitsOf(); got != "producer_byte_rate=1048576 (1 MiB/s)" {
			return fmt.Errorf("%q", got)
		}
		return nil
	})
}
