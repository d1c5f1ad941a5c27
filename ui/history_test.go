package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/kscope/kscope/kafka/kafkatest"
	"github.com/kscope/kscope/ui/uitest"
)

// A : command keeps the view it replaces: esc from :groups comes back to
// the same paused tail with the same buffer, and :history lists it.
func TestHistoryKeepsAPausedTail(t *testing.T) {
	fake := kafkatest.Sample()
	fake.Append(orders(0, 30)...)
	d := startTail(t, fake, 120, 16, "tail orders beginning")
	d.WaitFor("seen 30", "ord-00029")
	d.Type("/", "shipped", "enter")
	d.WaitFor(`10 of 30 match "shipped"`)
	d.Type("space")
	d.WaitFor("⏸ paused")

	d.Type(":", "groups", "enter")
	d.WaitFor("groups", "esc back")
	fake.Append(orders(30, 3)...) // a paused tail does not read them
	d.Type(":", "history", "enter")
	s := d.WaitFor("tail orders", `paused, 30 records, filter "shipped"`)
	t.Run("jumps", func(t *testing.T) { uitest.Golden(t, s) })
	d.Type("esc")
	d.WaitUntil("the jump list to close", func(s string) bool { return !strings.Contains(s, "HOLDS") })

	d.Type("esc")
	s = d.WaitFor("tail orders", "⏸ paused", "seen 30", "3 records held")
	if strings.Contains(s, "ord-00030") {
		t.Fatalf("the paused tail read on while away:\n%s", s)
	}
	d.Type("space")
	d.WaitFor("seen 33", "ord-00032") // shipped, so the filter shows it
}

// A following tail left for another view keeps following: back on it,
// what came meanwhile is there.
func TestHistoryKeepsAFollowingTailFollowing(t *testing.T) {
	fake := kafkatest.Sample()
	fake.Append(orders(0, 3)...)
	d := startTail(t, fake, 120, 16, "tail orders beginning")
	d.WaitFor("seen 3", "● following")
	d.Type(":", "brokers", "enter")
	d.WaitFor("brokers up")
	fake.Append(orders(3, 2)...)
	d.Type(":", "history", "enter")
	d.WaitFor("tail orders")
	d.Type("enter")
	d.WaitFor("seen 5", "ord-00004", "● following")
	// The view it jumped from is in history now; esc returns to it.
	d.Type("esc")
	d.WaitFor("brokers up")
}

// q closes what is open over the root view, as a pager's does, and on the
// root quits, asking once first when a tail holds what only this session
// has.
func TestQClosesOverlaysThenQuits(t *testing.T) {
	fake := kafkatest.Sample()
	fake.Append(orders(0, 3)...)
	d := startTail(t, fake, 120, 16, "tail orders beginning")
	d.WaitFor("seen 3", "ord-00002")
	d.Type("space")
	d.WaitFor("⏸ paused")
	d.Type("enter")
	d.WaitFor("tail orders › ")
	d.Type("q")
	d.WaitUntil("the record view to close", func(s string) bool {
		return !strings.Contains(s, "tail orders › ") && strings.Contains(s, "⏸ paused")
	})
	d.Type(":", "groups", "enter")
	d.WaitFor("esc back")
	d.Type("q")
	d.WaitFor("q again quits, losing tail orders (paused, 3 records); any other key stays")
	d.Type("j")
	s := d.WaitUntil("the question to go", func(s string) bool { return !strings.Contains(s, "q again quits") })
	select {
	case <-d.Done():
		t.Fatalf("quit without a second q:\n%s", s)
	default:
	}
	d.Type("q")
	d.WaitFor("q again quits")
	d.Type("q")
	<-d.Done()
}

// With nothing held, q on the root quits at once; over the root it goes
// back.
func TestQOnAPushedPaneGoesBack(t *testing.T) {
	d := start(t, kafkatest.Sample(), 100, 16)
	loaded(d)
	d.Type("enter")
	d.WaitFor("topics › ")
	d.Type("q")
	d.WaitUntil("back on the topics", func(s string) bool { return !strings.Contains(s, "topics › ") })
	d.Type("q")
	<-d.Done()
}

// The tail's filter prompt behaves as the lists' filter: esc drops the
// filter, and enter refuses one half typed rather than keeping what
// parsed before it ("~" of "~(").
func TestTailFilterPromptEscDropsIt(t *testing.T) {
	fake := kafkatest.Sample()
	fake.Append(orders(0, 30)...)
	d := startTail(t, fake, 120, 16, "tail orders beginning")
	d.WaitFor("seen 30")
	d.Type("/", "shipped")
	d.WaitFor(`10 of 30 match "shipped"`)
	d.Type("esc")
	d.WaitUntil("the filter to go", func(s string) bool { return !strings.Contains(s, "of 30 match") && strings.Contains(s, "ord-00028") })

	d.Type("/", "~(", "enter")
	d.WaitFor("/~(", "missing closing )") // enter left the prompt open, saying why
	d.Type("esc")
	d.WaitUntil("the prompt and filter to go", func(s string) bool {
		return !strings.Contains(s, "/~(") && !strings.Contains(s, "of 30 match") && strings.Contains(s, "ord-00028")
	})
}

// esc after a : command goes back to the view it replaced, as it was, not
// to the topics list: a paused tail keeps its records across a search.
func TestEscGoesBackToTheViewACommandReplaced(t *testing.T) {
	fake := kafkatest.Sample()
	fake.SetGroups(sampleGroups()...)
	fake.Append(orders(0, 30)...)
	d := startTail(t, fake, 120, 16, "tail orders beginning")
	d.WaitFor("seen 30")
	d.Type("space")
	d.WaitFor("⏸ paused")
	d.Type(":", "search orders key:cus-0003", "enter")
	d.WaitFor("search orders · key:cus-0003", "matches")
	d.Type("esc")
	d.WaitFor("tail orders", "⏸ paused", "seen 30")
	d.Type(":", "groups", "enter")
	d.WaitFor("4 of 4 groups")
	d.Type(":", "tail payments", "enter")
	d.WaitFor("tail payments")
	d.Type("esc")
	d.WaitFor("4 of 4 groups")
}

// q on a paused tail pushed over the topics asks before it drops the
// records, as quitting does; asked again, it closes it.
func TestQAsksBeforeClosingAPausedTail(t *testing.T) {
	fake := kafkatest.Sample()
	fake.Append(orders(0, 30)...)
	d := uitest.Start(t, New(fake, Options{Name: "test", Refresh: time.Hour, Now: func() time.Time { return epoch }, Location: time.UTC}), 120, 16)
	d.WaitFor("orders")
	d.Type("/", "orders", "enter")
	d.WaitFor(`filter: "orders"`)
	d.Type("t")
	d.WaitFor("topics › tail orders")
	d.Type("f", "beginning", "enter")
	d.WaitFor("seen 30")
	d.Type("space")
	d.WaitFor("⏸ paused")
	d.Type("q")
	d.WaitFor("q again closes tail orders, losing paused, 30 records")
	d.Type("q")
	d.WaitUntil("the tail to close", func(s string) bool { return !strings.Contains(s, "tail orders") && strings.Contains(s, "of 6 topics") })
}
