package kafkatest

import (
	"context"
	"fmt"
	"slices"

	"github.com/kscope/kscope/model"
)

// Append adds records to their topic's log, giving each the next offset
// of its partition, and wakes the tails waiting for them. The partition log
// is made on first use; the topic need not be among the described topics.
func (f *Fake) Append(records ...model.Record) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, r := range records {
		parts := f.logs[r.Topic]
		for len(parts) <= int(r.Partition) {
			parts = append(parts, nil)
		}
		r.Offset = int64(len(parts[r.Partition]))
		parts[r.Partition] = append(parts[r.Partition], r)
		f.logs[r.Topic] = parts
	}
	close(f.grew)
	f.grew = make(chan struct{})
}

// EndTxn writes a transaction marker for what producer wrote in partition
// of topic; tails hand it on with the next batch.
func (f *Fake) EndTxn(topic string, partition int32, producer int64, aborted bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var offset int64
	if parts := f.logs[topic]; int(partition) < len(parts) {
		offset = int64(len(parts[partition]))
	}
	f.ends[topic] = append(f.ends[topic], model.TxnEnd{Partition: partition, Offset: offset, ProducerID: producer, Aborted: aborted})
	close(f.grew)
	f.grew = make(chan struct{})
}

// Tail reads a topic's fake log like kafka.Client.Tail reads a real one.
// Times are not indexed: FromTime starts at the beginning, and as Until
// means the end. KeyOf is not followed: every partition is read.
func (f *Fake) Tail(_ context.Context, req model.TailRequest) (model.RecordStream, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return nil, f.err
	}
	parts, ok := f.logs[req.Topic]
	if !ok {
		return nil, fmt.Errorf("topic %q does not exist", req.Topic)
	}
	s := &stream{fake: f, topic: req.Topic, next: map[int32]int64{}, endsRead: len(f.ends[req.Topic])}
	if req.Until != nil {
		s.until = map[int32]int64{}
	}
	wanted := req.Partitions
	if req.KeyOf != nil && f.keyPartition != nil {
		wanted = []int32{f.keyPartition(req.KeyOf, len(parts))}
	}
	for p := range parts {
		id := int32(p)
		if len(wanted) > 0 && !slices.Contains(wanted, id) {
			continue
		}
		high := int64(len(parts[p]))
		next := high
		switch req.Start.Kind {
		case model.FromBeginning:
			next = 0
		case model.FromTime:
			// The first record at or after the time, as ListOffsets finds it.
			at := req.Start.Time.UnixMilli()
			next = int64(slices.IndexFunc(parts[p], func(r model.Record) bool { return r.Timestamp >= at }))
			if next < 0 {
				next = high
			}
		case model.FromOffset:
			next = min(req.Start.Offset, high)
		case model.FromLast:
			next = max(high-req.Start.Last, 0)
		}
		if off, ok := req.Offsets[id]; ok {
			next = min(max(off, 0), high)
		}
		s.next[id] = next
		s.order = append(s.order, id)
		if s.until != nil {
			end := high
			if req.Until.Kind == model.FromOffset {
				end = min(req.Until.Offset, high)
			}
			s.until[id] = max(end, next)
		}
	}
	if req.MaxBatch > 0 && len(s.order) > 0 {
		s.perPartition = int64(max(req.MaxBatch/len(s.order), 1))
	}
	s.started = s.positions()
	if f.decoder != nil && !req.Raw {
		return model.DecodeStream(s, f.decoder), nil
	}
	return s, nil
}

type stream struct {
	fake     *Fake
	topic    string
	order    []int32
	next     map[int32]int64
	endsRead int // markers already handed on
	started  []model.Position
	until    map[int32]int64 // where each partition's range ends; nil: it does not
	// perPartition caps the records a batch takes of each partition,
	// from the request's MaxBatch; 0: all there are.
	perPartition int64
}

func (s *stream) Started() []model.Position { return s.started }

func (s *stream) Close() {}

// positions must be called with the fake locked, or before it is shared.
func (s *stream) positions() []model.Position {
	out := make([]model.Position, len(s.order))
	for i, p := range s.order {
		high := int64(len(s.fake.logs[s.topic][p]))
		start := high
		switch {
		case s.started != nil:
			start = s.started[i].StartHigh
		case s.until != nil:
			start = s.until[p]
		}
		out[i] = model.Position{Partition: p, Next: s.next[p], Low: 0, High: high, StartHigh: start}
	}
	return out
}

// Next returns every record not yet read, in timestamp order across
// partitions as kafka.Client's tails give them, waiting for some if there
// are none.
func (s *stream) Next(ctx context.Context) (model.Batch, error) {
	for {
		s.fake.mu.Lock()
		var b model.Batch
		if _, ok := s.fake.logs[s.topic]; !ok {
			s.fake.mu.Unlock()
			return b, fmt.Errorf("topic %q no longer exists: %w", s.topic, model.ErrTopicGone)
		}
		merge := model.NewMerge(model.RecordPlacing)
		for _, p := range s.order {
			log := s.fake.logs[s.topic][p]
			if end, ok := s.until[p]; ok {
				log = log[:min(end, int64(len(log)))]
			}
			if s.perPartition > 0 {
				log = log[:min(s.next[p]+s.perPartition, int64(len(log)))]
			}
			merge.Add(slices.Clone(log[s.next[p]:])...) // the merge keeps what it is given
			s.next[p] = int64(len(log))
		}
		b.Records = merge.Take(merge.Len(), func(int32) bool { return false }, s.order)
		b.TxnEnds = s.fake.ends[s.topic][s.endsRead:]
		s.endsRead += len(b.TxnEnds)
		b.Positions = s.positions()
		grew := s.fake.grew
		s.fake.mu.Unlock()
		if len(b.Records) > 0 || len(b.TxnEnds) > 0 {
			return b, nil
		}
		select {
		case <-grew:
		case <-ctx.Done():
			return b, ctx.Err()
		}
	}
}

// DeleteTopicLog drops a topic's log; its tails end with model.ErrTopicGone.
func (f *Fake) DeleteTopicLog(topic string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.logs, topic)
	close(f.grew)
	f.grew = make(chan struct{})
}
