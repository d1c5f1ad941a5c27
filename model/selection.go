package model

import "sort"

// Selection is the sequence numbers of a buffer's records that match a
// filter, oldest first. It is kept up to date as records arrive and leave,
// so a filtered view costs nothing per frame; only a new filter rescans
// the buffer.
type Selection struct {
	filter Filter
	seqs   []uint64 // matching, ascending; seqs[start:] are live
	start  int
	next   uint64 // the first sequence number not yet looked at
}

// NewSelection selects what f matches in buf.
func NewSelection(buf *Buffer, f Filter) *Selection {
	s := &Selection{filter: f, next: buf.First()}
	s.Update(buf)
	return s
}

// Filter is the selection's filter.
func (s *Selection) Filter() Filter { return s.filter }

// Update takes in what was pushed to buf since the last update and lets go
// of what buf evicted.
func (s *Selection) Update(buf *Buffer) {
	s.next = max(s.next, buf.First())
	for ; s.next < buf.Next(); s.next++ {
		r, _ := buf.Get(s.next)
		if s.filter.Match(r) {
			s.seqs = append(s.seqs, s.next)
		}
	}
	for s.start < len(s.seqs) && s.seqs[s.start] < buf.First() {
		s.start++
	}
	// Compact once the dead prefix is half the slice, so memory stays
	// bounded by the buffer's size and the copying is amortised O(1).
	if s.start > 0 && s.start >= len(s.seqs)/2 {
		s.seqs = append(s.seqs[:0], s.seqs[s.start:]...)
		s.start = 0
	}
}

// Len is how many buffered records match.
func (s *Selection) Len() int { return len(s.seqs) - s.start }

// Search is the index of the first match whose sequence number is at
// least seq, or Len if there is none.
func (s *Selection) Search(seq uint64) int {
	live := s.seqs[s.start:]
	return sort.Search(len(live), func(i int) bool { return live[i] >= seq })
}

// At is the sequence number of the i-th match, oldest first.
func (s *Selection) At(i int) uint64 { return s.seqs[s.start+i] }
