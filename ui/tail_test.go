package ui

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kscope/kscope/kafka/kafkatest"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/pane"
	"github.com/kscope/kscope/ui/uitest"
)

// orders makes n keyed JSON records spread over three partitions, a
// second apart from epoch.
func orders(from, n int) []model.Record {
	var out []model.Record
	for i := from; i < from+n; i++ {
		out = append(out, model.Record{
			Topic:     "orders",
			Partition: int32(i % 3),
			Timestamp: epoch.Add(time.Duration(i) * time.Second).UnixMilli(),
			Key:       fmt.Appendf(nil, "cus-%04d", i%7),
			Value:     fmt.Appendf(nil, `{"order_id":"ord-%05d","status":"%s","total":%d.5}`, i, []string{"created", "paid", "shipped"}[i%3], i),
			Headers:   []model.Header{{Key: "trace-id", Value: fmt.Appendf(nil, "t%03d", i)}},
		})
	}
	return out
}

func startTail(t *testing.T, fake *kafkatest.Fake, width, height int, command string) *uitest.Driver {
	t.Helper()
	app := New(fake, Options{
		Name:     "test",
		Refresh:  time.Hour,
		Now:      func() time.Time { return epoch },
		Location: time.UTC,
		SaveDir:  t.TempDir(),
	})
	d := uitest.Start(t, app, width, height)
	d.Type(":", command, "enter")
	return d
}

func TestTailFollowsFilterAndPause(t *testing.T) {
	fake := kafkatest.Sample()
	fake.Append(orders(0, 30)...)
	d := startTail(t, fake, 120, 16, "tail orders beginning")
	following := d.WaitFor("seen 30", "ord-00029")
	t.Run("following", func(t *testing.T) { uitest.Golden(t, following) })

	// Arrivals show up at the bottom while following.
	fake.Append(orders(30, 2)...)
	d.WaitFor("seen 32", "ord-00031")

	// A filter narrows what is buffered, and counts the matches.
	d.Type("/", "shipped", "enter")
	filtered := d.WaitFor(`10 of 32 match "shipped"`)
	t.Run("filtered", func(t *testing.T) { uitest.Golden(t, filtered) })

	// Paused: nothing more is read and the screen stands still; resuming
	// reads on from where it stopped.
	d.Type("space")
	paused := d.WaitFor("⏸ paused")
	t.Run("paused", func(t *testing.T) { uitest.Golden(t, paused) })
	// The read in flight when the pause came brings these in, and they
	// are held, not shown: waiting for "held" means the test has given
	// the tail every chance to move.
	fake.Append(orders(32, 3)...) // one of them, 32, is shipped
	frozen := d.WaitFor("⏸ paused: not reading, 3 records held")
	if strings.Contains(frozen, "ord-00032") || !strings.Contains(frozen, "seen 32") {
		t.Fatalf("the paused tail moved:\n%s", frozen)
	}
	// No further read while paused: these wait in the log, and would
	// replace the held batch if one were made.
	fake.Append(orders(35, 3)...)
	d.Type("space")
	d.WaitFor("seen 38", "12 of 38 match", "ord-00032", "ord-00035")

	// esc clears the filter before it leaves the tail.
	d.Type("esc")
	s := d.WaitFor("seen 38")
	if strings.Contains(s, "of 38 match") || !strings.Contains(s, "tail orders") {
		t.Fatalf("esc should clear the filter and stay:\n%s", s)
	}
	d.Type("esc")
	d.WaitUntil("back on topics", func(s string) bool { return !strings.Contains(s, "tail orders") })
}

func TestTailScrollingLeavesFollow(t *testing.T) {
	fake := kafkatest.Sample()
	fake.Append(orders(0, 50)...)
	d := startTail(t, fake, 100, 12, "tail orders beginning")
	d.WaitFor("seen 50")
	d.Type("k", "k")
	d.WaitFor("▲ scrolled")
	fake.Append(orders(50, 1)...)
	s := d.WaitFor("seen 51")
	if strings.Contains(s, "ord-00050") {
		t.Fatalf("scrolled up, yet the view jumped to the newest:\n%s", s)
	}
	d.Type("G")
	d.WaitFor("● following", "ord-00050")
}

func TestRecordDetail(t *testing.T) {
	fake := kafkatest.Sample()
	fake.Append(
		model.Record{Topic: "mixed", Timestamp: epoch.UnixMilli(), Key: []byte("json"),
			Value:   []byte(`{"id":7,"ok":true,"tags":["a","b"],"note":null}`),
			Headers: []model.Header{{Key: "content-type", Value: []byte("application/json")}, {Key: "dup", Value: []byte("1")}, {Key: "dup", Value: []byte("2")}}},
		model.Record{Topic: "mixed", Offset: 1, Timestamp: epoch.UnixMilli(), LogAppendTime: true, Key: nil,
			Value: []byte("2026-11-25 INFO user=alice\taction=login\n  second line")},
		model.Record{Topic: "mixed", Offset: 2, Timestamp: epoch.UnixMilli(), Key: []byte("bin"),
			Value: []byte{0x5e, 0x45, 0x00, 0x03, 0x00, 0x00, 0x00, 0x07, 0x41, 0x42, 0x43, 0xff, 0x10, 0x20, 0x30, 0x40, 0x50}},
		// As a tail with a decoder hands them on: Avro read through the
		// registry, and a framed value whose schema the registry lacks.
		model.Record{Topic: "mixed", Offset: 3, Timestamp: epoch.UnixMilli(), Key: []byte("ord-7"),
			Value: []byte{0, 0, 0, 0, 3, 0x0e, 0x0a, 'p', 'a', 'i', 'd', 0x02},
			DecodedValue: &model.Decoded{JSON: []byte(`{"id":7,"status":"paid","amount":"12.50","note":null}`), Format: "avro",
				Name: "shop.Order", Schema: &model.Schema{ID: 3, Subject: "mixed-value", Version: 2, Type: "AVRO"}}},
		model.Record{Topic: "mixed", Offset: 4, Timestamp: epoch.UnixMilli(), Key: []byte("ord-8"),
			Value: []byte{0, 0, 0, 0, 9, 0x0e},
			DecodedValue: &model.Decoded{Schema: &model.Schema{ID: 9},
				Note: "schema 9: the registry at http://registry:8081 has no such schema"}},
		// Framed for a registry, on a connection that names none.
		model.Record{Topic: "mixed", Offset: 5, Timestamp: epoch.UnixMilli(), Key: []byte("ord-9"),
			Value: []byte{0, 0, 0, 0, 42, 0x02, 0xff}},
	)
	d := startTail(t, fake, 100, 24, "tail mixed beginning")
	list := d.WaitFor("seen 6")
	if !strings.Contains(list, `{"id":7,"status":"paid"`) {
		t.Errorf("the list does not show the decoded value:\n%s", list)
	}
	for i, name := range []string{"json", "text", "binary", "avro", "undecodable", "framed"} {
		d.Type("g")
		for range i {
			d.Type("j")
		}
		d.Type("enter")
		screen := d.WaitFor("── value")
		t.Run(name, func(t *testing.T) { uitest.Golden(t, screen) })
		d.Type("esc")
		d.WaitFor("seen 6", "KEY")
	}
}

func TestHostileBytesNeverReachTheTerminal(t *testing.T) {
	fake := kafkatest.Sample()
	hostile := model.Record{Topic: "evil", Timestamp: epoch.UnixMilli(),
		Key:     []byte("\x1b]0;pwned\x07"),
		Value:   []byte("clear\x1b[2J\x1b[Hosc52\x1b]52;c;ZWNobyBwd25lZA==\x07 bidi\u202etxt.exe"),
		Headers: []model.Header{{Key: "h\x1b[31m", Value: []byte("\x9b31m")}},
	}
	// Escape sequences alone leave a value text: it is shown as text, with
	// every escape made visible.
	coloured := model.Record{Topic: "evil", Timestamp: epoch.UnixMilli(), Value: []byte("\x1b[2J\x1b[31mred\x1b[0m log line")}
	fake.Append(hostile, coloured)
	d := startTail(t, fake, 160, 24, "tail evil beginning")
	list := d.WaitFor("seen 2")
	d.Type("g", "enter")
	binary := d.WaitFor("── value")
	d.Type("esc", "j", "enter")
	text := d.WaitFor("── value", "text, 25 bytes")
	for _, screen := range []string{list, binary, text} {
		for _, r := range screen {
			if r != '\n' && (r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == '\u202e') {
				t.Fatalf("control %U reached the screen:\n%q", r, screen)
			}
		}
	}
	// With BEL and C1 bytes in it, the value is binary: a hex dump.
	if !strings.Contains(binary, "|clear.[2J.[Hosc5|") || !strings.Contains(binary, `h\x1b[31m  9b33316d`) {
		t.Errorf("the hostile record is not shown as a hex dump:\n%s", binary)
	}
	if !strings.Contains(text, `\x1b[2J\x1b[31mred\x1b[0m log line`) || !strings.Contains(list, `\x1b[2J\x1b[31mred`) {
		t.Errorf("escapes in a text value are not shown escaped:\n%s\n%s", list, text)
	}
}

func TestHugeValuesAreCutInTheListAndWholeInDetail(t *testing.T) {
	fake := kafkatest.Sample()
	huge := []byte(`{"blob":"` + strings.Repeat("x", 5<<20) + `","end":"THE-END"}`)
	fake.Append(model.Record{Topic: "big", Timestamp: epoch.UnixMilli(), Value: huge})
	d := startTail(t, fake, 100, 16, "tail big beginning")
	list := d.WaitFor("seen 1")
	if len(list) > 100*16*4 {
		t.Fatalf("the list drew %d bytes for a 100x16 screen", len(list))
	}
	d.Type("enter")
	d.WaitFor(`"blob": "xxxx`)
	d.Type("G")
	d.WaitFor(`"end": "THE-END"`)
}

func TestSaveMatchingRecords(t *testing.T) {
	fake := kafkatest.Sample()
	fake.Append(orders(0, 9)...)
	d := startTail(t, fake, 140, 12, "tail orders beginning")
	d.WaitFor("seen 9")
	d.Type("/", "paid", "enter", "w")
	s := d.WaitFor("saved 3 records to ")
	path := s[strings.Index(s, "saved 3 records to ")+len("saved 3 records to "):]
	path = strings.TrimSpace(strings.SplitN(path, "\n", 2)[0])
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("%v (screen said %q)", err, path)
	}
	defer f.Close()
	if filepath.Ext(path) != ".jsonl" {
		t.Errorf("saved to %s", path)
	}
	lines := 0
	for sc := bufio.NewScanner(f); sc.Scan(); lines++ {
		var rec struct{ Value string }
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil || !strings.Contains(rec.Value, `"paid"`) {
			t.Errorf("line %d: %v %q", lines, err, sc.Text())
		}
	}
	if lines != 3 {
		t.Errorf("saved %d lines, want 3", lines)
	}
}

func TestTailOfDeletedTopic(t *testing.T) {
	fake := kafkatest.Sample()
	fake.Append(orders(0, 3)...)
	d := startTail(t, fake, 120, 10, "tail orders")
	d.WaitFor("● following")
	fake.DeleteTopicLog("orders")
	d.WaitFor(`topic "orders" no longer exists`)
	d.Type(":", "tail nope", "enter")
	d.WaitFor(`cannot tail: topic "nope" does not exist`)
}

func TestTailPositionsAndStartFrom(t *testing.T) {
	fake := kafkatest.Sample()
	fake.Append(orders(0, 30)...)
	d := startTail(t, fake, 100, 16, "tail orders")
	d.WaitFor("● following", "waiting for records")
	d.Type("p")
	uitest.Golden(t, d.WaitFor("BEHIND"))
	d.Type("f", "-5", "enter")
	d.WaitFor("from last 5", "seen 15")
	d.Type("f", "yesterday", "enter")
	d.WaitFor(`start "yesterday": want end`)
}

func TestTailFromPartitionsPane(t *testing.T) {
	fake := kafkatest.Sample()
	fake.Append(orders(0, 30)...)
	app := New(fake, Options{Refresh: time.Hour, Now: func() time.Time { return epoch }, Location: time.UTC})
	d := uitest.Start(t, app, 120, 20)
	d.Type(":", "topic orders", "enter")
	d.WaitFor("6 partitions")
	d.Type("j", "t") // partition 1
	d.WaitFor("orders [1] · from end")
	d.Type("f", "beginning", "enter")
	s := d.WaitFor("seen 10")
	for line := range strings.Lines(s) {
		if f := strings.Fields(line); len(f) > 3 && strings.HasPrefix(f[3], "cus-") && f[0] != "1" {
			t.Errorf("a record of partition %s in a tail of partition 1: %q", f[0], line)
		}
	}
}

func TestTailMarksAbortedTransactionsInUncommittedReads(t *testing.T) {
	fake := kafkatest.Sample()
	recs := orders(0, 3)
	for i := range recs {
		recs[i].Partition, recs[i].Txn, recs[i].ProducerID = 0, model.TxnOpen, 7
	}
	fake.Append(recs...)
	d := startTail(t, fake, 120, 12, "tail orders beginning")
	d.WaitFor("seen 3", "[open txn] {\"order_id\":\"ord-00002\"")
	fake.EndTxn("orders", 0, 7, true)
	screen := d.WaitFor("[aborted] {\"order_id\":\"ord-00002\"")
	if strings.Contains(screen, "[open txn]") {
		t.Errorf("records still marked open after their abort marker:\n%s", screen)
	}
	// u reads uncommitted data, and says so; again goes back.
	d.Type("u")
	d.WaitFor("uncommitted data")
	d.Type("u")
	d.WaitUntil("committed data again", func(s string) bool { return !strings.Contains(s, "uncommitted data") })
}

// A reader scrolled up in a full buffer keeps the records they read while
// they are held; once the selected one is evicted the tail says so, and
// enter opens nothing rather than another record.
func TestScrolledTailNeverOpensAnotherRecord(t *testing.T) {
	fake := kafkatest.Sample()
	fake.Append(orders(0, 10)...)
	app := New(fake, Options{Name: "test", Refresh: time.Hour, Now: func() time.Time { return epoch },
		Location: time.UTC, Buffer: pane.BufferLimits{Records: 10, Bytes: 1 << 20}})
	d := uitest.Start(t, app, 140, 20)
	d.Type(":", "tail orders beginning", "enter")
	d.WaitFor("seen 10")
	d.Type("g") // the oldest: ord-00000
	d.WaitFor("▲ scrolled")
	fake.Append(orders(10, 5)...) // evicts ord-00000 to ord-00004
	s := d.WaitFor("seen 15", "5 older records dropped, the selected one too")
	if strings.Contains(s, "ord-00004") || !strings.Contains(s, "ord-00005") {
		t.Fatalf("the view does not start at the oldest record held:\n%s", s)
	}
	d.Type("enter")
	if s := d.Screen(); strings.Contains(s, "tail orders › ") {
		t.Fatalf("enter opened a record the reader never selected:\n%s", s)
	}
	d.Type("j") // choosing again selects a record that is there
	d.WaitUntil("a selection", func(s string) bool { return !strings.Contains(s, "dropped") })
	d.Type("enter")
	d.WaitFor("tail orders › ")
}

// choosing records what the tail chose, and answers as a config would.
type choosing struct {
	mu     sync.Mutex
	chosen []string
}

func (c *choosing) Choices() []string { return []string{"auto", "json", "protobuf shop.Order"} }

func (c *choosing) Choose(topic, choice string) (string, error) {
	if choice == "xml" {
		return "", errors.New(`"xml": choose auto, json, or protobuf MESSAGE`)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.chosen = append(c.chosen, topic+" as "+choice)
	return "remembered in config.yaml (context test)", nil
}

func TestChoosingHowATopicIsDecoded(t *testing.T) {
	fake := kafkatest.Sample()
	fake.Append(orders(0, 5)...)
	c := &choosing{}
	app := New(fake, Options{Name: "test", Refresh: time.Hour, Now: func() time.Time { return epoch },
		Location: time.UTC, SaveDir: t.TempDir(), Decoding: c})
	d := uitest.Start(t, app, 200, 16)
	d.Type(":", "tail orders beginning", "enter")
	d.WaitFor("seen 5", "m decode as…")

	d.Type("m")
	d.WaitFor("decode values as (tab completes):")
	d.Type("x", "m", "l", "enter")
	d.WaitFor(`"xml": choose auto, json, or protobuf MESSAGE`)

	// tab completes from the connection's choices.
	d.Type("m", "p", "tab", "enter")
	s := d.WaitFor("values of orders now read as protobuf shop.Order; remembered in config.yaml (context test)")
	// The topic is read again, from where the tail began.
	d.WaitFor("seen 5")
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.chosen) != 1 || c.chosen[0] != "orders as protobuf shop.Order" {
		t.Errorf("chose %q\n%s", c.chosen, s)
	}
}

// The tail's times say their zone in the header, carry the date when a
// record is not from today, and Z turns them to UTC and back. On a narrow
// screen the header count, the date and the key's width give way before
// the value does.
func TestTailTimesAndNarrowColumns(t *testing.T) {
	cet := time.FixedZone("CET", 3600)
	fake := kafkatest.Sample()
	old := orders(0, 2)
	for i := range old {
		old[i].Timestamp = epoch.Add(-26 * time.Hour).Add(time.Duration(i) * time.Second).UnixMilli()
	}
	fake.Append(old...)
	fake.Append(orders(2, 2)...)
	for _, size := range [][2]int{{40, 10}, {80, 24}, {200, 60}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			app := New(fake, Options{Name: "test", Refresh: time.Hour, Now: func() time.Time { return epoch }, Location: cet})
			d := uitest.Start(t, app, size[0], size[1])
			d.Type(":", "tail orders beginning", "enter")
			s := d.WaitUntil("the four records", func(s string) bool { return strings.Count(s, `{"order_id":"ord`) == 4 })
			uitest.Golden(t, s)
			switch {
			case size[0] >= 80 && !strings.Contains(s, "TIME CET"):
				t.Errorf("the zone is not in the header:\n%s", s)
			case size[0] >= 200 && !strings.Contains(s, "10:30:02.000"): // today's, to the millisecond
				t.Errorf("today's record:\n%s", s)
			case size[0] >= 200 && !strings.Contains(s, fmt.Sprintf("%s 08:30:00", epoch.Add(-26*time.Hour).In(cet).Format("Jan 02"))):
				t.Errorf("yesterday's record has no date:\n%s", s)
			case size[0] == 40 && (strings.Contains(s, "TIME") || !strings.Contains(s, `{"order`)):
				t.Errorf("at 40 columns the value should stay and the time go:\n%s", s)
			}
			if size[0] == 200 {
				d.Type("Z")
				s = d.WaitFor("TIME UTC", "times now in UTC")
				if !strings.Contains(s, "09:30:02.000") {
					t.Errorf("in UTC:\n%s", s)
				}
			}
		})
	}
}

// f reads a time without a zone in the zone the times are shown in.
func TestStartFromATimeOfDayInTheZoneShown(t *testing.T) {
	fake := kafkatest.Sample()
	fake.Append(orders(0, 6)...)
	app := New(fake, Options{Name: "test", Refresh: time.Hour, Now: func() time.Time { return epoch.Add(time.Minute) }, Location: time.FixedZone("CET", 3600)})
	d := uitest.Start(t, app, 120, 16)
	d.Type(":", "tail orders 10:30:04", "enter") // CET: from ord-00004
	s := d.WaitFor("ord-00005")
	if strings.Contains(s, "ord-00003") || !strings.Contains(s, "ord-00004") {
		t.Fatalf("from 10:30:04 CET:\n%s", s)
	}
	d.Type("Z", "f", "09:30:02", "enter") // UTC: from ord-00002
	d.WaitUntil("the tail from 09:30:02 UTC", func(s string) bool {
		return strings.Contains(s, "ord-00002") && !strings.Contains(s, "ord-00001")
	})
}
