package main

import (
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
