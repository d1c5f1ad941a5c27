package model

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSanitize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"orders", "orders"},
		{"", ""},
		{"naïve café 日本語", "naïve café 日本語"},
		{"clear\x1b[2Jscreen", `clear\x1b[2Jscreen`},
		{"osc\x1b]52;c;aGk=\x07", `osc\x1b]52;c;aGk=\x07`},
		{"two\nlines\r\ttab", `two\nlines\r\ttab`},
		{"del\x7f", `del\x7f`},
		{"c1\u009bcsi", `c1\u009bcsi`},
		{"bidi\u202eevil", `bidi\u202eevil`},
		{"bad\xff\xfeutf8", `bad\xff\xfeutf8`},
		{"line\u2028para\u2029zw\u200b", `line\u2028para\u2029zw\u200b`},
	}
	for _, tt := range tests {
		if got := Sanitize(tt.in); got != tt.want {
			t.Errorf("Sanitize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzSanitize(f *testing.F) {
	for _, s := range []string{"orders", "\x1b[31mred", "\xff", "a\u202eb", "\u009b", "日本", "a\u2028b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Sanitize(s)
		if !utf8.ValidString(got) {
			t.Fatalf("Sanitize(%q) = %q is not valid UTF-8", s, got)
		}
		for _, r := range got {
			if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
				t.Fatalf("Sanitize(%q) = %q keeps control %U", s, got, r)
			}
		}
		if strings.ContainsAny(got, "\u202e\u2028\u2029") {
			t.Fatalf("Sanitize(%q) keeps a bidi override or a line separator", s)
		}
	})
}
