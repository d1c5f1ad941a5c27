package ui

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/kscope/kscope/kafka/kafkatest"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/uitest"
)

func startActions(t *testing.T, fake *kafkatest.Fake, readOnly bool) *uitest.Driver {
	t.Helper()
	app := New(fake, Options{Name: "test", Refresh: 20 * time.Millisecond, ReadOnly: readOnly,
		Now: func() time.Time { return epoch }, Location: time.UTC})
	d := uitest.Start(t, app, 110, 34)
	d.WaitFor("● connected", "orders")
	return d
}

// selectTopic moves the cursor to a topic through the filter.
func selectTopic(d *uitest.Driver, name string) {
	d.Type("/", name, "enter")
	d.WaitFor(`filter: "` + name + `"`)
}

func TestProduceFromTheTopicsPane(t *testing.T) {
	fake := kafkatest.Sample()
	d := startActions(t, fake, false)
	selectTopic(d, "payments")
	d.Type("P")
	form := d.WaitFor("produce to payments", "Partition")
	t.Run("form", func(t *testing.T) { uitest.Golden(t, form) })

	d.Fill("cus-7", `{"amount":12.5}`, "", "source=ui", "2")
	d.WaitFor("sent to partition 2 at offset 0; submit again to resend")
	// Submitting again, from the last field where the form comes back
	// focused, sends the same record again.
	d.Fill("")
	d.WaitFor("sent to partition 2 at offset 1")

	tail, _ := fake.Tail(context.Background(), model.TailRequest{Topic: "payments", Partitions: []int32{2}, Start: model.Start{Kind: model.FromBeginning}})
	b, _ := tail.Next(context.Background())
	if len(b.Records) != 2 {
		t.Fatalf("the fake holds %d records", len(b.Records))
	}
	r := b.Records[0]
	if string(r.Key) != "cus-7" || string(r.Value) != `{"amount":12.5}` || len(r.Headers) != 1 || r.Headers[0].Key != "source" {
		t.Errorf("produced %+v", r)
	}
	d.Type("esc")
	d.WaitFor("TOPIC", "payments")
}

func TestReadOnlyRefusesActions(t *testing.T) {
	d := startActions(t, kafkatest.Sample(), true)
	for _, k := range []string{"P", "n", "D", "+"} {
		d.Type(k)
		s := d.WaitFor("read-only mode: kscope does not write to this cluster")
		if strings.Contains(s, "esc closes") {
			t.Fatalf("%s opened a dialog in read-only mode:\n%s", k, s)
		}
		d.Type("j") // clears the notice
	}
	// Reading configs is allowed; editing them is not. (e edits the
	// selected row: wait for the rows.)
	d.Type("C")
	d.WaitFor("set, not default", "retention.ms")
	d.Type("e")
	d.WaitFor("read-only mode")
}

func TestCreateAndDeleteTopics(t *testing.T) {
	fake := kafkatest.Sample()
	d := startActions(t, fake, false)
	d.Type("n")
	d.WaitFor("new topic", "Replication factor")
	d.Type("bad name!", "enter")
	d.WaitFor("letters, digits, '.', '_' and '-'")
	for range len("bad name!") {
		d.Type("bksp")
	}
	d.Fill("billing", "4", "", "cleanup.policy=compact")
	d.WaitFor("created topic billing", "billing")
	// The notice shows in the dialog a frame before it closes.
	d.WaitUntil("the dialog to close", func(s string) bool { return !strings.Contains(s, "topics › new topic") })
	if cfg, _ := fake.TopicConfigs(context.Background(), "billing"); !hasConfig(cfg, "cleanup.policy", "compact", "topic") {
		t.Errorf("billing configs: %+v", cfg)
	}

	selectTopic(d, "billing")
	d.Type("D")
	d.WaitFor("Type billing to delete it")
	d.Type("bill", "enter")
	d.WaitFor("type the name exactly")
	d.Fill("ing")
	d.WaitFor("deleted topic billing")
	d.WaitUntil("billing gone", func(s string) bool { return strings.Contains(s, `no topics match "billing"`) })
}

func hasConfig(entries []model.ConfigEntry, name, value, source string) bool {
	for _, e := range entries {
		if e.Name == name {
			return e.Value == value && e.Source == source
		}
	}
	return false
}

func TestEditAConfig(t *testing.T) {
	fake := kafkatest.Sample()
	d := startActions(t, fake, false)
	selectTopic(d, "orders")
	d.Type("C")
	d.WaitFor("3 of 3 configs · 0 set, not default", "retention.ms")
	d.Type("j", "j", "e") // cleanup.policy, max.message.bytes, retention.ms
	d.WaitFor("set retention.ms of orders", "now 604800000 (7d), from default")
	for range len("604800000") {
		d.Type("bksp")
	}
	// What Kafka would refuse is refused in the field, saying why.
	d.Fill("soon")
	d.WaitFor("retention.ms is milliseconds, or a duration")
	for range len("soon") {
		d.Type("bksp")
	}
	// A duration in human units is sent as the milliseconds Kafka takes.
	d.Fill("1h")
	d.WaitFor("retention.ms of orders: 604800000 (7d) → 3600000 (1h)", "1 set, not default", "3600000 (1h)")
	entries, _ := fake.TopicConfigs(context.Background(), "orders")
	if !hasConfig(entries, "retention.ms", "3600000", "topic") {
		t.Errorf("configs %+v", entries)
	}
}

func TestResetOffsetsWithPreview(t *testing.T) {
	fake := kafkatest.Sample()
	fake.SetGroups(sampleGroups()...)
	fake.SetCommitLog(kafkatest.IdleCommitLog(sampleGroups()...))
	d := startActions(t, fake, false)
	d.Type(":", "groups", "enter")
	d.WaitFor("4 of 4 groups")
	d.Type("R") // analytics-etl, first: stopped, no members
	d.WaitFor("reset offsets of analytics-etl", "Reset to")
	d.Fill("", "", "-100")
	preview := d.WaitFor("nothing changes until you say yes", "reset the 2 partitions above: lag 950 → 980", "y applies this")
	t.Run("preview", func(t *testing.T) { uitest.Golden(t, preview) })
	d.Type("y")
	d.WaitFor("reset analytics-etl on clickstream to shift by -100: lag 950 → 980")
	gs, _ := fake.Groups(context.Background(), "analytics-etl")
	if p := gs[0].Partitions; p[0].Committed != 0 || p[1].Committed != 0 {
		t.Errorf("after the reset: %+v", p)
	}
}

// A group with members is refused at once, before any form is filled in
// vain; so is its deletion.
func TestResetOfAnActiveGroupIsRefusedBeforeTheForm(t *testing.T) {
	fake := kafkatest.Sample()
	fake.SetGroups(sampleGroups()...)
	fake.SetCommitLog(kafkatest.IdleCommitLog(sampleGroups()...))
	d := startActions(t, fake, false)
	d.Type(":", "groups", "enter")
	d.WaitFor("4 of 4 groups")
	d.Type("/", "order-service", "enter")
	d.WaitFor("1 of 4 groups")
	for _, k := range []string{"R", "D"} {
		d.Type(k)
		s := d.WaitFor(`group "order-service" has 2 active members; stop them first`)
		if strings.Contains(s, "esc closes") {
			t.Fatalf("%s opened a form for an active group:\n%s", k, s)
		}
	}
}

// A reset preview holds every partition: it scrolls, counts what is off
// screen, totals the lag, and y applies exactly those partitions.
func TestResetPreviewShowsEveryPartition(t *testing.T) {
	fake := kafkatest.Sample()
	offsets := make([][2]int64, 30)
	for i := range offsets {
		offsets[i] = [2]int64{int64(100 + i), 1000}
	}
	fake.SetGroups(kafkatest.Group("wide", "Empty", 0, "orders", offsets...))
	d := startActions(t, fake, false)
	d.Type(":", "groups", "enter")
	d.WaitFor("1 of 1 groups")
	d.Type("R")
	d.WaitFor("reset offsets of wide", "Reset to")
	d.Fill("", "", "latest")
	s := d.WaitFor("30 partitions · rows 1–", "more below", "reset the 30 partitions above: lag 26,565 → 0")
	last := regexp.MustCompile(`orders +29 `)
	if last.MatchString(s) {
		t.Fatalf("partition 29 shows before scrolling; the test's screen is too tall:\n%s", s)
	}
	d.Type("G")
	d.WaitUntil("the last partition", func(s string) bool {
		return last.MatchString(s) && strings.Contains(s, "of 30") && !strings.Contains(s, "more below")
	})
	d.Type("y")
	d.WaitFor("reset wide on orders to latest: lag 26,565 → 0")
	gs, _ := fake.Groups(context.Background(), "wide")
	for _, p := range gs[0].Partitions {
		if p.Committed != 1000 {
			t.Errorf("partition %d committed at %d after the reset", p.Partition, p.Committed)
		}
	}
}

// A dialog over a live tail does not stop it: what arrives meanwhile is
// there when the dialog closes.
func TestTailKeepsReadingUnderADialog(t *testing.T) {
	fake := kafkatest.Sample()
	fake.Append(orders(0, 3)...)
	d := startActions(t, fake, false)
	d.Type(":", "tail orders beginning", "enter")
	d.WaitFor("seen 3")
	d.Type("enter", "P") // the record, then produce a copy of it
	d.WaitFor("produce to orders", "cus-0002", "trace-id=t002")
	fake.Append(orders(3, 4)...)
	// Two quick escs close the dialog and at most the record under it
	// (if the second lands after the first has closed the dialog), never
	// the tail.
	d.Type("esc", "esc")
	s := d.WaitUntil("the dialog closed", func(s string) bool { return !strings.Contains(s, "produce to orders") })
	if strings.Contains(s, "tail orders › ") {
		d.Type("esc") // the record is still open: close it
	}
	s = d.WaitFor("seen 7", "ord-00006")
	if !strings.Contains(s, "tail orders") {
		t.Fatalf("the escs closed the tail:\n%s", s)
	}
}

// C on a broker lists its configs, sensitive ones masked, read-only ones
// said so and refused before any dialog; e edits a dynamic one for that
// broker, in human units, and says old → new.
func TestEditABrokerConfig(t *testing.T) {
	fake := kafkatest.Sample()
	d := startActions(t, fake, false)
	d.Type(":", "brokers", "enter")
	d.WaitFor("3 of 3 brokers up")
	d.Type("j", "C") // broker 1
	s := d.WaitFor("broker 1 · 5 of 5 configs · 0 set for this broker, 1 cluster-wide, 3 in server.properties", "log.retention.ms")
	t.Run("configs", func(t *testing.T) { uitest.Golden(t, s) })
	for _, want := range []string{"(sensitive)", "static broker, read-only", "604800000 (7d)", "1073741824 (1 GiB)"} {
		if !strings.Contains(s, want) {
			t.Errorf("no %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "ssl.keystore.password  ") && !strings.Contains(s, "(sensitive)") {
		t.Error("a sensitive value shown")
	}
	d.Type("j", "j", "j", "e") // log.cleaner.threads, log.retention.ms, log.segment.bytes, node.id
	d.WaitFor("node.id cannot change while the broker runs")
	d.Type("k", "k", "e") // log.retention.ms
	d.WaitFor("set log.retention.ms of broker 1", "now 604800000 (7d), from broker default")
	for range len("604800000") {
		d.Type("bksp")
	}
	d.Fill("3d")
	d.WaitFor("log.retention.ms of broker 1: 604800000 (7d) → 259200000 (3d)", "1 set for this broker, 0 cluster-wide")
	entries, _ := fake.BrokerConfigs(context.Background(), 1)
	if !hasConfig(entries, "log.retention.ms", "259200000", "broker") {
		t.Errorf("configs %+v", entries)
	}
	if other, _ := fake.BrokerConfigs(context.Background(), 2); hasConfig(other, "log.retention.ms", "259200000", "broker") {
		t.Error("the edit reached another broker")
	}
}
