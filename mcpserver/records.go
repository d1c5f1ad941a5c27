package mcpserver

import (
	"container/heap"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/kscope/kscope/engine"
	"github.com/kscope/kscope/model"
)

// Bounds on what one answer holds, whatever is asked.
const (
	defaultRecords = 20
	maxRecords     = 200
	maxBytes       = 1 << 20 // of records, as JSON
	readTimeout    = 30 * time.Second
	searchTimeout  = 2 * time.Minute
	maxTimeout     = 10 * time.Minute
)

var readTool = &mcp.Tool{Name: "read_records", Description: "Read records of a topic, decoded, as kscope tail -o json prints them: the newest ones, or from a point (beginning, an offset, -15m, an RFC 3339 time). Joins no group, commits nothing."}

type (
	readInput struct {
		Topic      string  `json:"topic"`
		From       string  `json:"from,omitempty" jsonschema:"where to start: beginning, an offset, -N (N before the end of each partition), -15m, or an RFC 3339 time; none: the newest records"`
		Partitions []int32 `json:"partitions,omitempty" jsonschema:"only these partitions"`
		Limit      int     `json:"limit,omitempty" jsonschema:"how many records, at most 200; 20 when not given"`
	}
	recordsOutput struct {
		Records   []map[string]any `json:"records" jsonschema:"each as kscope tail -o json prints it (topic, partition, offset, timestamp, key, value, headers), with keys and values that are JSON, decoded or as sent, as JSON"`
		Truncated bool             `json:"truncated" jsonschema:"the answer stopped at its limit of records or bytes, or its time; more may follow"`
		Note      string           `json:"note,omitempty"`
	}
)

// capped is items cut to n, and whether they were.
func capped[T any](items []T, n int) ([]T, bool) {
	if len(items) > n {
		return items[:n], true
	}
	return items, false
}

// limit is the records a call asked for, within the bounds.
func limit(asked int) int {
	if asked <= 0 {
		return defaultRecords
	}
	return min(asked, maxRecords)
}

func (s *server) readRecords(ctx context.Context, in readInput) (recordsOutput, error) {
	n := limit(in.Limit)
	newest := in.From == ""
	from := in.From
	if newest {
		from = fmt.Sprintf("last:%d", n)
	}
	start, err := model.ParseStart(from, s.opts.Now())
	if err != nil {
		return recordsOutput{}, err
	}
	ctx, cancel := context.WithTimeout(ctx, readTimeout)
	defer cancel()
	req := model.TailRequest{Topic: in.Topic, Partitions: in.Partitions, Start: start, Until: &model.Start{Kind: model.FromEnd}}
	stream, err := s.cluster.Tail(ctx, req)
	if err != nil {
		return recordsOutput{}, err
	}
	defer stream.Close()
	var out recordsOutput
	var lines [][]byte
	if newest {
		lines, out.Truncated, err = newestOf(ctx, stream, n)
	} else {
		lines, out.Truncated, err = firstOf(ctx, stream, n)
	}
	if err != nil {
		return recordsOutput{}, err
	}
	if out.Records, err = decodeLines(lines); err != nil {
		return recordsOutput{}, err
	}
	out.Note = s.masked(in.Topic)
	return out, nil
}

// masked is what masking says of a topic's records, "" when it masks
// nothing there.
func (s *server) masked(topic string) string {
	if s.opts.Masking.Masks(topic) {
		return "masking applied: some fields of these records are masked"
	}
	return ""
}

// firstOf reads the first n records of a stream that ends, within the
// byte bound.
func firstOf(ctx context.Context, stream model.RecordStream, n int) (lines [][]byte, truncated bool, err error) {
	size := 0
	err = each(ctx, stream, func(r *model.Record) bool {
		line := model.AppendJSONLine(nil, r)
		if len(lines) == n || size+len(line) > maxBytes {
			truncated = true
			return false
		}
		lines, size = append(lines, line), size+len(line)
		return true
	})
	if errors.Is(err, context.DeadlineExceeded) {
		return lines, true, nil
	}
	return lines, truncated, err
}

// newestOf reads a stream of each partition's last n records and keeps
// the n newest of them all, by timestamp, oldest first: holding n at a
// time, however many partitions there are.
func newestOf(ctx context.Context, stream model.RecordStream, n int) ([][]byte, bool, error) {
	var kept byTime
	truncated := false
	err := each(ctx, stream, func(r *model.Record) bool {
		if len(kept) == n {
			truncated = true
			if r.Timestamp <= kept[0].at {
				return true
			}
			heap.Pop(&kept)
		}
		heap.Push(&kept, timed{at: r.Timestamp, line: model.AppendJSONLine(nil, r)})
		return true
	})
	if errors.Is(err, context.DeadlineExceeded) {
		err, truncated = nil, true
	}
	lines := make([][]byte, len(kept))
	for i := range lines { // the oldest comes off the heap first
		lines[i] = heap.Pop(&kept).(timed).line
	}
	size := 0
	for i := len(lines) - 1; i >= 0; i-- { // the newest first, within the bound
		if size += len(lines[i]); size > maxBytes {
			return lines[i+1:], true, err
		}
	}
	return lines, truncated, err
}

// each hands the records of a stream that ends to keep, until it says
// stop or the stream ends; the cluster's passing errors are waited out
// within ctx.
func each(ctx context.Context, stream model.RecordStream, keep func(*model.Record) bool) error {
	if model.AllCaught(stream.Started()) {
		return nil
	}
	for {
		b, err := stream.Next(ctx)
		for i := range b.Records {
			if !keep(&b.Records[i]) {
				return nil
			}
		}
		switch {
		case ctx.Err() != nil:
			return ctx.Err()
		case errors.Is(err, model.ErrTopicGone):
			return err
		case model.AllCaught(b.Positions):
			return nil
		}
	}
}

// timed is a record's line and time, in a heap of the oldest first.
type timed struct {
	at   int64
	line []byte
}

type byTime []timed

func (h byTime) Len() int           { return len(h) }
func (h byTime) Less(i, j int) bool { return h[i].at < h[j].at }
func (h byTime) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *byTime) Push(x any)        { *h = append(*h, x.(timed)) }
func (h *byTime) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// decodeLines makes JSON lines the objects an answer carries. A key or
// value that is JSON text, which a line carries as a string, is carried
// as the JSON itself, as a decoded one is, for an agent to read its
// fields.
func decodeLines(lines [][]byte) ([]map[string]any, error) {
	out := make([]map[string]any, 0, len(lines))
	for _, line := range lines {
		var m map[string]any
		if err := json.Unmarshal(line, &m); err != nil {
			return nil, fmt.Errorf("a record's JSON: %w", err)
		}
		for _, part := range []string{"key", "value"} {
			text, ok := m[part].(string)
			if !ok || len(text) == 0 || text[0] != '{' && text[0] != '[' || m[part+"_encoding"] != nil {
				continue
			}
			var v any
			if json.Unmarshal([]byte(text), &v) == nil {
				m[part], m[part+"_format"] = v, "json"
			}
		}
		out = append(out, m)
	}
	return out, nil
}

var searchTool = &mcp.Tool{Name: "search", Description: "Scan a topic, or a range of it, for the records that match, and say what was scanned: by key (only the partition the key is written to), by expression over key, value (its JSON fields, decoded from Avro or Protobuf too), headers, partition, offset and timestamp (https://expr-lang.org, e.g. value.status == \"declined\" && value.amount > 50), or by substring (~regex). Cancellable."}

type (
	searchInput struct {
		Topic string `json:"topic"`
		Key   string `json:"key,omitempty" jsonschema:"find the records of this key"`
		rangeInput
		AllPartitions bool `json:"all_partitions,omitempty" jsonschema:"with key, scan every partition, not only the key's"`
		Limit         int  `json:"limit,omitempty" jsonschema:"stop after this many matches, at most 200; 20 when not given"`
		TimeoutSec    int  `json:"timeout_seconds,omitempty" jsonschema:"stop scanning after this long, at most 600; 120 when not given"`
	}
	searchOutput struct {
		Matches   []map[string]any `json:"matches"`
		Summary   string           `json:"summary" jsonschema:"what was scanned: records, partitions, offsets, time"`
		Truncated bool             `json:"truncated" jsonschema:"the search stopped before the end of its range: at its limit of matches or bytes, or its time"`
		Note      string           `json:"note,omitempty"`
	}
)

func (s *server) search(ctx context.Context, in searchInput) (searchOutput, error) {
	r, err := in.parse(in.Topic, s)
	if err != nil {
		return searchOutput{}, err
	}
	if in.Key != "" {
		r.Query.Key = []byte(in.Key)
	}
	timeout := searchTimeout
	if in.TimeoutSec > 0 {
		timeout = min(time.Duration(in.TimeoutSec)*time.Second, maxTimeout)
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	found, err := engine.Search{Range: r, AllPartitions: in.AllPartitions}.Open(ctx, s.cluster, model.TailRequest{})
	if err != nil {
		return searchOutput{}, err
	}
	defer found.Close()
	lines, truncated, err := firstOf(ctx, found.Scan, limit(in.Limit))
	if err != nil {
		return searchOutput{}, err
	}
	out := searchOutput{Summary: found.Summary(len(lines), truncated), Truncated: truncated}
	if out.Matches, err = decodeLines(lines); err != nil {
		return searchOutput{}, err
	}
	out.Note = s.opts.Masking.Explain(in.Topic, r.Query)
	return out, nil
}
