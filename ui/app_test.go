package ui

import (
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/kscope/kscope/kafka/kafkatest"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/pane"
	"github.com/kscope/kscope/ui/uitest"
)

var epoch = time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC)

func start(t *testing.T, fake *kafkatest.Fake, width, height int) *uitest.Driver {
	t.Helper()
	app := New(fake, Options{
		Name:    "kafka-0.example.internal:9092",
		Refresh: 20 * time.Millisecond,
		Now:     func() time.Time { return epoch },
	})
	return uitest.Start(t, app, width, height)
}

// loaded waits until the header and the topics have both arrived.
func loaded(d *uitest.Driver) string { return d.WaitFor("● connected", "orders") }

func TestTopicsScreen(t *testing.T) {
	d := start(t, kafkatest.Sample(), 120, 36)
	uitest.Golden(t, loaded(d))
}

func TestTopicsFilterSortAndInternal(t *testing.T) {
	d := start(t, kafkatest.Sample(), 100, 16)
	loaded(d)

	d.Type("/", "PAY")
	s := d.Screen()
	if !strings.Contains(s, "payments") || strings.Contains(s, "orders") || !strings.Contains(s, "/PAY") {
		t.Fatalf("filtering as you type:\n%s", s)
	}
	// While the filter has the keys, q is text, not quit.
	d.Type("q", "bksp", "enter")
	if s = d.Screen(); !strings.Contains(s, `filter: "PAY"`) {
		t.Fatalf("enter keeps the filter:\n%s", s)
	}
	d.Type("esc")
	if s = d.Screen(); !strings.Contains(s, "orders") || strings.Contains(s, "filter:") {
		t.Fatalf("esc clears the filter:\n%s", s)
	}

	d.Type("s", "s", "i")
	uitest.Golden(t, d.Screen())
}

func TestFilterWithNoMatch(t *testing.T) {
	d := start(t, kafkatest.Sample(), 80, 12)
	loaded(d)
	d.Type("/", "zzz", "enter")
	d.WaitFor(`no topics match "zzz"`, "0 of 6 topics")
}

func TestPartitionsScreenAndBack(t *testing.T) {
	d := start(t, kafkatest.Sample(), 120, 20)
	loaded(d)
	d.Type("j", "j", "enter") // audit.log, clickstream…, inventory.updates
	s := d.WaitFor("topics › inventory.updates", "PARTITION", "2 under-replicated", "RF 3 · min ISR 2", "1 below min ISR 2", "- last 2")
	uitest.Golden(t, s)

	d.Type("esc")
	s = d.WaitFor("TOPIC")
	if strings.Contains(s, "›") {
		t.Fatalf("esc did not go back to the topics:\n%s", s)
	}
	// The selection survived the round trip: enter opens the same topic.
	d.Type("enter")
	d.WaitFor("topics › inventory.updates")
}

func TestTopicDeletedWhileViewed(t *testing.T) {
	fake := kafkatest.Sample()
	d := start(t, fake, 100, 12)
	loaded(d)
	d.Type(":", "topic audit.log", "enter")
	d.WaitFor("audit.log · 1 partitions")
	fake.SetTopics(kafkatest.Topic("orders", 1, 1, 0, 1))
	d.WaitFor(`refresh failed: topic "audit.log" does not exist`)
}

func TestBrokersScreenShowsBrokersThatLeft(t *testing.T) {
	fake := kafkatest.Sample()
	d := start(t, fake, 100, 12)
	loaded(d)
	d.Type(":", "brokers", "enter")
	d.WaitFor("3 of 3 brokers up", "controller")

	c, _ := kafkatest.Sample().Cluster(t.Context())
	c.Brokers = c.Brokers[:2]
	fake.SetCluster(c)
	// The broker that left describes no log dirs: its disk is unknown.
	uitest.Golden(t, d.WaitUntil("broker 2 down, its disk unknown", func(s string) bool {
		return strings.Contains(s, "2 of 3 brokers up") && strings.Contains(s, "brokers 2/3") &&
			strings.Contains(s, "down                      23        72          -     -")
	}))
}

func TestHelpOverlay(t *testing.T) {
	d := start(t, kafkatest.Sample(), 120, 36)
	loaded(d)
	d.Type("?")
	uitest.Golden(t, d.WaitFor("Commands"))
	d.Type("?")
	if strings.Contains(d.Screen(), "Commands") {
		t.Fatal("? did not close the help")
	}
}

func TestUnreachableThenRecovers(t *testing.T) {
	fake := kafkatest.Sample()
	fake.Fail(errors.New("describe cluster: cannot reach any broker at 10.1.2.3:9092: connection refused"))
	d := start(t, fake, 100, 12)
	uitest.Golden(t, d.WaitFor("✕ unreachable, retrying", "connection refused", "cannot list topics"))

	fake.Fail(nil)
	loaded(d)
	if strings.Contains(d.Screen(), "refused") {
		t.Fatal("the error stayed after the cluster came back")
	}
}

func TestBadCommandSaysSo(t *testing.T) {
	d := start(t, kafkatest.Sample(), 80, 12)
	loaded(d)
	d.Type(":", "florb", "enter")
	d.WaitFor(`unknown command "florb"; press ? for the list`)
	d.Type("j")
	if strings.Contains(d.Screen(), "florb") {
		t.Fatal("the notice outlived the next key")
	}
}

func TestSmallTerminal(t *testing.T) {
	d := start(t, kafkatest.Sample(), 40, 10)
	uitest.Golden(t, loaded(d))
}

// Whatever the size, the screen is exactly that size and nothing panics.
func TestEverySizeFits(t *testing.T) {
	d := start(t, kafkatest.Sample(), 80, 24)
	loaded(d)
	for _, w := range []int{1, 2, 10, 39, 40, 80, 250} {
		for _, h := range []int{1, 2, 3, 4, 10, 60} {
			for _, keys := range [][]string{nil, {"?"}, {"?", "enter"}, {"esc"}} {
				d.Send(tea.WindowSizeMsg{Width: w, Height: h})
				d.Type(keys...)
				lines := strings.Split(d.Screen(), "\n")
				if len(lines) != h {
					t.Fatalf("%dx%d after %v: %d lines", w, h, keys, len(lines))
				}
				for _, l := range lines {
					if ansi.StringWidth(l) > w {
						t.Fatalf("%dx%d after %v: line %q is wider", w, h, keys, l)
					}
				}
			}
		}
	}
}

func TestQuit(t *testing.T) {
	for _, keys := range [][]string{{"q"}, {"ctrl+c"}, {":", "q", "enter"}} {
		d := start(t, kafkatest.Sample(), 80, 12)
		loaded(d)
		d.Type(keys...)
		select {
		case <-d.Done():
		case <-time.After(uitest.Patience):
			t.Fatalf("%v did not quit", keys)
		}
	}
}

func TestUntrustedNamesAreSanitised(t *testing.T) {
	fake := kafkatest.New(model.Cluster{ID: "x", Brokers: []model.Broker{{ID: 0, Host: "evil\x1b]52;c;aGk=\x07host", Port: 1}}},
		kafkatest.Topic("orders", 1, 1, 0, 1))
	d := start(t, fake, 120, 12)
	loaded(d)
	d.Type(":", "brokers", "enter")
	d.WaitFor(`evil\x1b]52;c;aGk=\x07host`)
}

func TestTopicsShowWriteRate(t *testing.T) {
	var now atomic.Int64 // seconds after epoch
	fake := kafkatest.New(model.Cluster{ID: "c", Brokers: []model.Broker{{ID: 0, Host: "h", Port: 1}}},
		kafkatest.Topic("orders", 6, 1, 0, 100))
	app := New(fake, Options{Refresh: 20 * time.Millisecond, Now: func() time.Time {
		return epoch.Add(time.Duration(now.Load()) * time.Second)
	}})
	d := uitest.Start(t, app, 100, 8)
	loaded(d)
	// Two seconds later every partition has 10 more records: 30 a second.
	// The data moves before the clock: a poll stamps the time it begins,
	// so one stamped 2s read the new data, and one stamped 0s that read it
	// is ignored as saying nothing of a rate.
	fake.SetTopics(kafkatest.Topic("orders", 6, 1, 0, 110))
	now.Store(2)
	d.WaitUntil("orders at 30/s", func(s string) bool { return rateIs(s, "30") })
}

// rateIs reports whether the orders row shows the given rate.
func rateIs(screen, rate string) bool {
	for line := range strings.Lines(screen) {
		if f := strings.Fields(line); len(f) > 2 && f[0] == "orders" {
			return f[len(f)-2] == rate // IN/S, before URP
		}
	}
	return false
}

// A close request that comes when there is nothing above the root pane
// (one that was overtaken, say) leaves the app as it is.
func TestLateCloseRequestKeepsTheRootPane(t *testing.T) {
	d := start(t, kafkatest.Sample(), 80, 12)
	loaded(d)
	d.Send(pane.DoneMsg{Notice: "late"}, pane.DoneMsg{})
	loaded(d)
}

// The brokers pane says what each broker leads and holds, from the log
// dirs, and calls out a broker that leads far more than its share.
func TestBrokersLoadAndSkew(t *testing.T) {
	skewed := kafkatest.Topic("hot", 12, 3, 0, 1000)
	for i := range skewed.Partitions {
		skewed.Partitions[i].Leader = 0 // every partition led by broker 0
	}
	sample, _ := kafkatest.Sample().Cluster(t.Context())
	fake := kafkatest.New(sample, skewed)
	d := start(t, fake, 120, 14)
	d.WaitFor("● connected", "hot")
	d.Type(":", "brokers", "enter")
	s := d.WaitFor("skew: broker 0 leads 12 partitions, the mean is 4", "/var/lib/kafka/data")
	// 12 partitions of 1,000 records, 120 bytes each, a replica on every
	// broker: 1.4 MB a broker.
	for _, row := range []string{"0  kafka-0.example.internal:9092", "12        12     1.4 MB    0%"} {
		if !strings.Contains(s, row) {
			t.Errorf("no %q:\n%s", row, s)
		}
	}
}

// :acls lists the bindings, DENY in yellow, and the filter finds them by
// any words of the binding, in any case.
func TestACLsScreen(t *testing.T) {
	fake := kafkatest.Sample()
	acl := func(principal, op, kind, name, pattern, perm string) model.ACL {
		return model.ACL{Principal: principal, Host: "*", ResourceType: kind, ResourceName: name, Pattern: pattern, Operation: op, Permission: perm}
	}
	fake.SetACLs(
		acl("User:alice", "READ", "TOPIC", "orders", "LITERAL", "ALLOW"),
		acl("User:alice", "READ", "GROUP", "billing", "LITERAL", "ALLOW"),
		acl("User:bob", "WRITE", "TOPIC", "payments.", "PREFIXED", "ALLOW"),
		acl("User:mallory", "ALL", "TOPIC", "*", "LITERAL", "DENY"),
	)
	d := start(t, fake, 100, 12)
	loaded(d)
	d.Type(":", "acls", "enter")
	s := d.WaitFor("4 of 4 ACLs", "User:mallory")
	uitest.Golden(t, s)
	d.Type("/", "ALICE topic", "enter")
	s = d.WaitFor("1 of 4 ACLs", `filter: "ALICE topic"`)
	if !strings.Contains(s, "orders") || strings.Contains(s, "billing") {
		t.Errorf("alice's topic bindings:\n%s", s)
	}
}

// :transactions puts a hanging transaction (open past its timeout) first,
// in red and counted, then open ones by age, then the rest.
func TestTransactionsScreen(t *testing.T) {
	fake := kafkatest.Sample()
	orders := []model.TopicPartition{{Topic: "orders", Partition: 0}, {Topic: "orders", Partition: 2}, {Topic: "payments", Partition: 1}}
	fake.SetTransactions(
		model.Transaction{ID: "billing-writer", State: "CompleteCommit", ProducerID: 7, ProducerEpoch: 3, Timeout: time.Minute},
		model.Transaction{ID: "orders-etl", State: "Ongoing", ProducerID: 12, ProducerEpoch: 0, Timeout: time.Minute,
			Started: epoch.Add(-20 * time.Second), Partitions: orders},
		model.Transaction{ID: "stuck-job", State: "Ongoing", ProducerID: 40, ProducerEpoch: 9, Timeout: 15 * time.Minute,
			Started: epoch.Add(-2 * time.Hour), Partitions: orders[:1]},
	)
	d := start(t, fake, 120, 12)
	loaded(d)
	d.Type(":", "txn", "enter")
	s := d.WaitFor("3 transactional ids · 2 open · 1 hanging")
	uitest.Golden(t, s)
	if i, j, k := strings.Index(s, "stuck-job"), strings.Index(s, "orders-etl"), strings.Index(s, "billing-writer"); i > j || j > k {
		t.Errorf("order:\n%s", s)
	}
}

// At 80x24 the help is taller than the screen: it says so, scrolls to
// its last command, and wraps what is wider than the screen.
func TestHelpScrollsOnASmallScreen(t *testing.T) {
	d := start(t, kafkatest.Sample(), 80, 24)
	loaded(d)
	d.Type("?")
	s := d.WaitFor("Keys · topics", "lines 1–")
	t.Run("top", func(t *testing.T) { uitest.Golden(t, s) })
	if strings.Contains(s, ":quit") {
		t.Fatalf("the whole help fits, so this test tests nothing:\n%s", s)
	}
	d.Type("G")
	s = d.WaitFor(":quit", "? or esc closes this help")
	t.Run("bottom", func(t *testing.T) { uitest.Golden(t, s) })
	for _, line := range strings.Split(s, "\n") {
		if w := lipgloss.Width(line); w > 80 {
			t.Fatalf("a line %d wide:\n%s", w, line)
		}
	}
	d.Type("g")
	d.WaitFor("Keys · topics", "lines 1–")
	d.Type("esc")
	d.WaitUntil("the help to close", func(s string) bool { return !strings.Contains(s, "Keys · topics") })
}
