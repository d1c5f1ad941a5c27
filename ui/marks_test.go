package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kscope/kscope/kafka/kafkatest"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/uitest"
)

// In a tail, x marks a record and X every one that matches; T sends the
// marked ones to a chosen topic byte for byte after a preview, and w
// saves them rather than every match.
func TestMarkedRecordsAreNotSentInReadOnlyMode(t *testing.T) {
	fake := kafkatest.Sample()
	fake.Append(orders(0, 3)...)
	app := New(fake, Options{Name: "test", Refresh: time.Hour, ReadOnly: true, Now: func() time.Time { return epoch }, Location: time.UTC})
	d := uitest.Start(t, app, 200, 20)
	d.Type(":", "tail orders beginning", "enter")
	s := d.WaitFor("seen 3")
	if strings.Contains(lastLine(s), "send marked") {
		t.Errorf("read-only mode offers to send:\n%s", lastLine(s))
	}
	d.Type("X", "T")
	s = d.WaitFor("read-only")
	if strings.Contains(s, "To topic") {
		t.Fatalf("a send dialog opened:\n%s", s)
	}
}

func TestMarkAndSendRecords(t *testing.T) {
	fake := kafkatest.Sample()
	fake.Append(orders(0, 9)...)
	app := New(fake, Options{Name: "test", Refresh: time.Hour, Now: func() time.Time { return epoch }, Location: time.UTC, SaveDir: t.TempDir()})
	d := uitest.Start(t, app, 120, 30)
	d.Type(":", "tail orders beginning", "enter")
	d.WaitFor("seen 9", "ord-00008")
	d.Type("T")
	d.WaitFor("no record is marked")

	d.Type("/", "shipped", "enter")
	d.WaitFor(`3 of 9 match "shipped"`)
	d.Type("X")
	d.WaitFor("3 marked", "marked 3 records")
	d.Type("esc") // the filter goes; the marks stay
	s := d.WaitUntil("every record again", func(s string) bool { return strings.Contains(s, "ord-00000") && !strings.Contains(s, "of 9 match") })
	if strings.Count(s, " +2 ") != 3 {
		t.Errorf("three rows should be marked:\n%s", s)
	}
	d.Type("g", "x") // the first record, ord-00000, created
	d.WaitFor("4 marked")

	// A topic that does not exist is refused in the form, before any
	// preview or question.
	d.Type("T")
	d.WaitFor("send marked records", "To topic")
	d.Fill("no-such-topic", "", "")
	s = d.WaitFor("no-such-topic:", "does not exist", "To topic")
	if strings.Contains(s, "applies this") {
		t.Fatalf("a missing destination reached the question:\n%s", s)
	}
	d.Type("esc")
	d.WaitUntil("the dialog to close", func(s string) bool { return !strings.Contains(s, "To topic") })

	d.Type("T")
	d.WaitFor("send marked records", "To topic")
	d.Fill("payments", "", "")
	preview := d.WaitFor("send these 4 records to payments, partitions chosen by key", "y applies this")
	t.Run("preview", func(t *testing.T) { uitest.Golden(t, preview) })
	d.Type("y")
	d.WaitFor("sent 4 records to payments")
	var sent []model.Record
	for p := range int32(3) {
		sent = append(sent, logOf(t, fake, "payments", p)...)
	}
	if len(sent) != 4 {
		t.Fatalf("payments holds %d records, want 4", len(sent))
	}
	for _, r := range sent {
		if !strings.Contains(string(r.Value), `"shipped"`) && !strings.Contains(string(r.Value), "ord-00000") || len(r.Headers) != 1 {
			t.Errorf("sent %s", r.Value)
		}
	}

	d.Type("w")
	s = d.WaitFor("saved 4 records")
	dir := app.opts.SaveDir
	files, _ := filepath.Glob(filepath.Join(dir, "*.jsonl"))
	if len(files) != 1 {
		t.Fatalf("saved files: %v\n%s", files, s)
	}
	data, _ := os.ReadFile(files[0])
	if n := strings.Count(string(data), "\n"); n != 4 {
		t.Errorf("saved %d lines, want the 4 marked", n)
	}
}

// A send that a destination partition refuses partway says how many were
// sent, and sent again sends only the rest: every record lands once. The
// TUI and kscope copy share the sender that keeps this.
func TestSendAfterARefusalSendsOnlyTheRest(t *testing.T) {
	fake := kafkatest.Sample()
	fake.Append(orders(0, 9)...)
	fake.Refuse("payments", 1, kafkatest.Refusal{Err: errors.New("NOT_ENOUGH_REPLICAS")})
	app := New(fake, Options{Name: "test", Refresh: time.Hour, Now: func() time.Time { return epoch }, Location: time.UTC, SaveDir: t.TempDir()})
	d := uitest.Start(t, app, 120, 30)
	d.Type(":", "tail orders beginning", "enter")
	d.WaitFor("seen 9", "ord-00008")
	d.Type("X")
	d.WaitFor("9 marked")
	d.Type("T")
	d.WaitFor("To topic")
	d.Fill("payments", "", "")
	d.WaitFor("send these 9 records to payments")
	d.Type("y")
	s := d.WaitFor("of 9 to payments", "NOT_ENOUGH_REPLICAS", "submitting again sends only the rest")
	var sent int
	if _, err := fmt.Sscanf(s[strings.Index(s, "sent "):], "sent %d of 9", &sent); err != nil || sent == 0 || sent == 9 {
		t.Fatalf("sent %d (%v); want some, not all:\n%s", sent, err, s)
	}
	fake.Heal()
	d.Type("enter") // the form is back, on its last field
	d.WaitFor(fmt.Sprintf("send these %d records to payments", 9-sent))
	d.Type("y")
	d.WaitFor(fmt.Sprintf("sent %d records to payments", 9-sent))
	seen := map[string]int{}
	for p := range int32(3) {
		for _, r := range logOf(t, fake, "payments", p) {
			seen[string(r.Value)]++
		}
	}
	for _, r := range orders(0, 9) {
		if seen[string(r.Value)] != 1 {
			t.Errorf("%s landed %d times", r.Value, seen[string(r.Value)])
		}
	}
}

// held answers a produce call's first n records, then holds the rest until
// the call's context ends, as a slow cluster does.
type held struct {
	*kafkatest.Fake
	calls   atomic.Int32
	waiting chan struct{}
}

func (h *held) Produce(ctx context.Context, rs []model.Record) ([]model.Produced, error) {
	if h.calls.Add(1) == 1 {
		return h.Fake.Produce(ctx, rs)
	}
	close(h.waiting)
	<-ctx.Done()
	out := make([]model.Produced, len(rs))
	for i := range out {
		out[i].Err = ctx.Err()
	}
	return out, nil
}

// ctrl+c while a send is in flight asks first; asked again, it stops the
// send and quits, and what the send had sent and had not is kept for the
// program to print as it ends.
func TestInterruptDuringASendAsksAndSaysWhatWasSent(t *testing.T) {
	fake := &held{Fake: kafkatest.Sample(), waiting: make(chan struct{})}
	fake.Append(orders(0, 8000)...)
	app := New(fake, Options{Name: "test", Refresh: time.Hour, Now: func() time.Time { return epoch }, Location: time.UTC, SaveDir: t.TempDir()})
	d := uitest.Start(t, app, 160, 30)
	d.Type(":", "tail orders beginning", "enter")
	d.WaitFor("seen 8,000")
	d.Type("X")
	d.WaitFor("8,000 marked")
	d.Type("T")
	d.WaitFor("To topic")
	d.Fill("payments", "", "")
	d.WaitFor("send these 8,000 records to payments")
	d.Type("y")
	<-fake.waiting
	d.Type("ctrl+c")
	d.WaitFor("send marked records is writing to the cluster: ctrl+c again stops it")
	d.Type("ctrl+c")
	select {
	case <-d.Done():
	case <-time.After(time.Minute):
		t.Fatal("the program did not quit once the send had stopped")
	}
	cut := app.CutWrites()
	if len(cut) != 1 || !strings.Contains(cut[0], "sent 5,000 of 8,000 to payments") || !strings.Contains(cut[0], "stopped") {
		t.Errorf("cut short: %q", cut)
	}
}
