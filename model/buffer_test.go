package model

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

func rec(offset int64, value string) Record {
	return Record{Topic: "t", Offset: offset, Value: []byte(value)}
}

func TestBufferKeepsTheNewestByCount(t *testing.T) {
	b := NewBuffer(3, 1<<20)
	for i := range 5 {
		b.Push(rec(int64(i), "v"))
	}
	if b.Len() != 3 || b.First() != 2 || b.Next() != 5 {
		t.Fatalf("len %d first %d next %d, want 3 2 5", b.Len(), b.First(), b.Next())
	}
	for seq := uint64(2); seq < 5; seq++ {
		if r, ok := b.Get(seq); !ok || r.Offset != int64(seq) {
			t.Errorf("Get(%d) = %v %v", seq, r, ok)
		}
	}
	if _, ok := b.Get(1); ok {
		t.Error("evicted record still there")
	}
	if _, ok := b.Get(5); ok {
		t.Error("future record there")
	}
}

func TestBufferKeepsToItsByteBudget(t *testing.T) {
	one := rec(0, string(make([]byte, 1000)))
	b := NewBuffer(1000, 3*one.Size())
	for i := range 10 {
		b.Push(rec(int64(i), string(make([]byte, 1000))))
	}
	if b.Len() != 3 || b.Bytes() != 3*one.Size() {
		t.Fatalf("len %d bytes %d, want 3 records", b.Len(), b.Bytes())
	}
	// A record bigger than the whole budget is still kept, alone.
	b.Push(rec(10, string(make([]byte, 10_000))))
	if b.Len() != 1 || b.First() != 10 {
		t.Fatalf("len %d first %d, want the big record alone", b.Len(), b.First())
	}
}

// A selection always equals filtering the buffer from scratch, whatever the
// mix of pushes, evictions and filters.
func TestSelectionMatchesNaiveFiltering(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	for trial := range 200 {
		b := NewBuffer(1+rnd.IntN(50), 1<<20)
		f, _ := ParseFilter([]string{"", "a", "~^b", "B"}[trial%4])
		s := NewSelection(b, f)
		var offset int64
		for range 1 + rnd.IntN(20) {
			batch := make([]Record, rnd.IntN(30))
			for i := range batch {
				batch[i] = rec(offset, string([]byte{"aAbBc"[rnd.IntN(5)], "aAbBc"[rnd.IntN(5)]}))
				offset++
			}
			b.Push(batch...)
			s.Update(b)
			var want []uint64
			for seq := b.First(); seq < b.Next(); seq++ {
				if r, _ := b.Get(seq); f.Match(r) {
					want = append(want, seq)
				}
			}
			if s.Len() != len(want) {
				t.Fatalf("trial %d filter %q: %d selected, want %d", trial, f, s.Len(), len(want))
			}
			for i, seq := range want {
				if s.At(i) != seq {
					t.Fatalf("trial %d: match %d is %d, want %d", trial, i, s.At(i), seq)
				}
			}
		}
	}
}

func TestSelectionMemoryIsBounded(t *testing.T) {
	b := NewBuffer(100, 1<<20)
	s := NewSelection(b, Filter{})
	for i := range 100_000 {
		b.Push(rec(int64(i), fmt.Sprint(i)))
		s.Update(b)
	}
	if s.Len() != 100 || cap(s.seqs) > 1000 {
		t.Errorf("len %d cap %d: the selection grows with what it has seen", s.Len(), cap(s.seqs))
	}
}

// An evicted record's bytes are let go at once: the ring slot it held is
// cleared, so a full buffer of small records does not pin the megabytes
// of a large one pushed out long ago.
func TestBufferReleasesWhatItEvicts(t *testing.T) {
	b := NewBuffer(4, 1500)
	b.Push(rec(0, string(make([]byte, 1000))), rec(1, string(make([]byte, 1000)))) // the second evicts the first
	live := map[int]bool{}
	for k := range b.n {
		live[(b.head+k)%len(b.ring)] = true
	}
	for i, r := range b.ring {
		if !live[i] && r.Value != nil {
			t.Errorf("slot %d still holds %d bytes of an evicted record", i, len(r.Value))
		}
	}
	if b.Len() != 1 {
		t.Fatalf("the buffer holds %d records; the test expects one evicted", b.Len())
	}
}

// A value larger than the whole buffer (a compressed batch can inflate to
// hundreds of megabytes) is cut to fit, in a copy, and says how large it
// was: the buffer's budget holds, whatever one record weighs.
func TestBufferCutsARecordLargerThanItself(t *testing.T) {
	b := NewBuffer(10, 4096)
	huge := rec(0, string(make([]byte, 150<<10)))
	b.Push(huge)
	r, ok := b.Get(0)
	if !ok || r.CutFrom != 150<<10 || len(r.Value) > 4096 || b.Bytes() > 4096 {
		t.Fatalf("held %d of %d bytes, %d in all", len(r.Value), r.CutFrom, b.Bytes())
	}
	if cap(r.Value) > 4096 {
		t.Error("the cut value still pins the original's memory")
	}
	if line := string(AppendJSONLine(nil, r)); !strings.Contains(line, `"value_cut_from":153600`) {
		t.Errorf("the JSON line does not say it was cut: %.200s", line)
	}
}

func TestDecodedValuesTooLargeForTheBufferAreDropped(t *testing.T) {
	b := NewBuffer(10, 1024)
	big := Record{Value: make([]byte, 600), DecodedValue: &Decoded{JSON: make([]byte, 2000), Format: "avro", Name: "shop.Order"}}
	b.Push(big)
	r, _ := b.Get(0)
	if r.DecodedValue.OK() || r.DecodedValue.Name != "shop.Order" || !strings.Contains(r.DecodedValue.Note, "decoded to 2000 bytes of JSON") {
		t.Errorf("decoded %+v", r.DecodedValue)
	}
	if r.Size() > 1024 || len(r.Value) != 600 {
		t.Errorf("size %d, value %d bytes", r.Size(), len(r.Value))
	}
}
