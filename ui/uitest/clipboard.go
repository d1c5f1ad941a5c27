package uitest

import (
	"bytes"
	"encoding/base64"
	"sync"
)

// clipboard watches what the program writes to the terminal for OSC 52,
// the sequence that sets the clipboard, and keeps what it last set.
type clipboard struct {
	mu   sync.Mutex
	last string
	seen int
}

var osc52 = []byte("\x1b]52;c;")

func (c *clipboard) Write(p []byte) (int, error) {
	for rest := p; ; {
		i := bytes.Index(rest, osc52)
		if i < 0 {
			break
		}
		rest = rest[i+len(osc52):]
		end := bytes.IndexAny(rest, "\a\x1b")
		if end < 0 {
			end = len(rest)
		}
		text, err := base64.StdEncoding.DecodeString(string(rest[:end]))
		if err == nil {
			c.mu.Lock()
			c.last, c.seen = string(text), c.seen+1
			c.mu.Unlock()
		}
	}
	return len(p), nil
}

// Clipboard is what the program last put on the clipboard, and how many
// times it has.
func (d *Driver) Clipboard() (string, int) {
	d.clip.mu.Lock()
	defer d.clip.mu.Unlock()
	return d.clip.last, d.clip.seen
}
