package ui

import (
	"bytes"
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kscope/kscope/kafka/kafkatest"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/uitest"
)

// logOf is every record the fake holds for a partition of topic.
func logOf(t *testing.T, fake *kafkatest.Fake, topic string, partition int32) []model.Record {
	t.Helper()
	s, err := fake.Tail(context.Background(), model.TailRequest{Topic: topic, Partitions: []int32{partition}, Start: model.Start{Kind: model.FromBeginning}})
	if err != nil {
		return nil
	}
	// The fake answers what it holds at once; cancelled, an empty log
	// answers nothing rather than waiting for records.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	b, _ := s.Next(ctx)
	return b.Records
}

// An empty value is not a tombstone unless one is chosen; the result of a
// send shows even on an 80x24 screen.
func TestProduceSendsATombstoneOnlyWhenChosen(t *testing.T) {
	fake := kafkatest.Sample()
	app := New(fake, Options{Name: "test", Refresh: time.Hour, Now: func() time.Time { return epoch }, Location: time.UTC})
	d := uitest.Start(t, app, 80, 24)
	loaded(d)
	selectTopic(d, "payments")
	d.Type("P")
	d.WaitFor("produce to payments", "Key") // the form scrolls: at 80x24 not every field shows at once
	d.Fill("k", "", "", "", "1")
	d.WaitFor("the value is empty: type one, or choose to send a tombstone")
	if n := len(logOf(t, fake, "payments", 1)); n != 0 {
		t.Fatalf("an empty form sent %d records", n)
	}
	// The form comes back as it was, focused on the value the error is
	// about; this time the tombstone is chosen (left moves the confirm to
	// its affirmative).
	d.Fill("")
	d.Type("left")
	d.Fill("", "", "")
	s := d.WaitFor("sent a tombstone to partition 1 at offset 0", "┃ Partition") // back on the last field
	t.Run("sent", func(t *testing.T) { uitest.Golden(t, s) })
	log := logOf(t, fake, "payments", 1)
	if len(log) != 1 || log[0].Value != nil || string(log[0].Key) != "k" {
		t.Fatalf("sent %+v", log)
	}
}

// A copy of a record sent untouched is the same record, byte for byte:
// what a form field cannot hold (tabs, \r, escapes, invalid UTF-8, null
// header values) is kept aside and sent as it was.
func TestSendingAnUntouchedCopyIsByteIdentical(t *testing.T) {
	originals := []model.Record{
		{Key: []byte("k\tey"), Value: []byte("a\tb\r\nc\x1b[31md\xff"),
			Headers: []model.Header{{Key: "h\x1b", Value: []byte("v\r")}, {Key: "n", Value: nil}}},
		{Key: []byte("cus-1"), Value: []byte("{\n  \"a\": \"x y\"\n}"), Headers: []model.Header{{Key: "a", Value: []byte("1")}, {Key: "a", Value: []byte("")}}},
		{Key: []byte{}, Value: []byte{}},
		{Key: []byte{0, 1, 2}, Value: []byte{0xff, 0, 0x80}},
	}
	for i, orig := range originals {
		fake := kafkatest.Sample()
		orig.Topic, orig.Partition, orig.Timestamp = "payments", 0, epoch.UnixMilli()
		fake.Append(orig)
		d := startTail(t, fake, 120, 40, "tail payments beginning")
		d.WaitFor("seen 1")
		d.Type("enter", "P")
		d.WaitFor("produce to payments", "Partition")
		d.Fill("", "", "", "", "0")
		d.WaitFor("to partition 0 at offset 1")
		log := logOf(t, fake, "payments", 0)
		if len(log) != 2 {
			t.Fatalf("record %d: the log holds %d records", i, len(log))
		}
		got := log[1]
		if !sameBytes(got.Key, orig.Key) || !sameBytes(got.Value, orig.Value) || !sameHeaders(got.Headers, orig.Headers) {
			t.Errorf("record %d: sent\n key %q value %q headers %q\nwant\n key %q value %q headers %q",
				i, got.Key, got.Value, got.Headers, orig.Key, orig.Value, orig.Headers)
		}
		d.Quit()
	}
}

// sameBytes tells null from empty, as Kafka does.
func sameBytes(a, b []byte) bool { return (a == nil) == (b == nil) && bytes.Equal(a, b) }

func sameHeaders(a, b []model.Header) bool {
	return slices.EqualFunc(a, b, func(x, y model.Header) bool { return x.Key == y.Key && sameBytes(x.Value, y.Value) })
}

// Adding partitions starts from an empty field, states what it will do,
// and changes nothing until the user says yes.
func TestAddPartitionsIsStatedAndConfirmed(t *testing.T) {
	fake := kafkatest.Sample()
	d := startActions(t, fake, false)
	selectTopic(d, "payments") // 3 partitions
	d.Type("+")
	form := d.WaitFor("add partitions to payments", "Partitions in all (now 3)")
	if strings.Contains(form, "> 4") {
		t.Fatalf("the field is filled in:\n%s", form)
	}
	d.Type("2", "enter")
	d.WaitFor("a whole number above 3")
	d.Type("bksp")
	d.Fill("4")
	d.WaitFor("payments: 3 → 4 partitions, cannot be undone; keyed records will map to other partitions", "y applies this")
	if ts, _ := fake.Topics(context.Background(), "payments"); len(ts[0].Partitions) != 3 {
		t.Fatalf("the topic grew before the yes: %d partitions", len(ts[0].Partitions))
	}
	d.Type("y")
	d.WaitFor("payments now has 4 partitions")
	if ts, _ := fake.Topics(context.Background(), "payments"); len(ts[0].Partitions) != 4 {
		t.Fatalf("after the yes: %d partitions", len(ts[0].Partitions))
	}
}

// slowDeletes holds every topic deletion until released.
type slowDeletes struct {
	*kafkatest.Fake
	release chan struct{}
}

func (s slowDeletes) DeleteTopic(ctx context.Context, topic string) error {
	<-s.release
	return s.Fake.DeleteTopic(ctx, topic)
}

// Esc while a delete is on its way does not drop it: the dialog says the
// request cannot be called back, and its answer is reported when it comes.
func TestEscOnABusyDialogReportsTheOutcome(t *testing.T) {
	fake := slowDeletes{kafkatest.Sample(), make(chan struct{})}
	app := New(fake, Options{Name: "test", Refresh: 20 * time.Millisecond, Now: func() time.Time { return epoch }, Location: time.UTC})
	d := uitest.Start(t, app, 110, 30)
	loaded(d)
	selectTopic(d, "payments")
	d.Type("D")
	d.WaitFor("Type payments to delete it")
	d.Fill("payments")
	d.WaitFor("working…")
	d.Type("esc")
	d.WaitFor("the request is on its way and cannot be called back")
	close(fake.release)
	s := d.WaitFor("deleted topic payments")
	if strings.Contains(s, "delete topic payments") {
		t.Fatalf("the dialog stayed open:\n%s", s)
	}
}

// offers reports whether the screen names an action, as words: "produce"
// is not offered by "producers".
func offers(screen, action string) bool {
	return regexp.MustCompile(`\b` + regexp.QuoteMeta(action) + `\b`).MatchString(screen)
}

// Read-only mode offers no key that writes, in the status line or the
// help, and still refuses one pressed.
func TestReadOnlyOffersNoWriteKeys(t *testing.T) {
	fake := kafkatest.Sample()
	fake.SetGroups(sampleGroups()...)
	fake.SetCommitLog(kafkatest.IdleCommitLog(sampleGroups()...))
	d := startActions(t, fake, true)
	for _, screen := range []string{"topics", "groups"} {
		d.Type(":", screen, "enter")
		s := d.WaitFor("enter open")
		status := lastLine(s)
		for _, write := range []string{"produce", "new topic", "delete", "add partitions", "reset offsets"} {
			if offers(status, write) {
				t.Errorf("%s: the status line offers %q: %s", screen, write, status)
			}
		}
		d.Type("?")
		help := d.WaitFor("Commands")
		for _, write := range []string{"produce", "new topic", "add partitions", "reset offsets"} {
			if offers(help, write) {
				t.Errorf("%s: the help offers %q:\n%s", screen, write, help)
			}
		}
		d.Type("esc")
	}
	// The stopped group has no members: only read-only mode stands in the
	// way of deleting it. (D acts on the selected row: wait for the rows.)
	d.WaitFor("4 of 4 groups", "analytics-etl")
	d.Type("D")
	s := d.WaitFor("read-only mode: kscope does not write to this cluster")
	if strings.Contains(s, "esc closes") {
		t.Fatalf("D opened a dialog in read-only mode:\n%s", s)
	}
	if gs, _ := fake.Groups(context.Background()); len(gs) != 4 {
		t.Fatalf("%d groups left", len(gs))
	}
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return lines[len(lines)-1]
}

// A partition count no broker could hold is refused in the form, before
// anything is sent (on the embedded demo it would take kscope down).
func TestCreateTopicRefusesHugeCounts(t *testing.T) {
	fake := kafkatest.Sample()
	d := startActions(t, fake, false)
	d.Type("n")
	d.WaitFor("new topic", "Replication factor")
	d.Fill("huge")
	d.Type("2147483647", "enter")
	d.WaitFor("2147483647 partitions: want 1 to 50,000")
	if ts, _ := fake.Topics(context.Background(), "huge"); len(ts) == 1 && ts[0].Err == nil {
		t.Fatal("the topic was created")
	}
}

// An error too long for the screen's width is wrapped, not cut, and the
// form comes back focused on the field where enter was pressed.
func TestDialogErrorsShowInFull(t *testing.T) {
	fake := kafkatest.Sample()
	app := New(fake, Options{Name: "test", Refresh: time.Hour, Now: func() time.Time { return epoch }, Location: time.UTC})
	d := uitest.Start(t, app, 50, 30)
	loaded(d)
	d.Type("n")
	d.WaitFor("new topic", "Name")
	d.Fill("fresh", "", "", "retention.ms=forever")
	// The form comes back focused on the field where enter was pressed.
	s := d.WaitUntil("the error, and the focus on Configs", func(s string) bool {
		return strings.Contains(s, "forever") && strings.Contains(s, "┃ Configs")
	})
	words := strings.Join(strings.Fields(s), " ")
	_, e := model.ParseConfigs(map[string]string{"retention.ms": "forever"})
	if e == nil || !strings.Contains(words, strings.Join(strings.Fields(e.Error()), " ")) {
		t.Fatalf("the error is not shown whole (%v):\n%s", e, s)
	}
}
