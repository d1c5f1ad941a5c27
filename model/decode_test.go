package model

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestClassify(t *testing.T) {
	tests := []struct {
		in   []byte
		want Kind
	}{
		{nil, Null},
		{[]byte{}, Empty},
		{[]byte(`{"a":1}`), JSON},
		{[]byte(" [1,2]\n"), JSON},
		{[]byte(`{"a":`), Text},
		{[]byte("plain words"), Text},
		{[]byte("line\nbreaks\tand tabs"), Text},
		{[]byte("東京"), Text},
		{[]byte("42"), Text}, // a bare JSON scalar reads better as text
		{[]byte{0x5e, 0x45, 0x00, 0x03}, Binary},
		{[]byte("\x1b[31mred\x1b[0m log"), Text},
		{[]byte("nul\x00"), Binary},
		{[]byte{0xff, 0xfe}, Binary},
	}
	for _, tt := range tests {
		if got := Classify(tt.in); got != tt.want {
			t.Errorf("Classify(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
	// A long text value cut in the middle of a rune by the sniff is still text.
	long := []byte(strings.Repeat("a", sniffLen-1) + "é" + "tail")
	if got := Classify(long); got != Text {
		t.Errorf("long text with a rune across the sniff edge = %v", got)
	}
}

func TestPreview(t *testing.T) {
	tests := []struct {
		in    []byte
		width int
		want  string
	}{
		{nil, 10, "<null>"},
		{[]byte{}, 10, `""`},
		{[]byte("short"), 10, "short"},
		{[]byte("two\nlines"), 20, `two\nlines`},
		{[]byte{0x5e, 0x45, 0x00, 0x03, 0x00, 0x00}, 8, "5e450003…"},
		{[]byte{0x01}, 8, "01"},
		{[]byte(strings.Repeat("x", 100)), 10, strings.Repeat("x", 40) + "…"},
	}
	for _, tt := range tests {
		if got := Preview(tt.in, tt.width); got != tt.want {
			t.Errorf("Preview(%q, %d) = %q, want %q", tt.in, tt.width, got, tt.want)
		}
	}
}

// pretty is Pretty's lines joined, for comparing.
func pretty(b []byte) string {
	lines, _, _ := Pretty(b)
	return lines.String()
}

func TestPretty(t *testing.T) {
	if got, want := pretty([]byte(`{"a":[1,"x"]}`)), "{\n  \"a\": [\n    1,\n    \"x\"\n  ]\n}"; got != want {
		t.Errorf("json: %q, want %q", got, want)
	}
	if got := pretty([]byte("a\tb\r\nc\x1b[2J")); got != "a    b\nc\\x1b[2J" {
		t.Errorf("text: %q", got)
	}
	if got := pretty([]byte{0, 1, 'A'}); !strings.HasPrefix(got, "00000000  00 01 41") || !strings.HasSuffix(got, "|..A|") {
		t.Errorf("binary: %q", got)
	}
}

func TestHighlightJSON(t *testing.T) {
	got := HighlightJSON(`  "total": -12.5e3, "ok": true, "s": "a\"b:", "n": null}`)
	want := []Span{
		{"  ", Plain}, {`"total"`, JSONKey}, {":", JSONPunct}, {" ", Plain}, {"-12.5e3", JSONNumber},
		{",", JSONPunct}, {" ", Plain}, {`"ok"`, JSONKey}, {":", JSONPunct}, {" ", Plain}, {"true", JSONLiteral},
		{",", JSONPunct}, {" ", Plain}, {`"s"`, JSONKey}, {":", JSONPunct}, {" ", Plain}, {`"a\"b:"`, JSONString},
		{",", JSONPunct}, {" ", Plain}, {`"n"`, JSONKey}, {":", JSONPunct}, {" ", Plain}, {"null", JSONLiteral}, {"}", JSONPunct},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d spans %+v, want %d", len(got), got, len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("span %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

// Whatever the bytes, what reaches the terminal is valid UTF-8 with no
// control character but the line breaks Pretty keeps.
func FuzzDecoders(f *testing.F) {
	for _, s := range []string{`{"a":1}`, "text", "\x1b]52;c;aGk=\x07", "\xff\xfe", "東京", "a\x00b", `{"a":"\u001b"}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		check := func(what, s string, allowNewline bool) {
			if !utf8.ValidString(s) {
				t.Fatalf("%s(%q) = %q is not UTF-8", what, b, s)
			}
			for _, r := range s {
				if r == '\n' && allowNewline {
					continue
				}
				if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
					t.Fatalf("%s(%q) = %q keeps control %U", what, b, s, r)
				}
			}
		}
		check("Preview", Preview(b, 40), false)
		lines, kind, _ := Pretty(b)
		if kind != Classify(b) {
			t.Fatalf("Pretty(%q) says %v, Classify %v", b, kind, Classify(b))
		}
		check("Pretty", lines.String(), true)
		for i := range lines.Len() {
			line := lines.Line(i)
			var joined strings.Builder
			for _, sp := range HighlightJSON(line) {
				joined.WriteString(sp.Text)
			}
			if joined.String() != line {
				t.Fatalf("HighlightJSON lost text: %q became %q", line, joined.String())
			}
		}
	})
}

// JSON nested too deep, or too large, to indent is laid out as sent, with
// a note: indentation grows with depth, and 54 KB nested 3,000 deep once
// took minutes and tens of gigabytes.
func TestPrettyBoundsIndentation(t *testing.T) {
	deep := []byte(strings.Repeat("[", 3000) + strings.Repeat("]", 3000))
	lines, kind, note := Pretty(deep)
	if kind != JSON || lines.Len() != 1 || note != "shown as sent: nested 3000 deep, too large to indent" {
		t.Errorf("deep: %v, %d lines, %q", kind, lines.Len(), note)
	}
	wide := []byte("[" + strings.TrimSuffix(strings.Repeat("1,", 1_200_000), ",") + "]")
	if lines, _, note := Pretty(wide); lines.Len() != 1 || note == "" {
		t.Errorf("1.2 million elements: %d lines, %q", lines.Len(), note)
	}
	shallow := []byte(`{"a":[1,{"b":2}]}`)
	if lines, _, note := Pretty(shallow); lines.Len() != 8 || note != "" {
		t.Errorf("shallow: %d lines, %q", lines.Len(), note)
	}
	// Strings hide brackets and escaped quotes from the count.
	if depth, _, _ := indentCost([]byte(`{"x":"[[[\"[[["}`)); depth != 1 {
		t.Errorf("depth %d counted inside a string", depth)
	}
}
