package model

import (
	"encoding/json"
	"strings"
	"testing"
)

// JSONSafe escapes what a terminal acts on wherever it falls, within or
// across the words it skips ASCII by, and leaves the JSON's meaning and
// everything else as it was; ASCII comes back as the same slice.
func TestJSONSafeEscapesWhateverItSkipsPast(t *testing.T) {
	for _, ins := range []string{"\u0085", "\u202e", "\u2028", "\u200b", "é", "日本", "\U0001F600", "\U000E0001"} {
		for pos := range 20 {
			doc := `{"k":"` + strings.Repeat("a", pos) + ins + strings.Repeat("b", 20-pos) + `"}`
			out := JSONSafe([]byte(doc), 0)
			var want, got map[string]string
			if err := json.Unmarshal([]byte(doc), &want); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(out, &got); err != nil || got["k"] != want["k"] {
				t.Fatalf("%q became %s (%v)", doc, out, err)
			}
			for _, r := range string(out) {
				if terminalActs(r) {
					t.Fatalf("%q became %s: %U is raw", doc, out, r)
				}
			}
		}
	}
	ascii := []byte(`{"k":"` + strings.Repeat("plain ", 10) + `"}`)
	if out := JSONSafe(ascii, 0); &out[0] != &ascii[0] {
		t.Error("ASCII was copied")
	}
}
