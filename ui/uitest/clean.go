package uitest

import (
	"strings"
	"testing"
)

// AssertClean fails the test if anything but SGR styling reaches the
// terminal in frame, or any of the sequences a hostile cluster string
// carries in kscope's tests: a colour of its own (38;5;201), a C1 CSI, a
// bidi override, a bell.
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
