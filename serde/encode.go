package serde

import (
	"context"
	"fmt"
	"strconv"

	"github.com/twmb/franz-go/pkg/sr"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/dynamicpb"

	"github.com/kscope/kscope/model"
)

// EncodeJSON writes JSON text as the message's binary form, its fields
// in number order as generated code writes them (a dynamic message
// otherwise writes them in any order, differently from run to run). An
// error names the field that does not fit.
func (m *ProtoMessage) EncodeJSON(text []byte) ([]byte, error) {
	msg := dynamicpb.NewMessage(m.desc)
	if err := (protojson.UnmarshalOptions{Resolver: m.marshal.Resolver}).Unmarshal(text, msg); err != nil {
		return nil, err
	}
	return proto.MarshalOptions{Deterministic: true}.Marshal(msg)
}

// indexOf is the Confluent message-index list of a message in its file.
func (m *ProtoMessage) indexOf() []int {
	var index []int
	var d protoreflect.Descriptor = m.desc
	for {
		md, ok := d.(protoreflect.MessageDescriptor)
		if !ok {
			return index
		}
		index = append([]int{md.Index()}, index...)
		d = md.Parent()
	}
}

// Encode writes JSON text in the wire format of a registry schema: the
// subject's latest version, or the schema of that id when schema is a
// number. For Protobuf, message picks the message by full name; empty,
// the file's first. To write many records, resolve an Encoder once.
func (r *Registry) Encode(ctx context.Context, schema, message string, text []byte) ([]byte, model.Schema, error) {
	e, err := r.Encoder(ctx, schema, message)
	if err != nil {
		return nil, e.Schema, err
	}
	b, err := e.Encode(text)
	return b, e.Schema, err
}

// Encoder writes records in one registry schema, asked of the registry
// once: kscope produce --schema asked for the subject's latest version
// for every record, an HTTP round trip each (a million records took
// three minutes).
type Encoder struct {
	Schema model.Schema
	header []byte // the wire format's magic byte, id and message index
	encode func(text []byte) ([]byte, error)
}

// Encoder resolves schema (a subject's latest version, or an id) and,
// for Protobuf, message (empty: the file's first) as Encode does.
func (r *Registry) Encoder(ctx context.Context, schema, message string) (*Encoder, error) {
	id, err := strconv.Atoi(schema)
	if err != nil {
		ctx, cancel := context.WithTimeout(ctx, r.timeout)
		defer cancel()
		s, err := r.cl.SchemaByVersion(ctx, schema, -1)
		if err != nil {
			return &Encoder{}, fmt.Errorf("subject %s: %w", schema, r.explain(err))
		}
		id = s.ID
	}
	c := r.schema(ctx, id)
	e := &Encoder{Schema: c.schema}
	if c.err != nil {
		return e, fmt.Errorf("schema %d: %w", id, c.err)
	}
	var index []int
	switch codec := c.codec.(type) {
	case nil: // Protobuf
		m := c.first
		if message != "" {
			if m, err = c.protos.Message(message); err != nil {
				return e, err
			}
		}
		index, e.encode = m.indexOf(), m.EncodeJSON
	case *Avro:
		e.encode = codec.EncodeJSON
	default: // JSON Schema: the JSON itself, checked to be JSON
		e.encode = func(text []byte) ([]byte, error) {
			out, _, err := codec.AppendJSON(nil, text)
			return out, err
		}
	}
	var h sr.ConfluentHeader
	if e.header, err = h.AppendEncode(nil, id, index); err != nil {
		return e, err
	}
	return e, nil
}

// Encode writes one record's JSON text in the schema's wire format.
func (e *Encoder) Encode(text []byte) ([]byte, error) {
	payload, err := e.encode(text)
	if err != nil {
		return nil, err
	}
	return append(append(make([]byte, 0, len(e.header)+len(payload)), e.header...), payload...), nil
}
