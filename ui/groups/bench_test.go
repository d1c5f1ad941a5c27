package groups

import (
	"fmt"
	"runtime"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/kscope/kscope/kafka/kafkatest"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/uitest"
)

func manyGroups(n, partitions int, step int64) []model.Group {
	gs := make([]model.Group, n)
	for i := range gs {
		offsets := make([][2]int64, partitions)
		for p := range offsets {
			offsets[p] = [2]int64{step * 10, step*12 + int64(i%7)}
		}
		gs[i] = kafkatest.Group(fmt.Sprintf("group-%04d", i), "Stable", 2, "events", offsets...)
	}
	return gs
}

func judged(gs []model.Group) []model.JudgedGroup {
	out := make([]model.JudgedGroup, len(gs))
	for i, g := range gs {
		out[i].Group = g
	}
	return out
}

// benchModel is the pane at 200x60 over a fake cluster of groups, loaded
// with one whole poll.
func benchModel(gs []model.Group) *Model {
	fake := kafkatest.Sample()
	fake.SetGroups(gs...)
	m := New(uitest.Common(), fake, &model.LagHistory{}, "")
	m.SetSize(200, 60)
	uitest.Load(m)
	return m
}

// benchTake is a whole poll of groups, taken every 2 s: recorded in the
// history and judged.
func benchTake(b *testing.B, groups, partitions int) {
	polls := [][]model.JudgedGroup{judged(manyGroups(groups, partitions, 1)), judged(manyGroups(groups, partitions, 2))}
	m := benchModel(nil)
	at := time.Now()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		at = at.Add(2 * time.Second)
		m.take(polls[i%2], at, true)
		i++
	}
}

// A whole poll of 1,000 groups of 50 partitions each.
func BenchmarkTakePoll(b *testing.B) { benchTake(b, 1000, 50) }

// A whole poll of 5,000 groups of 10 partitions each, the scale of the
// lag benchmark in ./kafka (BenchmarkGroupsLagAtScale).
func BenchmarkTakePoll5000Groups(b *testing.B) { benchTake(b, 5000, 10) }

// Drawing the pane costs the screen's rows, not the 1,000 groups.
func BenchmarkView(b *testing.B) {
	m := benchModel(manyGroups(1000, 50, 1))
	b.ReportAllocs()
	for b.Loop() {
		_ = m.View()
	}
}

// A keystroke of the filter over 1,000 groups of 50 partitions: filter and
// order what the last poll judged, and draw.
func BenchmarkFilterKeystroke(b *testing.B) {
	m := benchModel(manyGroups(1000, 50, 1))
	m.Update(tea.KeyPressMsg{Code: '/', Text: "/"})
	uitest.Keystrokes(b, m, '0')
}

// BenchmarkMemoryOverAnHour takes an hour of whole polls of 5,000 groups
// of 10 partitions, one every 2 s, with commits that move, and reports
// the live heap after 1, 15, 30 and 60 minutes: the history fills its
// window in the first 15 and must hold flat after. Run with -benchtime 1x.
func BenchmarkMemoryOverAnHour(b *testing.B) {
	for b.Loop() {
		m := benchModel(nil)
		at := time.Now()
		polls := [][]model.JudgedGroup{judged(manyGroups(5000, 10, 1)), judged(manyGroups(5000, 10, 2))}
		for i := 1; i <= 1800; i++ {
			at = at.Add(2 * time.Second)
			m.take(polls[i%2], at, true)
			if minute := i / 30; i%30 == 0 && (minute == 1 || minute == 15 || minute == 30 || minute == 60) {
				runtime.GC()
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				b.ReportMetric(float64(ms.HeapAlloc)/1e6, fmt.Sprintf("MB-at-%dmin", minute))
			}
		}
	}
}
