package model

import (
	"fmt"
	"runtime"
	"testing"
)

// benchRecords are n records with 200-byte JSON values, like a busy topic.
func benchRecords(n int) []Record {
	out := make([]Record, n)
	for i := range out {
		v := fmt.Appendf(nil, `{"order_id":"ord-%07d","customer_id":"cus-%04d","status":"shipped","total":%d.99,"currency":"EUR","note":"`, i, i%500, i%1000)
		for len(v) < 198 {
			v = append(v, 'x')
		}
		v = append(v, '"', '}')
		out[i] = Record{Topic: "bench", Partition: int32(i % 12), Offset: int64(i), Timestamp: 0,
			Key: fmt.Appendf(nil, "cus-%04d", i%500), Value: v,
			Headers: []Header{{Key: "trace-id", Value: []byte("0123456789abcdef")}}}
	}
	return out
}

// BenchmarkPipeline is what a tail does with each record it reads: filter
// it, put it in the buffer, keep the selection of matches up to date.
// One op is one record.
func BenchmarkPipeline(b *testing.B) {
	for _, expr := range []string{"", "cus-0042", "~status\":\"(paid|shipped)"} {
		b.Run(fmt.Sprintf("filter=%q", expr), func(b *testing.B) {
			recs := benchRecords(10_000)
			buf := NewBuffer(10_000, 64<<20)
			f, _ := ParseFilter(expr)
			sel := NewSelection(buf, f)
			const batch = 1000
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if i%batch == 0 {
					start := i % len(recs)
					buf.Push(recs[start : start+batch]...)
					sel.Update(buf)
				}
				i++
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "records/s")
		})
	}
}

func BenchmarkPreview(b *testing.B) {
	recs := benchRecords(1)
	b.ReportAllocs()
	for b.Loop() {
		_ = Preview(recs[0].Value, 80)
	}
}

func BenchmarkPreviewHugeValue(b *testing.B) {
	huge := make([]byte, 8<<20)
	for i := range huge {
		huge[i] = 'a' + byte(i%26)
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = Preview(huge, 80)
	}
}

// Tailing millions of records holds no more memory than the buffer's
// bound: what it evicts is let go.
func TestBufferMemoryStaysFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("pushes 5 million records")
	}
	recs := benchRecords(10_000)
	buf := NewBuffer(10_000, 64<<20)
	sel := NewSelection(buf, Filter{})
	heap := func() uint64 {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return ms.HeapAlloc
	}
	const total = 5_000_000
	var afterFirst uint64
	for i := 0; i < total; i += 1000 {
		// Fresh copies, as a tail gets fresh records from every fetch.
		batch := make([]Record, 1000)
		for j := range batch {
			r := recs[(i+j)%len(recs)]
			r.Value = append([]byte(nil), r.Value...)
			batch[j] = r
		}
		buf.Push(batch...)
		sel.Update(buf)
		if i == 100_000 {
			afterFirst = heap()
		}
	}
	end := heap()
	if buf.Len() != 10_000 || sel.Len() != 10_000 {
		t.Fatalf("buffer %d, selection %d", buf.Len(), sel.Len())
	}
	// Allow for the GC's slack, but not for growth with records seen.
	if end > afterFirst+afterFirst/2 {
		t.Errorf("heap grew from %d MB after 100k records to %d MB after 5M", afterFirst>>20, end>>20)
	}
	t.Logf("heap after 100k records: %.1f MB, after 5M: %.1f MB", float64(afterFirst)/(1<<20), float64(end)/(1<<20))
}
