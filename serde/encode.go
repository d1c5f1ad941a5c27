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

// EncodeJSON writes JSON text as the message's binary form. An error
// names the field that does not fit.
func (m *ProtoMessage) EncodeJSON(text []byte) ([]byte, error) {
	msg := dynamicpb.NewMessage(m.desc)
	if err := (protojson.UnmarshalOptions{Resolver: m.marshal.Resolver}).Unmarshal(text, msg); err != nil {
		return nil, err
	}
	return proto.Marshal(msg)
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
// the file's first.
func (r *Registry) Encode(ctx context.Context, schema, message string, text []byte) ([]byte, model.Schema, error) {
	id, err := strconv.Atoi(schema)
	if err != nil {
		ctx, cancel := context.WithTimeout(ctx, r.timeout)
		defer cancel()
		s, err := r.cl.SchemaByVersion(ctx, schema, -1)
		if err != nil {
			return nil, model.Schema{}, fmt.Errorf("subject %s: %w", schema, r.explain(err))
		}
		id = s.ID
	}
	c := r.schema(ctx, id)
	if c.err != nil {
		return nil, c.schema, fmt.Errorf("schema %d: %w", id, c.err)
	}
	var h sr.ConfluentHeader
	var payload []byte
	var index []int
	switch codec := c.codec.(type) {
	case nil: // Protobuf
		m := c.first
		if message != "" {
			if m, err = c.protos.Message(message); err != nil {
				return nil, c.schema, err
			}
		}
		index = m.indexOf()
		payload, err = m.EncodeJSON(text)
	case *Avro:
		payload, err = codec.EncodeJSON(text)
	default: // JSON Schema: the JSON itself, checked to be JSON
		payload, _, err = codec.AppendJSON(nil, text)
	}
	if err != nil {
		return nil, c.schema, err
	}
	framed, err := h.AppendEncode(nil, id, index)
	if err != nil {
		return nil, c.schema, err
	}
	return append(framed, payload...), c.schema, nil
}
