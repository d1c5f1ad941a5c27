package model

import "fmt"

// Buffer keeps the newest records, up to a count and a byte budget,
// whichever binds first, so memory stays flat however long a tail runs and
// however large its values. Each record gets a sequence number, counting
// from 0 since the buffer was made; evicted numbers are never reused.
type Buffer struct {
	ring     []Record
	head     int    // index in ring of the oldest record
	n        int    // records held
	first    uint64 // sequence number of the oldest record
	bytes    int
	maxBytes int
}

// NewBuffer makes a buffer of at most maxRecords records and about maxBytes
// bytes. The newest record is always kept; a value larger than the whole
// budget (a compressed batch can inflate to hundreds of megabytes) is cut
// to fit it, and the record says so.
func NewBuffer(maxRecords, maxBytes int) *Buffer {
	return &Buffer{ring: make([]Record, max(maxRecords, 1)), maxBytes: max(maxBytes, 1)}
}

// Push appends records, evicting the oldest as needed.
func (b *Buffer) Push(rs ...Record) {
	for i := range rs {
		if b.n == len(b.ring) {
			b.evict()
		}
		if rs[i].Size() > b.maxBytes {
			rs[i] = cut(rs[i], b.maxBytes)
		}
		b.ring[(b.head+b.n)%len(b.ring)] = rs[i]
		b.n++
		b.bytes += rs[i].Size()
		for b.bytes > b.maxBytes && b.n > 1 {
			b.evict()
		}
	}
}

// cut keeps what of r's value fits in size bytes, in a copy, so the
// fetched original can be freed. Decoded JSON is not cut (half a JSON
// value would mislead): too large, it is dropped for a note, and the
// bytes are shown.
func cut(r Record, size int) Record {
	r.DecodedKey, r.DecodedValue = undecoded(r.DecodedKey), undecoded(r.DecodedValue)
	keep := max(size-(r.Size()-len(r.Value)), 0)
	if keep >= len(r.Value) {
		return r // the key or headers are what is large: kept whole
	}
	r.CutFrom = len(r.Value)
	r.Value = append([]byte(nil), r.Value[:keep]...)
	return r
}

// undecoded is d without its JSON, saying why.
func undecoded(d *Decoded) *Decoded {
	if !d.OK() {
		return d
	}
	return &Decoded{Format: d.Format, Name: d.Name, Schema: d.Schema,
		Note: fmt.Sprintf("decoded to %d bytes of JSON, more than the buffer holds (--buffer-mb)", len(d.JSON))}
}

func (b *Buffer) evict() {
	b.bytes -= b.ring[b.head].Size()
	b.ring[b.head] = Record{} // let the bytes go
	b.head = (b.head + 1) % len(b.ring)
	b.n--
	b.first++
}

// ResolveTxns marks the held records that the transaction markers commit
// or abort, in one pass over the buffer.
func (b *Buffer) ResolveTxns(ends []TxnEnd) {
	if ix := indexTxnEnds(ends); ix != nil {
		for i := range b.n {
			ix.resolve(&b.ring[(b.head+i)%len(b.ring)])
		}
	}
}

// Len is how many records the buffer holds.
func (b *Buffer) Len() int { return b.n }

// Bytes is about how much memory the held records take.
func (b *Buffer) Bytes() int { return b.bytes }

// First is the sequence number of the oldest record held.
func (b *Buffer) First() uint64 { return b.first }

// Next is the sequence number the next pushed record will get.
func (b *Buffer) Next() uint64 { return b.first + uint64(b.n) }

// Get returns the record with sequence number seq, if still held.
func (b *Buffer) Get(seq uint64) (*Record, bool) {
	if seq < b.first || seq >= b.Next() {
		return nil, false
	}
	return &b.ring[(b.head+int(seq-b.first))%len(b.ring)], true
}
