package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/kscope/kscope/kafka/kafkatest"
	"github.com/kscope/kscope/ui/uitest"
)

// esc goes back to the view the user came from, each as it was: a search
// over a paused, filtered tail goes back to that tail with its records;
// the tail, opened from a topic's partitions, goes back to them.
func TestEscGoesBackToTheViewYouCameFrom(t *testing.T) {
	fake := kafkatest.Sample()
	fake.Append(orders(0, 20)...)
	d := start(t, fake, 140, 20)
	loaded(d)
	d.Type("/", "orders", "enter", "enter")
	d.WaitFor("topics › orders", "LEADER")
	d.Type(":", "tail orders beginning", "enter")
	d.WaitFor("seen 20")
	d.Type("space", "/", "cus-0001", "enter")
	d.WaitFor("⏸ paused", "3 of 20 match")
	d.Type(":", "search orders /ord-00013", "enter")
	d.WaitFor("✓ 1 match")
	d.Type("esc")
	s := d.WaitFor("tail orders", "⏸ paused")
	if !strings.Contains(s, "ord-00008") || strings.Contains(s, "ord-00002") {
		t.Errorf("the tail came back without its filter or records:\n%s", s)
	}
	d.Type("esc") // clears the filter
	d.WaitFor("ord-00019")
	d.Type("esc")
	d.WaitFor("topics › orders", "LEADER")
	d.Type("esc")
	d.WaitUntil("the topics list", func(s string) bool {
		return strings.Contains(s, `filter: "orders"`) && !strings.Contains(s, "topics › ")
	})
}

// :history lists each view once, never itself, with what it holds; enter
// goes back to one.
func TestHistoryListsEachViewOnce(t *testing.T) {
	fake := kafkatest.Sample()
	fake.Append(orders(0, 20)...)
	d := start(t, fake, 140, 20)
	loaded(d)
	d.Type(":", "tail orders beginning", "enter")
	d.WaitFor("seen 20")
	d.Type("space")
	d.Type(":", "topics", "enter", ":", "groups", "enter", ":", "topics", "enter", ":", "groups", "enter")
	d.Type(":", "history", "enter")
	s := d.WaitFor("VIEW", "HOLDS")
	rows := strings.Split(s, "\n")
	count := func(name string) (n int) {
		for _, r := range rows {
			if f := strings.Fields(r); len(f) > 1 && strings.Join(f[1:], " ") == name || len(f) > 2 && strings.HasPrefix(strings.Join(f[1:], " "), name+"  ") {
				n++
			}
		}
		return n
	}
	if count("topics") != 1 || strings.Count(s, "tail orders") != 1 || strings.Contains(strings.Join(rows[3:], "\n"), " history") {
		t.Errorf("history lists a view twice, or itself:\n%s", s)
	}
	if !strings.Contains(s, "paused, 20 records") {
		t.Errorf("history does not say what the tail holds:\n%s", s)
	}
	if count("groups") != 0 {
		t.Errorf("history lists the view on screen:\n%s", s)
	}
	d.Type("down") // newest first: topics, then the tail
	d.Type("enter")
	d.WaitFor("tail orders", "⏸ paused")
}

// q asks before it drops what only this session has: a search under way,
// or a send still writing.
func TestQuitAsksDuringASearchAndASend(t *testing.T) {
	fake := kafkatest.Sample()
	fake.Append(orders(0, 20)...)
	d := start(t, fake, 160, 20)
	loaded(d)
	d.Type(":", "search orders /ord-0001", "enter")
	d.WaitFor("matches")
	d.Type("space") // stopped, keeping what it found: the search is not over
	d.Type("q")
	d.WaitFor("q again quits, losing search orders")
	d.Type("x") // no

	// A write still in flight when the dialog has been left: q asks, as
	// ctrl+c does, and asked again stops it and quits.
	app := New(fake, Options{Name: "test", Refresh: time.Hour, Now: func() time.Time { return epoch }})
	d = uitest.Start(t, app, 160, 20)
	loaded(d)
	ctx, end := app.common.Writes.Start("send marked records")
	d.Type("q")
	d.WaitFor("send marked records is writing to the cluster: q again stops it")
	d.Type("q")
	<-ctx.Done() // stopped, it says how far it got
	end("sent 0 of 10")
	select {
	case <-d.Done():
	case <-time.After(time.Minute):
		t.Fatal("q asked twice did not quit")
	}
}

// While a pane takes every key (a dialog, a prompt), the status line
// offers none of the app's own keys, which would not work there.
func TestHintsWhileAPaneTakesTheKeys(t *testing.T) {
	d := start(t, kafkatest.Sample(), 160, 20)
	loaded(d)
	d.Type("n")
	s := d.WaitFor("new topic")
	last := s[strings.LastIndex(s, "\n")+1:]
	if strings.Contains(last, "q quit") || strings.Contains(last, "? help") || strings.Contains(last, ": command") {
		t.Errorf("the status line offers keys the dialog takes: %q", last)
	}
}
