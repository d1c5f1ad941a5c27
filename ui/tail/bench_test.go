package tail

import (
	"fmt"
	"testing"
	"time"

	"github.com/kscope/kscope/keymap"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/pane"
	"github.com/kscope/kscope/ui/theme"
)

func benchPane(b *testing.B, buffered int) (*Model, []model.Record) {
	c := pane.Common{
		Theme: theme.New(theme.Default(), false), Keys: keymap.Default(),
		Now: time.Now, Zone: pane.NewZone(time.UTC, false),
		Buffer: pane.BufferLimits{Records: buffered, Bytes: 1 << 30},
	}
	m := New(c, nil, nil, model.TailRequest{Topic: "bench"})
	m.SetSize(200, 60)
	recs := make([]model.Record, buffered)
	for i := range recs {
		v := fmt.Appendf(nil, `{"order_id":"ord-%07d","status":"shipped","note":"%0160d"}`, i, i)
		recs[i] = model.Record{Topic: "bench", Partition: int32(i % 12), Offset: int64(i), Timestamp: time.Now().UnixMilli(),
			Key: fmt.Appendf(nil, "cus-%04d", i%500), Value: v}
	}
	m.take(batchMsg{owner: m, gen: m.gen, batch: model.Batch{Records: recs}})
	return m, recs
}

// View draws a screenful whatever the buffer holds.
func BenchmarkView(b *testing.B) {
	for _, buffered := range []int{1_000, 10_000, 100_000} {
		b.Run(fmt.Sprintf("buffered=%d", buffered), func(b *testing.B) {
			m, _ := benchPane(b, buffered)
			b.ReportAllocs()
			for b.Loop() {
				_ = m.View()
			}
		})
	}
}

// A batch arriving costs its records plus one screenful, not the buffer.
func BenchmarkTakeBatch(b *testing.B) {
	m, recs := benchPane(b, 10_000)
	batch := recs[:500]
	b.ReportAllocs()
	for b.Loop() {
		m.take(batchMsg{owner: m, gen: m.gen, batch: model.Batch{Records: batch}})
	}
	b.ReportMetric(float64(b.N*len(batch))/b.Elapsed().Seconds(), "records/s")
}
