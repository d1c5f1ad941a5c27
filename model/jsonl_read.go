package model

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
)

// exportedLine is a line AppendJSONLine writes, as it is read back.
type exportedLine struct {
	Topic         string          `json:"topic"`
	Partition     *int32          `json:"partition"`
	Offset        int64           `json:"offset"`
	TimestampMs   *int64          `json:"timestamp_ms"`
	Control       string          `json:"control"`
	Transaction   string          `json:"transaction"`
	Key           json.RawMessage `json:"key"`
	KeyEncoding   string          `json:"key_encoding"`
	Value         json.RawMessage `json:"value"`
	ValueEncoding string          `json:"value_encoding"`
	KeyFormat     string          `json:"key_format"`
	ValueFormat   string          `json:"value_format"`
	KeySchema     json.RawMessage `json:"key_schema"`
	ValueSchema   json.RawMessage `json:"value_schema"`
	ValueCutFrom  int             `json:"value_cut_from"`
	Headers       []struct {
		Key           string          `json:"key"`
		KeyEncoding   string          `json:"key_encoding"`
		Value         json.RawMessage `json:"value"`
		ValueEncoding string          `json:"value_encoding"`
	} `json:"headers"`
}

// ErrControlLine is a transaction marker's line: not a record to send.
var ErrControlLine = errors.New("a transaction marker, not a record")

// ErrAbortedLine is the line of a record whose transaction aborted (as an
// uncommitted read exports it): sent again it would be committed data
// that never was.
var ErrAbortedLine = errors.New("a record of an aborted transaction")

// ParseJSONLine reads back a line AppendJSONLine wrote, bytes for bytes:
// strings are the UTF-8 they were, base64 what was flagged so, null
// Kafka's null, headers in order with their duplicates. Topic, partition,
// offset and timestamp are as they were written; where to send it is the
// caller's. A transaction marker's line is ErrControlLine. A line whose
// key or value was decoded (Avro, Protobuf…) or cut by a buffer no longer
// holds the bytes, and is refused, saying how to export them whole.
func ParseJSONLine(line []byte) (Record, error) {
	var l exportedLine
	d := json.NewDecoder(bytes.NewReader(line))
	if err := d.Decode(&l); err != nil {
		return Record{}, fmt.Errorf("not a kscope JSON line: %v", err)
	}
	switch {
	case l.Control != "":
		return Record{}, ErrControlLine
	case l.Transaction == TxnAborted.String():
		return Record{}, ErrAbortedLine
	}
	switch {
	case l.KeyFormat != "" || len(l.KeySchema) > 0, l.ValueFormat != "" || len(l.ValueSchema) > 0:
		return Record{}, errors.New("its key or value was exported decoded, not as its bytes: export with --raw to copy it byte for byte")
	case l.ValueCutFrom > 0:
		return Record{}, fmt.Errorf("its value was cut to its first bytes of %d when exported (a tail's --buffer-mb); export it with kscope tail -o json", l.ValueCutFrom)
	case l.Partition == nil || l.TimestampMs == nil:
		return Record{}, errors.New("not a kscope JSON line: no partition or timestamp_ms")
	}
	r := Record{Topic: l.Topic, Partition: *l.Partition, Offset: l.Offset, Timestamp: *l.TimestampMs}
	var err error
	if r.Key, err = jsonBytes("key", l.Key, l.KeyEncoding); err != nil {
		return r, err
	}
	if r.Value, err = jsonBytes("value", l.Value, l.ValueEncoding); err != nil {
		return r, err
	}
	for i, h := range l.Headers {
		key, err := textBytes("header key", h.Key, h.KeyEncoding)
		if err != nil {
			return r, fmt.Errorf("header %d: %w", i+1, err)
		}
		value, err := jsonBytes("header value", h.Value, h.ValueEncoding)
		if err != nil {
			return r, fmt.Errorf("header %d: %w", i+1, err)
		}
		r.Headers = append(r.Headers, Header{Key: string(key), Value: value})
	}
	return r, nil
}

// jsonBytes is a field's bytes: nil for null or absent, a string's UTF-8,
// or what base64 says when the field is flagged so.
func jsonBytes(name string, raw json.RawMessage, encoding string) ([]byte, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return nil, fmt.Errorf("%s: want a string or null", name)
	}
	return textBytes(name, s, encoding)
}

// textBytes is a string's bytes: its UTF-8, or what base64 says; never
// nil, so an empty value stays empty rather than null.
func textBytes(name, s, encoding string) ([]byte, error) {
	switch encoding {
	case "":
		return append(make([]byte, 0, len(s)), s...), nil
	case "base64":
		b, err := base64.StdEncoding.DecodeString(s)
		if err != nil {
			return nil, fmt.Errorf("%s: bad base64: %v", name, err)
		}
		return b, nil
	}
	return nil, fmt.Errorf("%s: unknown encoding %q", name, encoding)
}
