package main

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kscope/kscope/kafka/clustertest"
)

func TestProduceThenKcatReads(t *testing.T) {
	needKcat(t)
	addr, _ := serveDemo(t)
	ks := func(stdin string, args ...string) (string, string, int) {
		return run(t, stdin, kscope, append(args, "-b", addr)...)
	}
	if out, errOut, code := ks("", "topic", "create", "made", "-p", "3", "-r", "1", "--set", "retention.ms=3600000"); code != 0 || out != "created topic made\n" {
		t.Fatalf("create: %d %q %q", code, out, errOut)
	}
	// --config is the global flag, the config file, here too.
	if _, errOut, code := ks("", "topic", "create", "other", "--config", "/nonexistent/kscope.yaml"); code != 2 || !strings.Contains(errOut, "/nonexistent/kscope.yaml") {
		t.Errorf("topic create --config FILE: exit %d, %q", code, errOut)
	}
	out, errOut, code := ks("one\ntwo\nthree\n", "produce", "made", "--key", "k1", "-H", "source=cli", "-H", "source=again", "-p", "2")
	if code != 0 || out != "produced 3 records to made\n" {
		t.Fatalf("produce: %d %q %q", code, out, errOut)
	}
	read, _, _ := run(t, "", "kcat", "-C", "-b", addr, "-t", "made", "-e", "-q", "-f", "%p %k %s %h\n")
	want := "2 k1 one source=cli,source=again\n2 k1 two source=cli,source=again\n2 k1 three source=cli,source=again\n"
	if read != want {
		t.Errorf("kcat read:\n%s\nwant:\n%s", read, want)
	}
	if _, errOut, code := ks("x\n", "produce", "missing"); code != 1 || !strings.Contains(errOut, `topic "missing" does not exist; create it with kscope topic create missing`) {
		t.Errorf("produce to a missing topic: %d %q", code, errOut)
	}

	if out, _, code := ks("", "topic", "config", "made"); code != 0 || !strings.Contains(out, "retention.ms") || !strings.Contains(out, "3600000") || !strings.Contains(out, "topic") {
		t.Errorf("config:\n%s", out)
	}
	if _, _, code := ks("", "topic", "config", "made", "retention.ms=60000"); code != 0 {
		t.Error("config set failed")
	}
	if out, _, _ := ks("", "topic", "config", "made"); !strings.Contains(out, "60000") {
		t.Errorf("after set:\n%s", out)
	}
	if _, _, code := ks("", "topic", "partitions", "made", "5"); code != 0 {
		t.Error("partitions failed")
	}
	if md, _, _ := run(t, "", "kcat", "-L", "-b", addr, "-t", "made"); !strings.Contains(md, "with 5 partitions") {
		t.Errorf("kcat after adding partitions:\n%s", md)
	}

	// Deleting needs the name typed; anything else changes nothing.
	if _, errOut, code := ks("nope\n", "topic", "delete", "made"); code != 1 || !strings.Contains(errOut, "not confirmed: nothing was changed") {
		t.Errorf("unconfirmed delete: %d %q", code, errOut)
	}
	if md, _, _ := run(t, "", "kcat", "-L", "-b", addr, "-t", "made"); !strings.Contains(md, `topic "made"`) {
		t.Error("an unconfirmed delete deleted")
	}
	if out, _, code := ks("made\n", "topic", "delete", "made"); code != 0 || out != "deleted topic made\n" {
		t.Errorf("confirmed delete: %d %q", code, out)
	}
	if md, _, _ := run(t, "", "kcat", "-L", "-b", addr); strings.Contains(md, `topic "made"`) {
		t.Error("kcat still lists the deleted topic")
	}
}

func TestGroupResetAppliesThePreview(t *testing.T) {
	addr, _ := serveDemo(t)
	// analytics-etl, the demo's stopped group, has committed half of clickstream.
	ks := func(args ...string) (string, string, int) { return run(t, "", kscope, append(args, "-b", addr)...) }
	cl, err := kgo.NewClient(kgo.SeedBrokers(addr))
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	adm := kadm.NewClient(cl)
	committed := func() map[int32]int64 {
		got, err := adm.FetchOffsets(context.Background(), "analytics-etl")
		if err != nil {
			t.Fatal(err)
		}
		out := map[int32]int64{}
		for p, o := range got["clickstream"] {
			out[p] = o.At
		}
		return out
	}
	before := committed()
	out, _, code := ks("group", "reset", "analytics-etl", "--topic", "clickstream", "-p", "0,1", "--to", "+10")
	if code != 0 || !strings.Contains(out, "nothing changed: run again with --execute") {
		t.Fatalf("preview: %d\n%s", code, out)
	}
	if after := committed(); after[0] != before[0] {
		t.Fatal("the preview changed offsets")
	}
	out, _, code = ks("group", "reset", "analytics-etl", "--topic", "clickstream", "-p", "0,1", "--to", "+10", "--execute")
	if code != 0 {
		t.Fatalf("execute: %d\n%s", code, out)
	}
	after := committed()
	for p := range int32(12) {
		want := before[p]
		if p <= 1 {
			want += 10
		}
		if after[p] != want {
			t.Errorf("partition %d at %d, want %d", p, after[p], want)
		}
	}
	// order-service has a member: refused, with the reason.
	if _, errOut, code := ks("group", "reset", "order-service", "--topic", "orders", "--to", "earliest"); code != 1 || !strings.Contains(errOut, "active members; stop them first") {
		t.Errorf("active group: %d %q", code, errOut)
	}
}

func TestReadOnlyRefusesWriteCommands(t *testing.T) {
	addr, _ := serveDemo(t)
	for _, args := range [][]string{
		{"produce", "orders"},
		{"topic", "create", "x"},
		{"topic", "delete", "orders", "--yes"},
		{"topic", "partitions", "orders", "9"},
		{"topic", "config", "orders", "retention.ms=1"},
		{"group", "reset", "analytics-etl", "--topic", "clickstream", "--to", "earliest", "--execute"},
		{"group", "delete", "analytics-etl", "--yes"},
	} {
		out, errOut, code := run(t, "v\n", kscope, append(args, "-b", addr, "--read-only")...)
		if code != 1 || !strings.Contains(errOut, "read-only mode: kscope does not write to this cluster") || strings.Contains(out, "produced") {
			t.Errorf("kscope %v --read-only: exit %d %q %q", args, code, out, errOut)
		}
	}
	if out, _, _ := run(t, "", kscope, "topics", "-b", addr, "-o", "json"); !strings.Contains(out, `"name": "orders"`) || strings.Contains(out, `"name": "x"`) {
		t.Errorf("read-only commands changed the cluster:\n%s", out)
	}
}

// Configs in human units reach Apache Kafka as the numbers it takes, and
// a value it would refuse is refused first, with why, changing nothing.
func TestTopicConfigsInHumanUnitsOnApacheKafka(t *testing.T) {
	cluster := clustertest.Apache(t)
	addr := strings.Join(cluster.Addrs, ",")
	name := clustertest.Unique("human")
	ks := func(args ...string) (string, string, int) { return run(t, "", kscope, append(args, "-b", addr)...) }
	if _, errOut, code := ks("topic", "create", name, "-p", "1", "--set", "retention.ms=7d", "--set", "segment.bytes=512MiB"); code != 0 {
		t.Fatalf("create: %d %s", code, errOut)
	}
	t.Cleanup(func() { _, _ = cluster.Admin(t).DeleteTopics(context.Background(), name) })
	if out, errOut, code := ks("topic", "config", name, "retention.ms=1h"); code != 0 || out != "retention.ms of "+name+" set to 3600000 (1h)\n" {
		t.Fatalf("set: %d %q %q", code, out, errOut)
	}
	if _, errOut, code := ks("topic", "config", name, "retention.ms=soon"); code != 2 || !strings.Contains(errOut, "retention.ms is milliseconds, or a duration such as 7d") {
		t.Errorf("a value Kafka refuses: %d %q", code, errOut)
	}
	// A config change reaches each broker through the metadata log: the
	// one asked may answer with the old value for a moment.
	clustertest.WaitFor(t, "the brokers to hold the configs set", func() error {
		rcs, err := cluster.Admin(t).DescribeTopicConfigs(context.Background(), name)
		if err != nil {
			return err
		}
		got := map[string]string{}
		for _, c := range rcs[0].Configs {
			got[c.Key] = c.MaybeValue()
		}
		if got["retention.ms"] != "3600000" || got["segment.bytes"] != "536870912" {
			return fmt.Errorf("on the broker: retention.ms %s, segment.bytes %s", got["retention.ms"], got["segment.bytes"])
		}
		return nil
	})
	clustertest.WaitFor(t, "the listing to show them", func() error {
		if out, _, _ := ks("topic", "config", name); !strings.Contains(out, "536870912 (512 MiB)") || !strings.Contains(out, "3600000 (1h)") {
			return fmt.Errorf("config listing:\n%s", out)
		}
		return nil
	})
}
