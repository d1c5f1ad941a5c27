package model

import (
	"context"
	"encoding/binary"
	"fmt"
)

// Schema names the registry schema a key or value was written with, as
// the registry names it.
type Schema struct {
	ID      int
	Subject string // empty when the registry named none
	Version int    // 0 when the registry named none
	Type    string // AVRO, PROTOBUF or JSON
}

// Decoded is what a key or value says once its format is read: JSON
// text, or, when it could not be read, a note saying why. Either way the
// record keeps its bytes.
type Decoded struct {
	// JSON is the decoded key or value, compact; nil when decoding
	// failed.
	JSON []byte
	// Format is how it was read: avro, protobuf, json, msgpack.
	Format string
	// Name is the Avro record or Protobuf message it was read as, when
	// there is one.
	Name string
	// Schema is the registry schema it named; nil when it named none.
	Schema *Schema
	// Note says why decoding failed, or what was odd about it.
	Note string
}

// RegistryFrame reports whether b starts as the Schema Registry's wire
// format does, a zero byte and a four-byte schema id, and which id.
func RegistryFrame(b []byte) (id int, ok bool) {
	if len(b) < 5 || b[0] != 0 {
		return 0, false
	}
	return int(binary.BigEndian.Uint32(b[1:5])), true
}

// UnreadFrame says why bytes framed for a schema registry were left
// undecoded where no registry is set, and how to read them; "" for bytes
// that do not look framed. Every output says it: a CLI's value_note as
// the TUI's record view.
func UnreadFrame(b []byte) string {
	id, framed := RegistryFrame(b)
	if !framed || Classify(b) != Binary {
		return ""
	}
	return fmt.Sprintf("framed for a schema registry, schema id %d: set schema_registry (or --schema-registry) to decode it", id)
}

// OK reports whether there is decoded JSON to show.
func (d *Decoded) OK() bool { return d != nil && d.JSON != nil }

// Decoder reads the formats of records' keys and values, setting their
// DecodedKey and DecodedValue. It leaves alone what it has no format for,
// and never fails: what it cannot read gets a note.
type Decoder interface {
	Decode(ctx context.Context, records []Record)
}

// ShownKey is the key as it is shown: decoded when it was, else its bytes.
func (r *Record) ShownKey() []byte { return shown(r.Key, r.DecodedKey) }

// ShownValue is the value as it is shown: decoded when it was, else its
// bytes.
func (r *Record) ShownValue() []byte { return shown(r.Value, r.DecodedValue) }

func shown(raw []byte, d *Decoded) []byte {
	if d.OK() {
		return d.JSON
	}
	return raw
}

// DecodeStream wraps a stream so that its records come decoded.
func DecodeStream(s RecordStream, d Decoder) RecordStream { return decodingStream{s, d} }

type decodingStream struct {
	RecordStream
	decoder Decoder
}

// Recycle gives records back to the stream, and to the decoder if it
// takes them too.
func (s decodingStream) Recycle(records []Record) {
	if r, ok := s.decoder.(Recycler); ok {
		r.Recycle(records)
	}
	Recycle(s.RecordStream, records)
}

func (s decodingStream) Next(ctx context.Context) (Batch, error) {
	b, err := s.RecordStream.Next(ctx)
	s.decoder.Decode(ctx, b.Records)
	return b, err
}
