package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kscope/kscope/kafka"
	"github.com/kscope/kscope/ui"
	"github.com/kscope/kscope/ui/uitest"
)

const evil = uitest.Hostile

// hostileBroker is a kfake broker whose topic names, group ids, client
// ids, headers, keys, values and error messages all carry evil, as a
// compromised or buggy broker could send them. Its DescribeConfigs
// answers with an error message of evil.
func hostileBroker(t *testing.T) (addr, topic string) {
	t.Helper()
	c, err := kfake.NewCluster(kfake.NumBrokers(1))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	c.ControlKey(kmsg.DescribeConfigs.Int16(), func(req kmsg.Request) (kmsg.Response, error, bool) {
		c.KeepControl()
		resp := req.(*kmsg.DescribeConfigsRequest).ResponseKind().(*kmsg.DescribeConfigsResponse)
		for _, r := range req.(*kmsg.DescribeConfigsRequest).Resources {
			msg := "policy says " + evil
			resp.Resources = append(resp.Resources, kmsg.DescribeConfigsResponseResource{
				ErrorCode: kerr.PolicyViolation.Code, ErrorMessage: &msg, ResourceType: r.ResourceType, ResourceName: r.ResourceName})
		}
		return resp, nil, true
	})
	topic = "t" + evil
	ctx := context.Background()
	cl, err := kgo.NewClient(kgo.SeedBrokers(c.ListenAddrs()...), kgo.RecordPartitioner(kgo.ManualPartitioner()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cl.Close)
	adm := kadm.NewClient(cl)
	if _, err := adm.CreateTopic(ctx, 1, 1, nil, topic); err != nil {
		t.Fatal(err)
	}
	rec := &kgo.Record{Topic: topic, Key: []byte("k" + evil), Value: []byte("v" + evil), Headers: []kgo.RecordHeader{{Key: "h" + evil, Value: []byte("x" + evil)}}}
	if err := cl.ProduceSync(ctx, rec).FirstErr(); err != nil {
		t.Fatal(err)
	}
	offsets := kadm.Offsets{}
	offsets.Add(kadm.Offset{Topic: topic, Partition: 0, At: 0})
	if _, err := adm.CommitOffsets(ctx, "g"+evil, offsets); err != nil {
		t.Fatal(err)
	}
	// A live member with a hostile client id, in a group of its own.
	member, err := kgo.NewClient(kgo.SeedBrokers(c.ListenAddrs()...), kgo.ClientID("c"+evil),
		kgo.ConsumerGroup("m"+evil), kgo.ConsumeTopics(topic), kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(member.Close)
	pctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	for fs := member.PollFetches(pctx); fs.NumRecords() == 0 && pctx.Err() == nil; fs = member.PollFetches(pctx) {
	}
	if err := member.CommitUncommittedOffsets(pctx); err != nil {
		t.Fatal(err)
	}
	return c.ListenAddrs()[0], topic
}

// Against a hostile broker, through the real adapter over TCP, nothing
// the broker sent reaches the terminal raw: in the TUI's topics,
// partitions, tail, record, configs error, groups and group detail, and in
// the CLI's tables, text tail and error lines.
func TestHostileBrokerReachesNoTerminal(t *testing.T) {
	addr, topic := hostileBroker(t)

	client, err := kafka.New(kafka.Config{Brokers: []string{addr}, Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	d := uitest.Start(t, ui.New(client, ui.Options{Name: "hostile", Refresh: 200 * time.Millisecond, NoColor: true, Location: time.UTC}), 140, 30)
	check := func(where string, want ...string) {
		t.Helper()
		d.WaitFor(want...)
		uitest.AssertClean(t, where, d.Raw())
	}
	check("topics", "1 of 1 topics", `t\x1b[38;5;201mX`)
	d.Type("enter")
	check("partitions", "PARTITION", "· 1 partitions ·") // loaded: t acts on the selected row
	d.Type("t")
	d.WaitFor("waiting for records")
	d.Type("f", "beginning", "enter")
	check("tail", "6b1b5b33383b3") // the key, binary for its bell: shown as hex
	d.Type("enter")
	check("record", "── value", `h\x1b[38;5;201mX`)
	d.Type("esc", "esc")
	d.Type(":", "topics", "enter")
	check("topics again", "1 of 1 topics")
	d.Type("C")
	check("configs error", "cannot list configs")
	d.Type("esc")
	d.Type(":", "groups", "enter")
	check("groups", "2 of 2 groups")
	d.Type("j", "enter") // the stopped group first, then the one with a member
	check("group detail", `c\x1b[38;5;201mX`)

	for _, args := range [][]string{
		{"topics"},
		{"topics", "-o", "json"},
		{"lag"},
		{"tail", topic, "--from", "beginning", "-e", "-o", "text"},
		{"topic", "config", topic},
	} {
		out, errOut, _ := run(t, "", kscope, append(args, "-b", addr)...)
		for _, bad := range []string{"\x1b", "\x07", "\u009b", "\u202e", "\u2028"} {
			if strings.Contains(out+errOut, bad) {
				t.Errorf("kscope %s prints %q raw:\n%q\n%q", strings.Join(args, " "), bad, out, errOut)
			}
		}
	}
}
