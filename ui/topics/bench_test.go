package topics

import (
	"fmt"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/kscope/kscope/kafka/kafkatest"
	"github.com/kscope/kscope/keymap"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/pane"
	"github.com/kscope/kscope/ui/theme"
	"github.com/kscope/kscope/ui/uitest"
)

// A keystroke of the filter over 10,000 topics of 10 partitions: select
// and order the topics, and draw the pane at 200x60. The rows are made
// as they are drawn, so this costs the filter and a screenful.
func BenchmarkFilterKeystroke10000Topics(b *testing.B) {
	var ts []model.Topic
	for i := range 10_000 {
		ts = append(ts, kafkatest.Topic(fmt.Sprintf("service-%05d.events", i), 10, 3, 0, int64(i)))
	}
	fake := kafkatest.Sample()
	fake.SetTopics(ts...)
	c := pane.Common{Theme: theme.New(theme.Default(), false), Keys: keymap.Default(), Now: time.Now, Refresh: time.Second}
	l := New(c, fake)
	l.SetSize(200, 60)
	uitest.Load(l)
	l.Update(tea.KeyPressMsg{Code: '/', Text: "/"})
	l.Update(tea.KeyPressMsg{Code: '4', Text: "4"})
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if i%2 == 0 {
			l.Update(tea.KeyPressMsg{Code: '2', Text: "2"})
		} else {
			l.Update(tea.KeyPressMsg{Code: tea.KeyBackspace})
		}
		_ = l.View()
		i++
	}
}
