package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kscope/kscope/kafka/kafkatest"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/uitest"
)

// In a record's view, / searches the value (smartcase), n and N move
// between matches and scroll to them; W wraps long lines; c, K and H copy
// the value, the key and the headers, each saying what it copied.
func TestRecordViewSearchWrapAndCopy(t *testing.T) {
	var items []string
	for i := range 60 {
		status := []string{"created", "paid", "shipped"}[i%3]
		items = append(items, fmt.Sprintf(`{"line":%d,"status":%q}`, i, status))
	}
	value := `{"items":[` + strings.Join(items, ",") + `],"tail":"` + strings.Repeat("x", 150) + `END"}`
	fake := kafkatest.Sample()
	fake.Append(model.Record{Topic: "orders", Timestamp: epoch.UnixMilli(), Key: []byte("ord-0001"), Value: []byte(value),
		Headers: []model.Header{{Key: "trace", Value: []byte("t1")}, {Key: "bin", Value: []byte{0xff, 0x00}}}})
	d := startTail(t, fake, 100, 20, "tail orders beginning")
	d.WaitFor("seen 1")
	d.Type("enter")
	d.WaitFor("── value")

	d.Type("/", "PAID", "enter")
	d.WaitFor(`no match for "PAID" in the value`) // a capital: case-sensitive
	d.Type("/", "paid", "enter")
	s := d.WaitFor(`match 1 of 20 for "paid"`, `"line": 1,`)
	t.Run("match", func(t *testing.T) { uitest.Golden(t, s) })
	if raw := d.Raw(); !strings.Contains(raw, "paid\x1b[") {
		t.Errorf("the match is not marked:\n%q", raw)
	}
	d.Type("n", "n")
	d.WaitFor(`match 3 of 20 for "paid"`, `"line": 7,`)
	d.Type("N", "N", "N")
	d.WaitFor(`match 20 of 20 for "paid"`, `"line": 58,`)

	d.Type("G")
	s = d.WaitFor(`"tail": "xxxx`)
	if strings.Contains(s, "END") {
		t.Fatalf("a cut line shows its end without scrolling:\n%s", s)
	}
	d.Type("W")
	s = d.WaitFor("long lines wrap", `END"`)
	t.Run("wrapped", func(t *testing.T) { uitest.Golden(t, s) })

	d.Type("K")
	d.WaitFor("copied the key (8 bytes)")
	d.Type("H")
	d.WaitFor("copied 2 headers (20 bytes)") // "trace: t1\nbin: ff00\n"
	d.Type("c")
	d.WaitFor(fmt.Sprintf("copied the value (%s bytes)", fmtCount(len(value))))
}

func fmtCount(n int) string {
	s := fmt.Sprint(n)
	if n >= 1000 {
		s = s[:len(s)-3] + "," + s[len(s)-3:]
	}
	return s
}

// o opens the record, as indented JSON with its value decoded, in the
// user's $PAGER; the record view is as it was once the pager ends, and
// the file is gone.
func TestOpenARecordInThePager(t *testing.T) {
	dir := t.TempDir()
	copied := filepath.Join(dir, "seen.json")
	pager := filepath.Join(dir, "pager")
	// The file is the last argument, after those $PAGER gives.
	script := "#!/bin/sh\n[ \"$1\" = --flag-kept ] || exit 3\ncp \"$2\" " + copied + "\necho \"$2\" > " + copied + ".path\n"
	if err := os.WriteFile(pager, []byte(script), 0o700); err != nil {
		t.Fatal(err)
	}
	fake := kafkatest.Sample()
	fake.Append(orders(0, 3)...)
	app := New(fake, Options{Name: "test", Refresh: time.Hour, Now: func() time.Time { return epoch }, Location: time.UTC, Pager: pager + " --flag-kept"})
	d := uitest.Start(t, app, 120, 20)
	d.Type(":", "tail orders beginning", "enter")
	d.WaitFor("seen 3")
	d.Type("enter")
	d.WaitFor("tail orders › ", "── value")
	d.Type("o")
	d.WaitUntil("the pager to have run", func(string) bool { _, err := os.Stat(copied + ".path"); return err == nil })
	got, _ := os.ReadFile(copied)
	if !strings.Contains(string(got), "\n  \"value\": {\n    \"order_id\": \"ord-00002\",\n    \"status\": \"shipped\",") {
		t.Errorf("the pager got:\n%s", got)
	}
	path, _ := os.ReadFile(copied + ".path")
	d.WaitUntil("the record's file to be removed", func(string) bool {
		_, err := os.Stat(strings.TrimSpace(string(path)))
		return os.IsNotExist(err)
	})
	d.WaitFor("tail orders › ", "── value")

	app = New(fake, Options{Name: "test", Refresh: time.Hour, Now: func() time.Time { return epoch }, Location: time.UTC})
	d = uitest.Start(t, app, 120, 20)
	d.Type(":", "tail orders beginning", "enter")
	d.WaitFor("seen 3")
	d.Type("enter", "E")
	d.WaitFor("set $EDITOR to open a record in it")
}
