package engine

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/kscope/kscope/model"
)

// Tailer starts reads of a topic.
type Tailer interface {
	Tail(ctx context.Context, req model.TailRequest) (model.RecordStream, error)
}

// Range is a range of a topic and the query its records must match: what
// search, copy and redrive read.
type Range struct {
	Topic      string
	Partitions []int32 // none: every partition
	From, To   model.Start
	Query      model.Query
}

// ParseRange reads a range as the command line writes it: from and to as
// a tail's start (to may not be beginning or last:N), an expression and
// a filter, either empty for none.
func ParseRange(topic string, partitions []int32, from, to, where, filter string, now time.Time) (Range, error) {
	r := Range{Topic: topic, Partitions: partitions, Query: model.Query{Where: where}}
	var err error
	if r.From, err = model.ParseStart(from, now); err != nil {
		return r, err
	}
	r.To, err = model.ParseStart(to, now)
	if err != nil || r.To.Kind == model.FromBeginning || r.To.Kind == model.FromLast {
		return r, fmt.Errorf("--to %q: want end, an offset, -15m or an RFC 3339 time", to)
	}
	if r.Query.Filter, err = model.ParseFilter(filter); err != nil {
		return r, err
	}
	if where != "" {
		if _, err := model.ParseWhere(where); err != nil {
			return r, fmt.Errorf("--where: %w", err)
		}
	}
	return r, nil
}

// Open starts the scan of the range: its bytes undecoded when raw (a
// copy sends them as they are), each partition resume names from its
// mark.
func (r Range) Open(ctx context.Context, t Tailer, req model.TailRequest, resume *Ledger) (model.RecordStream, *model.Scan, error) {
	req.Topic, req.Partitions, req.Start, req.Until = r.Topic, r.Partitions, r.From, &r.To
	if resume != nil {
		req.Offsets = resume.Marks()
	}
	tail, err := t.Tail(ctx, req)
	if err != nil {
		return nil, nil, err
	}
	scan, err := model.NewScan(tail, r.Query)
	if err != nil {
		tail.Close()
		return nil, nil, err
	}
	return tail, scan, nil
}

// SearchClient is what a search asks of the cluster.
type SearchClient interface {
	Tailer
	Topics(ctx context.Context, names ...string) ([]model.Topic, error)
}

// Search is a scan of a whole range for the records its query matches.
// A key is looked for only in the partition Kafka's default partitioner
// writes it to, unless AllPartitions or the range names partitions.
type Search struct {
	Range
	AllPartitions bool
}

// Searching is a search under way: the scan to read matches from, and
// what it says of itself.
type Searching struct {
	Stream model.RecordStream
	Scan   *model.Scan
	Total  int // the topic's partitions
	// KeyPartition is the one partition a key's search scans, or -1 when
	// it scans every partition asked.
	KeyPartition int32
	started      time.Time
}

// Open describes the topic and starts the scan.
func (s Search) Open(ctx context.Context, c SearchClient, req model.TailRequest) (*Searching, error) {
	topics, err := c.Topics(ctx, s.Topic)
	if err != nil {
		return nil, err
	}
	if topics[0].Err != nil {
		return nil, topics[0].Err
	}
	byKey := s.Query.Key != nil && !s.AllPartitions && len(s.Partitions) == 0
	if byKey {
		req.KeyOf = s.Query.Key
	}
	stream, scan, err := s.Range.Open(ctx, c, req, nil)
	if err != nil {
		return nil, err
	}
	out := &Searching{Stream: stream, Scan: scan, Total: len(topics[0].Partitions), KeyPartition: -1, started: time.Now()}
	if started := stream.Started(); byKey && len(started) == 1 {
		out.KeyPartition = started[0].Partition
	}
	return out, nil
}

// Close ends the scan.
func (s *Searching) Close() { s.Stream.Close() }

// Summary says what the search scanned: "12 matches; scanned 4,812,330
// records in 6 of 6 partitions (offsets 0: 0-802055, …), 3.1 s". The
// offsets of each partition are listed for a few partitions only.
func (s *Searching) Summary(matches int, stoppedEarly bool) string {
	started := s.Stream.Started()
	var ranges []string
	for _, p := range started {
		ranges = append(ranges, fmt.Sprintf("%d: %d-%d", p.Partition, p.Next, p.StartHigh))
	}
	offsets := ""
	if len(ranges) <= 6 {
		offsets = " (offsets " + strings.Join(ranges, ", ") + ")"
	}
	out := fmt.Sprintf("%s; scanned %s records in %d of %d partitions%s, %.1f s",
		model.Plural(matches, "match"), model.Count(s.Scan.Scanned), len(started), s.Total, offsets, time.Since(s.started).Seconds())
	if stoppedEarly {
		out += "; stopped before the end of the range"
	}
	return out
}
