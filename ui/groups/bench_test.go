package groups

import (
	"fmt"
	"testing"
	"time"

	"github.com/kscope/kscope/kafka/kafkatest"
	"github.com/kscope/kscope/keymap"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/pane"
	"github.com/kscope/kscope/ui/theme"
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

func benchModel() *Model {
	c := pane.Common{Theme: theme.New(theme.Default(), false), Keys: keymap.Default(), Now: time.Now, Refresh: time.Second}
	m := New(c, kafkatest.Sample(), &model.LagHistory{}, "")
	m.SetSize(200, 60)
	return m
}

// A poll of 1,000 groups of 50 partitions each: record the history, judge
// every group, rebuild the rows.
func BenchmarkObservePoll(b *testing.B) {
	m := benchModel()
	polls := [][]model.Group{manyGroups(1000, 50, 1), manyGroups(1000, 50, 2)}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		m.observe(pane.Fetched[[]model.Group]{Value: polls[i%2]})
		i++
	}
}

// A poll of 5,000 groups of 10 partitions each, the scale of the lag
// benchmark in ./kafka (BenchmarkGroupsLagAtScale).
func BenchmarkObservePoll5000Groups(b *testing.B) {
	m := benchModel()
	polls := [][]model.Group{manyGroups(5000, 10, 1), manyGroups(5000, 10, 2)}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		m.observe(pane.Fetched[[]model.Group]{Value: polls[i%2]})
		i++
	}
}

// Drawing the pane costs the screen's rows, not the 1,000 groups.
func BenchmarkView(b *testing.B) {
	m := benchModel()
	m.observe(pane.Fetched[[]model.Group]{Value: manyGroups(1000, 50, 1)})
	b.ReportAllocs()
	for b.Loop() {
		_ = m.View()
	}
}

// A keystroke of the filter over 1,000 groups of 50 partitions: filter and
// order what the last poll judged, rebuild the rows.
func BenchmarkFilterKeystroke(b *testing.B) {
	m := benchModel()
	m.observe(pane.Fetched[[]model.Group]{Value: manyGroups(1000, 50, 1)})
	filters := []string{"group-0", "group-00"}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		m.query.Filter = filters[i%2]
		m.refresh()
		i++
	}
}
