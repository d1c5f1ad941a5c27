package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/kscope/kscope/engine"
	"github.com/kscope/kscope/model"
)

func parseHeaders(hs []string) ([]model.Header, error) {
	out := make([]model.Header, 0, len(hs))
	for _, h := range hs {
		k, v, ok := strings.Cut(h, "=")
		if !ok || k == "" {
			return nil, usagef("--header %q: want key=value", h)
		}
		out = append(out, model.Header{Key: k, Value: []byte(v)})
	}
	return out, nil
}

// recordParser turns one chunk of input into a record.
type recordParser struct {
	topic, key, keySep string
	headers            []model.Header
	partition          int32
	// value and keyEncode, when set, encode JSON in a registry schema.
	value, keyEncode func([]byte) ([]byte, error)
	// jsonl reads each chunk as a kscope JSON line, sent as it was.
	jsonl                        bool
	keepPartition, keepTimestamp bool
	partitions                   int32 // the topic's, for a kept partition
}

func (p recordParser) record(chunk []byte) (model.Record, error) {
	if p.jsonl {
		return p.exported(chunk)
	}
	r := model.Record{Topic: p.topic, Partition: p.partition, Value: chunk, Headers: p.headers}
	if p.key != "" {
		r.Key = []byte(p.key)
	}
	if p.keySep != "" {
		if k, v, ok := bytes.Cut(chunk, []byte(p.keySep)); ok {
			r.Key, r.Value = k, v
		}
	}
	var err error
	if p.value != nil {
		if r.Value, err = p.value(r.Value); err != nil {
			return r, fmt.Errorf("value: %w", err)
		}
	}
	if p.keyEncode != nil && r.Key != nil {
		if r.Key, err = p.keyEncode(r.Key); err != nil {
			return r, fmt.Errorf("key: %w", err)
		}
	}
	return r, nil
}

// exported is a JSON line's record, to send to the topic: its partition
// and timestamp kept if asked, else chosen by key and stamped now.
func (p recordParser) exported(line []byte) (model.Record, error) {
	r, err := model.ParseJSONLine(line)
	if err != nil {
		return r, err
	}
	return resend(&r, p.topic, p.partitions, p.keepPartition, p.keepTimestamp)
}

// resend is r as it goes out again to topic (model.Record.Resent),
// refused when the partition it keeps is one topic does not have.
func resend(r *model.Record, topic string, partitions int32, keepPartition, keepTimestamp bool) (model.Record, error) {
	out := r.Resent(topic, keepPartition, keepTimestamp)
	if out.Partition >= partitions {
		return out, fmt.Errorf("partition %d: %s has %d; leave out --keep-partition to choose by key", out.Partition, topic, partitions)
	}
	return out, nil
}

// produceLines sends the input in batches and returns how many records
// the cluster took, and how many lines were markers skipped; it stops at
// the first record refused.
// skips are the lines of a JSONL export not sent: transaction markers,
// and records of transactions that aborted.
type skips struct{ markers, aborted int }

func (s skips) String() string {
	var parts []string
	if s.markers > 0 {
		parts = append(parts, model.Plural(s.markers, "transaction marker"))
	}
	if s.aborted > 0 {
		parts = append(parts, model.Plural(s.aborted, "record")+" of aborted transactions")
	}
	return strings.Join(parts, " and ")
}

func produceLines(ctx context.Context, cl engine.Producer, in io.Reader, nulSeparated bool, p recordParser) (sent int, skipped skips, err error) {
	lines := engine.Lines{Sender: engine.NewSender(cl, nil), NUL: nulSeparated, Batch: produceBatch,
		Parse: func(line []byte) (model.Record, error) {
			r, err := p.record(line)
			switch {
			case errors.Is(err, model.ErrControlLine):
				skipped.markers++
				return r, engine.ErrSkipLine
			case errors.Is(err, model.ErrAbortedLine):
				skipped.aborted++
				return r, engine.ErrSkipLine
			}
			return r, err
		}}
	res, err := lines.Run(ctx, in)
	var lineErr engine.LineError
	switch {
	case errors.As(err, &lineErr):
		err = usageError{lineErr}
	case err != nil && res.NotSent != "":
		err = fmt.Errorf("%w; not sent: lines %s, and none after them", err, res.NotSent)
	}
	return res.Sent, skipped, err
}
