package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/kscope/kscope/kafka/kafkatest"
	"github.com/kscope/kscope/model"
)

// lineOf is the screen line that holds text.
func lineOf(t *testing.T, screen, text string) int {
	t.Helper()
	for i, l := range strings.Split(screen, "\n") {
		if strings.Contains(l, text) {
			return i
		}
	}
	t.Fatalf("no line holds %q:\n%s", text, screen)
	return -1
}

// A click selects a row and a click on the selected row opens it, however
// long after; the wheel moves the selection in a list and scrolls a
// record.
func TestMouseSelectsOpensAndScrolls(t *testing.T) {
	d := start(t, kafkatest.Sample(), 100, 16)
	s := loaded(d)
	d.Send(tea.MouseClickMsg{Y: lineOf(t, s, "payments"), Button: tea.MouseLeft})
	d.Send(tea.MouseClickMsg{Y: lineOf(t, s, "payments"), Button: tea.MouseLeft})
	d.WaitFor("topics › payments")
	d.Type("esc")
	d.WaitUntil("back on topics", func(s string) bool { return !strings.Contains(s, "topics › ") })
	// payments is still selected: one click opens it.
	d.Send(tea.MouseClickMsg{Y: lineOf(t, s, "payments"), Button: tea.MouseLeft})
	d.WaitFor("topics › payments")
	d.Type("esc")
	d.WaitUntil("back on topics", func(s string) bool { return !strings.Contains(s, "topics › ") })

	// The selection stayed on payments; the wheel moves it as ↑ does, and
	// enter opens the topic above.
	above := strings.Fields(strings.Split(s, "\n")[lineOf(t, s, "payments")-1])[0]
	if above == "TOPIC" {
		t.Fatalf("payments is the first topic:\n%s", s)
	}
	d.Send(tea.MouseWheelMsg{Button: tea.MouseWheelUp})
	d.Type("enter")
	d.WaitFor("topics › " + strings.TrimSuffix(above, "…"))
}

func TestMouseWheelScrollsARecord(t *testing.T) {
	fake := kafkatest.Sample()
	var lines []string
	for i := range 40 {
		lines = append(lines, "line "+string(rune('A'+i%26))+strings.Repeat(".", i))
	}
	fake.Append(model.Record{Topic: "orders", Timestamp: epoch.UnixMilli(), Value: []byte(strings.Join(lines, "\n"))})
	d := startTail(t, fake, 100, 16, "tail orders beginning")
	d.WaitFor("seen 1")
	d.Type("enter")
	s := d.WaitFor("── value")
	if !strings.Contains(s, "tail orders › ") {
		t.Fatalf("no record view:\n%s", s)
	}
	for range 5 {
		d.Send(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	}
	d.WaitUntil("the record to scroll", func(s string) bool { return !strings.Contains(s, "timestamp") })
}

// In a tail, a click selects a record and leaves follow; a double click
// opens it.
func TestMouseInATail(t *testing.T) {
	fake := kafkatest.Sample()
	fake.Append(orders(0, 5)...)
	d := startTail(t, fake, 120, 16, "tail orders beginning")
	s := d.WaitFor("seen 5", "● following")
	y := lineOf(t, s, "ord-00002")
	d.Send(tea.MouseClickMsg{Y: y, Button: tea.MouseLeft})
	d.WaitFor("▲ scrolled")
	d.Send(tea.MouseClickMsg{Y: y, Button: tea.MouseLeft})
	d.WaitFor("tail orders › 2@0", `"order_id": "ord-00002"`)
}
