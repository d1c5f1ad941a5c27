package topics

import (
	"fmt"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/kscope/kscope/kafka/kafkatest"
	"github.com/kscope/kscope/model"
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
	l := New(uitest.Common(), fake)
	l.SetSize(200, 60)
	uitest.Load(l)
	l.Update(tea.KeyPressMsg{Code: '/', Text: "/"})
	l.Update(tea.KeyPressMsg{Code: '4', Text: "4"})
	uitest.Keystrokes(b, l, '2')
}
