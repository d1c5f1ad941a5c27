package uitest

import (
	"strings"
	"testing"
)

// Hostile is what a hostile cluster puts in any string it can, in
// kscope's tests: a colour of its own (an SGR no kscope style emits), an
// OSC 8 link, a screen clear, an OSC 52 clipboard write, a C1 CSI, a bidi
// override, a line separator, a bell.
const Hostile = "\x1b[38;5;201mX\x1b]8;;https://evil.example\x07link\x1b]8;;\x07\x1b[2J\x1b]52;c;cHduZWQ=\x07\u009b31m\u202eexe\u2028\x07"

// AssertClean fails the test if anything but SGR styling reaches the
// terminal in frame, or any of the sequences Hostile carries, even as an
// SGR.
func AssertClean(t *testing.T, where, frame string) {
	t.Helper()
	for i := 0; i < len(frame); i++ {
		if frame[i] != 0x1b {
			continue
		}
		j := i + 2
		for j < len(frame) && (frame[j] >= '0' && frame[j] <= '9' || frame[j] == ';' || frame[j] == ':') {
			j++
		}
		if i+1 >= len(frame) || frame[i+1] != '[' || j >= len(frame) || frame[j] != 'm' {
			t.Fatalf("%s: a control sequence other than SGR reaches the terminal: %q", where, frame[i:min(i+24, len(frame))])
		}
	}
	for _, bad := range []string{"\x1b[38;5;201m", "\u009b", "\u202e", "\u2028", "\x07"} {
		if strings.Contains(frame, bad) {
			t.Fatalf("%s: %q reaches the terminal:\n%q", where, bad, frame)
		}
	}
}
