package kafka

import (
	"cmp"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kscope/kscope/model"
)

// Tail reads a topic's partitions from chosen offsets. It is a plain
// partition consumer: it joins no group and commits nothing, so watching
// a topic never disturbs the consumers of it. Next is for one goroutine at
// a time; Close may be called from any.
//
// Records come out in timestamp order across partitions. The partitions
// that run ahead of the merge are paused and the others fetched until
// every partition can say what comes next (see mergeLimits); once all are
// live, each batch is merged as it comes.
type Tail struct {
	mu     sync.Mutex // guards cl and closed, for Close
	cl     *kgo.Client
	closed bool
	live   bool // cl waits for new records: see liveWait

	client      *Client
	topic       string
	window      time.Duration
	maxBatch    int
	uncommitted bool
	bounded     bool // the range ends at each position's StartHigh
	positions   map[int32]*model.Position
	order       []int32
	started     []model.Position

	identity  identity // of the cluster and topic the tail started on
	merge     *model.Merge[*kgo.Record]
	fetched   map[int32]int64 // the next offset to fetch, per partition
	paused    map[int32]bool
	released  map[int32]bool // partitions that held the merge back too long
	heldSince time.Time      // when a silent partition began holding the merge back
	spare     []model.Record // given back by the reader: see Recycle
}

// mergeLimits say when a tail stops fetching a partition for the merge: at
// 1 MB queued, resumed at 256 KB, and, once the merge holds 8 MB in all,
// every partition with 256 KB queued (with 16 MB, any with anything
// queued). Those bound the merge however many partitions a topic has;
// what it costs to read is then the round trips, not the room: reading
// 12 partitions to their end took the same time with 48 MB.
var mergeLimits = model.MergeLimits{Ahead: 1 << 20, Resume: 256 << 10, Total: 8 << 20}

// fetchBytes bounds a broker's answer to a fetch: a tail streams, or
// keeps what its buffer holds, so larger answers only took memory (kgo's
// default is 50 MB).
const fetchBytes = 16 << 20

// partitionFetchBytes is one partition's share of a fetch: 1 MB, as the
// Java client asks, or less on topics of many partitions, so that the
// first answers of all of them fit the merge's limits. No less than
// 64 KB: a broker sends a partition's first batch whole anyway.
func partitionFetchBytes(partitions int) int32 {
	return int32(min(max(mergeLimits.Total/max(partitions, 1), 64<<10), 1<<20))
}

// mergePatience is how long a partition that does not answer may hold the
// merge back (its leader may be down): then what is queued goes out, in
// order among itself, and the late partition's records follow when they
// come.
const mergePatience = 2 * time.Second

// existenceCheck is how long a tail waits for records before it asks
// whether its topic still exists: kgo retries a deleted topic silently.
const existenceCheck = 3 * time.Second

// Tail starts reading. The offsets to start from are resolved now, from the
// watermarks and timestamps the cluster reports, so the positions batches
// carry are exact from the first on.
func (c *Client) Tail(ctx context.Context, req model.TailRequest) (model.RecordStream, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	positions, err := c.startPositions(ctx, req)
	if err != nil {
		return nil, err
	}
	id, _, _ := c.identify(ctx, req.Topic) // unknown (zero) if it cannot be had: no check then
	order := slices.Sorted(maps.Keys(positions))
	maxBatch := req.MaxBatch
	if maxBatch <= 0 {
		maxBatch = 10_000
	}
	t := &Tail{client: c, topic: req.Topic, window: req.Window, maxBatch: maxBatch,
		uncommitted: req.Uncommitted, bounded: req.Until != nil, positions: positions, order: order, identity: id,
		fetched: make(map[int32]int64, len(order)), paused: make(map[int32]bool), released: make(map[int32]bool),
		merge: model.NewMerge(placing)}
	for p, pos := range positions {
		t.fetched[p] = pos.Next
	}
	wait := catchUpWait
	if t.live = !t.bounded && !t.catchingUp(); t.live {
		wait = liveWait
	}
	if t.cl, err = t.newClient(wait); err != nil {
		return nil, err
	}
	t.started = t.snapshot()
	if c.decoder != nil && !req.Raw {
		return model.DecodeStream(t, c.decoder), nil
	}
	return t, nil
}

func (t *Tail) gone(cause error) error {
	return &explained{msg: fmt.Sprintf("topic %q no longer exists", t.topic), cause: errors.Join(model.ErrTopicGone, cause)}
}

// Started is where each partition was when the tail started, in partition
// order: a partition that is already Caught has nothing to read yet.
func (t *Tail) Started() []model.Position { return t.started }

// startPositions resolves where each selected partition starts, with its
// watermarks as they are now.
func (c *Client) startPositions(ctx context.Context, req model.TailRequest) (map[int32]*model.Position, error) {
	topics, err := c.Topics(ctx, req.Topic)
	if err != nil {
		return nil, err
	}
	t := topics[0]
	if t.Err != nil {
		return nil, t.Err
	}
	selected := make(map[int32]*model.Position)
	if req.KeyOf != nil && len(req.Partitions) == 0 {
		req.Partitions = []int32{KeyPartition(req.KeyOf, len(t.Partitions))}
	}
	for _, p := range t.Partitions {
		if len(req.Partitions) == 0 || slices.Contains(req.Partitions, p.ID) {
			selected[p.ID] = &model.Position{Partition: p.ID, Low: p.Low, High: p.High, StartHigh: p.High}
		}
	}
	for _, p := range req.Partitions {
		if selected[p] == nil {
			return nil, fmt.Errorf("topic %q has no partition %d (it has %d)", req.Topic, p, len(t.Partitions))
		}
	}
	if !req.Uncommitted {
		if err := c.stableEnds(ctx, req.Topic, selected); err != nil {
			return nil, err
		}
	}
	var byTime kadm.ListedOffsets
	if req.Start.Kind == model.FromTime {
		if byTime, err = c.adm.ListOffsetsAfterMilli(ctx, req.Start.Time.UnixMilli(), req.Topic); err != nil {
			return nil, c.explain("find offsets by time", err)
		}
	}
	for id, pos := range selected {
		if pos.Low < 0 || pos.High < 0 {
			return nil, fmt.Errorf("partition %d of %q: its watermarks are unavailable", id, req.Topic)
		}
		pos.Next = startOffset(req.Start, pos.Low, pos.High, byTime, req.Topic, id)
		if off, ok := req.Offsets[id]; ok {
			pos.Next = min(max(off, pos.Low), pos.High)
		}
	}
	if req.Until != nil {
		return selected, c.rangeEnds(ctx, req.Topic, *req.Until, selected)
	}
	return selected, nil
}

// rangeEnds sets each position's StartHigh to where its range ends: the
// end of the partition now (which it is already), an offset, or the first
// offset at or after a time. A range never ends before it starts.
func (c *Client) rangeEnds(ctx context.Context, topic string, until model.Start, positions map[int32]*model.Position) error {
	var byTime kadm.ListedOffsets
	switch until.Kind {
	case model.FromEnd, model.FromOffset:
	case model.FromTime:
		var err error
		if byTime, err = c.adm.ListOffsetsAfterMilli(ctx, until.Time.UnixMilli(), topic); err != nil {
			return c.explain("find offsets by time", err)
		}
	default:
		return fmt.Errorf("a range ends at end, an offset or a time, not %s", until)
	}
	for id, pos := range positions {
		end := pos.StartHigh
		switch until.Kind {
		case model.FromOffset:
			end = min(until.Offset, end)
		case model.FromTime:
			if o, ok := byTime.Lookup(topic, id); ok && o.Err == nil && o.Offset >= 0 {
				end = min(o.Offset, end)
			}
		}
		pos.StartHigh = max(end, pos.Next)
	}
	return nil
}

// stableEnds moves the end of each position to its partition's last stable
// offset: a committed read ends there, before the first open transaction.
func (c *Client) stableEnds(ctx context.Context, topic string, positions map[int32]*model.Position) error {
	stable, err := c.adm.ListCommittedOffsets(ctx, topic)
	if err != nil && len(stable) == 0 {
		return c.explain("list last stable offsets", err)
	}
	for id, pos := range positions {
		if o, ok := stable.Lookup(topic, id); ok && o.Err == nil && o.Offset >= 0 {
			pos.High, pos.StartHigh = o.Offset, o.Offset
		}
	}
	return nil
}

func startOffset(s model.Start, low, high int64, byTime kadm.ListedOffsets, topic string, p int32) int64 {
	switch s.Kind {
	case model.FromBeginning:
		return low
	case model.FromOffset:
		return min(max(s.Offset, low), high)
	case model.FromLast:
		return max(high-s.Last, low)
	case model.FromTime:
		if o, ok := byTime.Lookup(topic, p); ok && o.Err == nil && o.Offset >= 0 {
			return min(max(o.Offset, low), high)
		}
	}
	return high
}

// Next waits for records and returns them as one batch with every
// partition's position after it; see model.RecordStream.
func (t *Tail) Next(ctx context.Context) (model.Batch, error) {
	var b model.Batch
	err := t.first(ctx, &b)
	if t.window > 0 {
		deadline := time.Now().Add(t.window)
		for err == nil && len(b.Records) < t.maxBatch && time.Now().Before(deadline) {
			wctx, cancel := context.WithDeadline(ctx, deadline)
			err = t.poll(wctx, &b, t.maxBatch-len(b.Records))
			cancel()
			if errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil {
				err = nil // the window closed, not the tail
			}
		}
	}
	b.Positions = t.snapshot()
	if ctx.Err() != nil {
		return b, ctx.Err()
	}
	return b, err
}

// first waits for the first records of a batch, checking now and then
// that the topic still exists. A cluster that cannot be asked ends the
// wait with that error, records or not, so a reader hears why nothing
// comes; the next call waits again.
func (t *Tail) first(ctx context.Context, b *model.Batch) error {
	for {
		wctx, cancel := context.WithTimeout(ctx, existenceCheck)
		err := t.poll(wctx, b, t.maxBatch)
		cancel()
		if errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil && len(b.Records) > 0 {
			err = nil // the existence check fell due as records came: no error of the tail's
		}
		if len(b.Records) > 0 || len(b.TxnEnds) > 0 || t.reachedEnd() || ctx.Err() != nil || (err != nil && !errors.Is(err, context.DeadlineExceeded)) {
			return err
		}
		if err := t.exists(ctx); err != nil {
			return err
		}
	}
}

// reachedEnd reports whether a range has been read to its end: a fetch
// of nothing but transaction markers and aborted records moves the
// positions there with no record to hand, and a reader waiting for
// records would wait for ever.
func (t *Tail) reachedEnd() bool {
	if !t.bounded {
		return false
	}
	for _, p := range t.order {
		if pos := t.positions[p]; pos.Next < pos.StartHigh {
			return false
		}
	}
	return true
}

// identity is what a tail checks, when it waits, to know it still reads
// what it started on: a topic deleted and made again under the same name,
// or another cluster behind the same address, looks alive and sends
// nothing. A zero part is unknown and not checked.
type identity struct {
	cluster string
	topic   kadm.TopicID
}

func (c *Client) identify(ctx context.Context, topic string) (identity, kadm.TopicDetail, error) {
	md, err := c.adm.Metadata(ctx, topic)
	if err != nil {
		return identity{}, kadm.TopicDetail{}, err
	}
	td := md.Topics[topic]
	return identity{cluster: md.Cluster, topic: td.ID}, td, nil
}

// exists asks the cluster whether the topic the tail started on is still
// there: an error that it has gone or been replaced, or that the cluster
// cannot be asked (which is no proof of either, and goes away when the
// cluster answers again).
func (t *Tail) exists(ctx context.Context) error {
	now, td, err := t.client.identify(ctx, t.topic)
	was := t.identity
	switch {
	case err != nil && ctx.Err() == nil:
		return fmt.Errorf("waiting for records: %w", t.client.explain("list topics", err))
	case err != nil:
		return nil
	case errors.Is(td.Err, kerr.UnknownTopicOrPartition):
		return t.gone(td.Err)
	case was.cluster != "" && now.cluster != "" && now.cluster != was.cluster:
		return &explained{msg: fmt.Sprintf("another cluster answers at %s now (cluster id %s, was %s): f starts a tail on it",
			strings.Join(t.client.seeds, ","), now.cluster, was.cluster), cause: model.ErrTopicGone}
	case was.topic != (kadm.TopicID{}) && now.topic != (kadm.TopicID{}) && now.topic != was.topic:
		return &explained{msg: fmt.Sprintf("topic %q was deleted and made again: f starts a tail on the new one", t.topic), cause: model.ErrTopicGone}
	}
	return nil
}

func (t *Tail) poll(ctx context.Context, b *model.Batch, max int) error {
	// What the merge holds may be placeable already: hand it out before
	// waiting on the brokers, which fetch nothing for the partitions it
	// holds (they are paused), so a wait would last its whole deadline.
	if out := t.take(max); len(out) > 0 {
		addTo(b, out)
		return t.steer()
	}
	// Take all the client has buffered: what a partition paused next
	// still had buffered there would be thrown away and fetched again.
	fs := t.cl.PollFetches(ctx)
	var err error
	var left []int32 // partitions whose offset left the log
	fs.EachError(func(_ string, p int32, e error) {
		if errors.Is(e, kerr.OffsetOutOfRange) {
			left = append(left, p)
			return
		}
		switch skipped := t.skipBomb(e); {
		case err != nil:
		case skipped != nil:
			err = skipped
		default:
			err = t.explainFetch(p, e)
		}
	})
	if moved := t.moveBack(ctx, left); err == nil {
		err = moved
	}
	fs.EachPartition(func(fp kgo.FetchTopicPartition) {
		pos := t.positions[fp.Partition]
		if pos == nil {
			return
		}
		if end := t.end(fp); end >= 0 {
			pos.High = end
		}
		if fp.LogStartOffset >= 0 {
			pos.Low = fp.LogStartOffset
		}
		t.merge.Add(t.recordsOf(fp, pos, b)...)
	})
	addTo(b, t.take(max))
	if e := t.steer(); err == nil {
		err = e
	}
	return err
}

// recordsOf is what the merge queues of a fetched partition, which it
// keeps: the records themselves, as kgo made them, but for transaction
// markers (handed to b when the read is uncommitted) and what lies past
// the end of a range. It notes how far the partition has been fetched.
func (t *Tail) recordsOf(fp kgo.FetchTopicPartition, pos *model.Position, b *model.Batch) []*kgo.Record {
	rs := fp.Records
	switch n := len(rs); {
	case n == 0:
		return nil
	case t.bounded && rs[n-1].Offset >= pos.StartHigh:
		i, _ := slices.BinarySearchFunc(rs, pos.StartHigh, func(r *kgo.Record, end int64) int { return cmp.Compare(r.Offset, end) })
		rs = rs[:i] // past the range: the partition is done
		t.fetched[fp.Partition] = pos.StartHigh
	default:
		t.fetched[fp.Partition] = rs[n-1].Offset + 1
	}
	if !slices.ContainsFunc(rs, isControl) {
		return rs
	}
	out := make([]*kgo.Record, 0, len(rs))
	for _, r := range rs {
		if !r.Attrs.IsControl() {
			out = append(out, r)
		} else if e, ok := txnEndOf(r); ok && t.uncommitted {
			b.TxnEnds = append(b.TxnEnds, e)
		}
	}
	return out
}

func isControl(r *kgo.Record) bool { return r.Attrs.IsControl() }

// placing places a fetched record in the merge. Its size is what it
// holds as kgo made it and as the Record it becomes, besides its bytes.
func placing(r **kgo.Record) model.Placing {
	const overhead = 320
	size := overhead + len((*r).Key) + len((*r).Value)
	for _, h := range (*r).Headers {
		size += 64 + len(h.Key) + len(h.Value)
	}
	return model.Placing{Partition: (*r).Partition, Timestamp: millisOf((*r).Timestamp), Size: size}
}

// addTo adds records to a batch, taking the slice itself when the batch
// has none yet rather than copying it.
func addTo(b *model.Batch, records []model.Record) {
	if len(b.Records) == 0 {
		b.Records = records
		return
	}
	b.Records = append(b.Records, records...)
}

// take hands out what the merge can place, and sets each partition's
// position to the first record it has not handed out.
func (t *Tail) take(max int) []model.Record {
	out := t.records(t.place(max))
	for i, r := range out {
		// A partition's records keep their order: the last of each run
		// says where it is.
		if i+1 == len(out) || out[i+1].Partition != r.Partition {
			t.positions[r.Partition].Next = r.Offset + 1
		}
	}
	for p, pos := range t.positions {
		if t.merge.Queued(p) == 0 {
			pos.Next = t.fetched[p] // past any control records too
		}
	}
	return out
}

// place takes what the merge can place.
func (t *Tail) place(max int) []*kgo.Record {
	holds := func(p int32) bool { return !t.released[p] && t.fetched[p] < t.positions[p].StartHigh }
	out := t.merge.Take(max, holds, t.order)
	if len(out) == 0 && t.merge.Len() > 0 {
		// Held back: by a partition still being fetched, or by one that
		// does not answer, which may hold it only so long. A partition
		// that outlasts that patience holds the merge back no more: its
		// leader may be down, or the last offsets before the tail began
		// were compacted away, so it would never reach them.
		switch {
		case t.heldSince.IsZero():
			t.heldSince = time.Now()
		case time.Since(t.heldSince) > mergePatience:
			for _, p := range t.order {
				if t.merge.Queued(p) == 0 && holds(p) {
					t.released[p] = true
				}
			}
			out = t.merge.Take(max, holds, t.order)
		}
	} else {
		t.heldSince = time.Time{}
	}
	return out
}

// Recycle keeps the slice of records its reader is done with, emptied,
// for the next batch; see model.Recycler.
func (t *Tail) Recycle(records []model.Record) {
	if cap(records) > cap(t.spare) {
		records = records[:cap(records)]
		clear(records) // let go of what they held
		t.spare = records
	}
}

// records makes Records of what kgo fetched, in one slice (the spare one
// a reader gave back, when it has room).
func (t *Tail) records(fetched []*kgo.Record) []model.Record {
	if len(fetched) == 0 {
		return nil
	}
	out := t.spare
	if cap(out) < len(fetched) {
		out = make([]model.Record, len(fetched))
	}
	out, t.spare = out[:len(fetched)], nil
	for i, r := range fetched {
		out[i] = recordOf(r)
		if r.Attrs.IsTransactional() {
			// A committed read only ever sees committed records.
			out[i].Txn = model.TxnCommitted
			if t.uncommitted {
				out[i].Txn = model.TxnOpen
			}
		}
	}
	return out
}

// steer decides what the tail fetches next. A live tail that has caught
// up goes on with a client that waits (goLive). The partitions that run
// ahead of the merge are paused, since fetching more of them is no use
// until what they have is placed (see mergeLimits), and the others
// resumed.
func (t *Tail) steer() error {
	catchingUp := t.catchingUp()
	if !t.bounded && !t.live && !catchingUp {
		if err := t.goLive(); err != nil {
			return err
		}
	}
	var pause, resume []int32
	for _, p := range t.order {
		// A partition fetched to its end waits while others catch up,
		// and for good past the end of a range: fetching it would only
		// make fetches wait for records it has not got.
		ahead := t.merge.RunsAhead(p, t.paused[p], mergeLimits) || (t.bounded || catchingUp) && t.fetched[p] >= t.positions[p].StartHigh
		if ahead != t.paused[p] {
			t.paused[p] = ahead
			if ahead {
				pause = append(pause, p)
			} else {
				resume = append(resume, p)
			}
		}
	}
	if len(pause) > 0 {
		t.cl.PauseFetchPartitions(map[string][]int32{t.topic: pause})
	}
	if len(resume) > 0 {
		t.cl.ResumeFetchPartitions(map[string][]int32{t.topic: resume})
	}
	return nil
}

// end is where the partition ends for this tail: the last stable offset
// for a committed read, the high watermark for an uncommitted one.
func (t *Tail) end(fp kgo.FetchTopicPartition) int64 {
	if t.uncommitted {
		return fp.HighWatermark
	}
	return fp.LastStableOffset
}

// txnEndOf reads a transaction marker. Its key is a version and a type,
// two big-endian int16s: type 0 aborts, 1 commits.
func txnEndOf(r *kgo.Record) (model.TxnEnd, bool) {
	if len(r.Key) < 4 {
		return model.TxnEnd{}, false
	}
	kind := binary.BigEndian.Uint16(r.Key[2:4])
	if kind > 1 {
		return model.TxnEnd{}, false
	}
	return model.TxnEnd{Partition: r.Partition, Offset: r.Offset, ProducerID: r.ProducerID, Aborted: kind == 0}, true
}

// moveBack puts a partition whose offset is no longer in its log back in
// it, and says what that means. Below the log's start, retention removed
// records before the tail read them: it goes on from the start, and says
// how many were lost. Past the log's end, the log was truncated (an
// unclean leader election): it goes on from the new end, never showing
// again what it has shown.
//
// One listing of the topic's watermarks serves every partition of a poll;
// the error explains the first partition moved, and counts the others.
func (t *Tail) moveBack(ctx context.Context, partitions []int32) error {
	if len(partitions) == 0 {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), t.client.timeout)
	defer cancel()
	starts, ends, err := t.client.watermarks(ctx, []string{t.topic})
	if err != nil {
		return t.client.explain(fmt.Sprintf("partition %d: its offset left the log, and finding where it now is", partitions[0]), err)
	}
	var first error
	moved := 0
	for _, p := range partitions {
		if why := t.moveOne(p, offsetOf(starts, t.topic, p), offsetOf(ends, t.topic, p)); why != nil {
			if first == nil {
				first = why
			}
			moved++
		}
	}
	if moved > 1 {
		return &explained{msg: fmt.Sprintf("%s (and %d more partitions)", first, moved-1)}
	}
	return first
}

// moveOne moves partition p, whose log now holds start to end, if its
// offset is outside them, and says why; nil if it is back in range.
func (t *Tail) moveOne(p int32, start, end int64) error {
	was := t.fetched[p]
	var to int64
	var why string
	switch {
	case start >= 0 && was < start:
		verb := "were"
		if start-was == 1 {
			verb = "was"
		}
		to, why = start, fmt.Sprintf("partition %d: %s %s removed by retention before the tail read them (offsets %d to %d); going on from %d",
			p, model.Plural(start-was, "record"), verb, was, start-1, start)
	case end >= 0 && was > end:
		to, why = end, fmt.Sprintf("partition %d: its log was cut back to end at offset %d, below the %d the tail had read to; going on from its new end, showing nothing twice",
			p, end, was)
	default:
		return nil // back in range by now: franz-go fetches again
	}
	t.cl.SetOffsets(map[string]map[int32]kgo.EpochOffset{t.topic: {p: {Epoch: -1, Offset: to}}})
	t.fetched[p] = to
	if pos := t.positions[p]; pos != nil {
		if to > was {
			pos.Missed += min(to, pos.StartHigh) - min(was, pos.StartHigh)
		}
		pos.Next, pos.Low = to, max(start, 0)
		pos.StartHigh = min(pos.StartHigh, max(end, to))
	}
	return &explained{msg: why}
}

// skipBomb moves past a batch that would inflate beyond the client's
// bound, which franz-go stops the partition at, and says what was lost;
// nil for any other error.
func (t *Tail) skipBomb(err error) error {
	var big *kgo.ErrDecompressTooLarge
	if !errors.As(err, &big) {
		return nil
	}
	t.cl.SetOffsets(map[string]map[int32]kgo.EpochOffset{t.topic: {big.Partition: {Epoch: big.Epoch, Offset: big.NextOffset}}})
	t.fetched[big.Partition] = big.NextOffset
	return &explained{msg: fmt.Sprintf("partition %d: skipped offsets %d to %d, a batch that inflates past %d MB (a compression bomb, or records too large to show)",
		big.Partition, big.Offset, big.NextOffset-1, t.client.inflate>>20), cause: err}
}

func (t *Tail) explainFetch(p int32, err error) error {
	switch {
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded), errors.Is(err, kgo.ErrClientClosed):
		return err
	case errors.Is(err, kerr.UnknownTopicOrPartition), errors.Is(err, kerr.UnknownTopicID):
		// Gone, or gone and made again under the same name: ask which.
		// If the cluster still has the topic the tail started on, the
		// broker was only behind on news of it; franz-go fetches again.
		ctx, cancel := context.WithTimeout(context.Background(), t.client.timeout)
		defer cancel()
		return t.exists(ctx)
	}
	return t.client.explain(fmt.Sprintf("read partition %d", p), err)
}

// snapshot copies where every partition of the tail is, in partition order.
func (t *Tail) snapshot() []model.Position {
	out := make([]model.Position, len(t.order))
	for i, p := range t.order {
		out[i] = *t.positions[p]
	}
	return out
}

// recordOf converts without copying: a fetched record's slices are its own.
func recordOf(r *kgo.Record) model.Record {
	mr := model.Record{
		Topic:         r.Topic,
		Partition:     r.Partition,
		Offset:        r.Offset,
		Timestamp:     millisOf(r.Timestamp),
		LogAppendTime: r.Attrs.TimestampType() == 1,
		Key:           r.Key,
		Value:         r.Value,
		ProducerID:    r.ProducerID,
	}
	if len(r.Headers) > 0 {
		mr.Headers = make([]model.Header, len(r.Headers))
		for i, h := range r.Headers {
			mr.Headers[i] = model.Header{Key: h.Key, Value: h.Value}
		}
	}
	return mr
}
