package detail

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/kscope/kscope/keymap"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/pane"
	"github.com/kscope/kscope/ui/theme"
)

// bigJSON is a JSON value of about n bytes: an array of order objects, as
// a batch export or an outbox row might carry.
func bigJSON(n int) []byte {
	var b strings.Builder
	b.WriteString(`{"orders":[`)
	for i := 0; b.Len() < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"order_id":"ord-%07d","status":"shipped","total":%d.5,"paid":true,"lines":[{"sku":"sku-%05d","qty":%d}],"note":null}`, i, i, i%99999, i%7+1)
	}
	b.WriteString(`]}`)
	return []byte(b.String())
}

// openAndDraw opens a record the way the tail does (New, the Init command
// run as Bubble Tea runs it, its message back through Update) and draws
// the first screen.
func openAndDraw(c pane.Common, r model.Record) string {
	m := New(c, r)
	m.SetSize(160, 45)
	m.Update(m.Init()())
	return m.View()
}

// Opening a 5 MB JSON record shows its first screen: the whole time from
// the key press to a coloured screen, the build included.
func BenchmarkOpenJSONRecord(b *testing.B) {
	c := pane.Common{Theme: theme.New(theme.Default(), false), Keys: keymap.Default(), Zone: pane.NewZone(time.UTC, false)}
	for _, size := range []int{700 << 10, 5 << 20} {
		r := model.Record{Topic: "exports", Value: bigJSON(size)}
		b.Run(fmt.Sprintf("bytes=%d", size), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if s := openAndDraw(c, r); !strings.Contains(s, "order_id") {
					b.Fatalf("first screen:\n%s", s)
				}
			}
		})
	}
}

// The shapes that were slow: nesting thousands deep, one string of
// megabytes, one array of a million numbers. 5 MB each; every one must
// show its first screen as fast as ordinary JSON.
func BenchmarkOpenHostileJSON(b *testing.B) {
	c := pane.Common{Theme: theme.New(theme.Default(), false), Keys: keymap.Default(), Zone: pane.NewZone(time.UTC, false)}
	const size = 5 << 20
	shapes := map[string][]byte{
		"deep":        []byte(strings.Repeat("[", size/2) + strings.Repeat("]", size/2)),
		"long-string": []byte(`{"blob":"` + strings.Repeat("x", size) + `"}`),
		"wide-array":  []byte("[" + strings.TrimSuffix(strings.Repeat("1,", size/2), ",") + "]"),
	}
	for name, value := range shapes {
		r := model.Record{Topic: "hostile", Value: value}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if s := openAndDraw(c, r); !strings.Contains(s, "value") {
					b.Fatalf("first screen:\n%s", s)
				}
			}
		})
	}
}

// Wrapping a 5 MB value laid out as one line, and drawing a screen deep
// in it: the wrap is made once per width, each screen costs a screenful.
func BenchmarkWrapLongLine(b *testing.B) {
	c := pane.Common{Theme: theme.New(theme.Default(), false), Keys: keymap.Default(), Zone: pane.NewZone(time.UTC, false)}
	r := model.Record{Topic: "hostile", Value: []byte(strings.Repeat("x", 5<<20))} // text: one line
	m := New(c, r)
	m.SetSize(160, 45)
	m.Update(m.Init()())
	b.Run("wrap", func(b *testing.B) {
		for b.Loop() {
			m.wrapped = wrap(m.body, 160)
		}
	})
	m.wrap = true
	m.rewrap()
	m.y = m.wrapped.len() / 2
	b.Run("draw", func(b *testing.B) {
		for b.Loop() {
			if s := m.View(); !strings.Contains(s, "xxxx") {
				b.Fatalf("screen:\n%s", s)
			}
		}
	})
}
