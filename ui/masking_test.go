package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kscope/kscope/kafka/kafkatest"
	"github.com/kscope/kscope/mask"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/uitest"
)

// The secrets planted in the records: no screen, file or clipboard may
// hold one in clear.
var planted = []string{"ann@example.com", "4111111111111111", "4111 1111 1111 1111", "key-secret-17", "tok-secret-9", "avro-secret-3"}

func noSecret(t *testing.T, what, text string) {
	t.Helper()
	for _, s := range planted {
		if strings.Contains(text, s) {
			t.Errorf("%s: %q is in clear:\n%s", what, s, text)
		}
	}
}

// maskedApp is a tail of payments through a masking policy, as a masked
// context's client reads it: the fake hands its records through the
// policy, as kafka.Client does.
func maskedApp(t *testing.T, saveDir string) *App {
	t.Helper()
	policy, err := mask.New(mask.Config{Rules: []mask.Rule{
		{Topic: "payments", Fields: []string{"key.id", "value.card", "value.customer.email", "headers.authorization"}, Style: "keep_last", Keep: 4},
		{Topic: "payments", Detect: []string{"email", "card"}},
	}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	fake := kafkatest.Sample()
	fake.SetDecoder(mask.Decoding(nil, policy))
	fake.Append(
		model.Record{Topic: "payments", Timestamp: epoch.UnixMilli(), Key: []byte(`{"id":"key-secret-17"}`),
			Value:   []byte(`{"customer":{"email":"ann@example.com","name":"Ann"},"card":"4111111111111111","note":"paid with 4111 1111 1111 1111"}`),
			Headers: []model.Header{{Key: "authorization", Value: []byte("Bearer tok-secret-9")}, {Key: "trace", Value: []byte("t1")}}},
		// As a registry-framed Avro value reads: bytes that hold the
		// fields in clear, and the JSON they decode to.
		model.Record{Topic: "payments", Timestamp: epoch.UnixMilli(), Key: []byte("k2"),
			Value:        append([]byte{0, 0, 0, 0, 1, 0x1a}, "avro-secret-3 ann@example.com"...),
			DecodedValue: &model.Decoded{JSON: []byte(`{"card":"avro-secret-3","contact":"ann@example.com"}`), Format: "avro", Schema: &model.Schema{ID: 1, Type: "AVRO"}}},
	)
	return New(fake, Options{Name: "test", Refresh: time.Hour, Now: func() time.Time { return epoch }, Location: time.UTC, SaveDir: saveDir, Masking: policy})
}

// Every output of a masked tail holds the masked form alone: the list,
// the record view, the clipboard, saved files; T, which would send the
// masked text as if it were the records, is refused.
func TestMaskingOnEveryTUIOutput(t *testing.T) {
	for _, size := range [][2]int{{120, 16}, {80, 24}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			dir := t.TempDir()
			d := uitest.Start(t, maskedApp(t, dir), size[0], size[1])
			d.Type(":", "tail payments beginning", "enter")
			s := d.WaitFor("seen 2", "MASKED")
			noSecret(t, "the tail", s)
			t.Run("tail", func(t *testing.T) { uitest.Golden(t, s) })

			d.Type("/", "4111", "enter")
			noSecret(t, "a filter", d.WaitFor(`no buffered record matches "4111"`))
			d.Type("esc", "g", "enter")
			s = d.WaitFor("── value", `"***.com"`)
			noSecret(t, "the record view", s)
			t.Run("record", func(t *testing.T) { uitest.Golden(t, s) })
			for i, k := range []string{"c", "K", "H"} {
				d.Type(k)
				d.WaitUntil("the clipboard to be set", func(string) bool { _, n := d.Clipboard(); return n == i+1 })
				clip, _ := d.Clipboard()
				noSecret(t, "the clipboard after "+k, clip)
				if !strings.Contains(clip, "***") {
					t.Errorf("the clipboard after %s holds no masked text: %q", k, clip)
				}
			}
			saved := func(n int) {
				d.WaitUntil(fmt.Sprintf("%d saved files", n), func(string) bool { f, _ := filepath.Glob(filepath.Join(dir, "*")); return len(f) == n })
			}
			d.Type("w")
			saved(1)
			d.Type("esc", "j", "enter")
			s = d.WaitFor("── value", `"card": "***`)
			noSecret(t, "a decoded record's view", s)
			d.Type("c")
			d.WaitUntil("the clipboard to be set", func(string) bool { _, n := d.Clipboard(); return n == 4 })
			clip, _ := d.Clipboard()
			noSecret(t, "a decoded value's clipboard", clip)
			d.Type("esc", "w")
			saved(2)
			d.WaitFor("saved 2 records") // its notice shown, not to come over the next ones
			files, _ := filepath.Glob(filepath.Join(dir, "*"))
			if len(files) != 2 {
				t.Fatalf("saved %v", files)
			}
			for _, f := range files {
				b, _ := os.ReadFile(f)
				noSecret(t, "the saved "+filepath.Base(f), string(b))
			}
			d.Type("X", "T")
			noSecret(t, "the refusal", d.WaitFor("masking applies to this topic"))
		})
	}
}

// A search in the TUI tests the masked form only, and says so; one that
// names no masked field still finds what it names.
func TestMaskedSearchInTheTUI(t *testing.T) {
	d := uitest.Start(t, maskedApp(t, t.TempDir()), 160, 12)
	d.Type(":", `search payments value.card == "4111111111111111"`, "enter")
	d.WaitFor("✓ 0 matches", "masking applied: value.card is masked")
	d.Type(":", "search payments /4111", "enter")
	d.WaitFor(`search payments · /4111`, "✓ 0 matches", "masking applied")
	d.Type(":", `search payments value.customer.name == "Ann"`, "enter")
	d.WaitFor("✓ 1 match;")
}
