package serde

import (
	"fmt"

	"github.com/hamba/avro/v2"

	"github.com/kscope/kscope/model"
)

// avroNode is a schema compiled for decoding: what the walk asks of
// hamba's schema for every value (its type, logical type, fields, enum
// symbols), asked once when the schema is parsed. Walking hamba's schema
// itself cost a type switch and several interface calls a value, and an
// escape of every field name and symbol a record.
type avroNode struct {
	kind     avroKind
	logical  avro.LogicalType // of an int or long
	scale    int              // of a decimal bytes or fixed
	size     int              // of a fixed
	name     string           // of an enum, for errors
	err      error            // of a type the walk cannot read
	fields   []avroField      // of a record
	symbols  [][]byte         // of an enum, as JSON strings
	items    *avroNode        // of an array; of a map, its values
	branches []*avroNode      // of a union
}

type avroKind uint8

const (
	avroUnsupported avroKind = iota
	avroNull
	avroBoolean
	avroInt
	avroLong
	avroFloat
	avroDouble
	avroBytes
	avroDecimalBytes
	avroString
	avroRecord
	avroEnum
	avroArray
	avroMap
	avroUnion
	avroFixed
	avroDecimalFixed
)

type avroField struct {
	name string
	key  []byte // "name":
	node *avroNode
}

// compileAvro compiles s; a named type met again (a recursive one) is the
// node already made for it.
func compileAvro(s avro.Schema, done map[avro.Schema]*avroNode) *avroNode {
	if r, ok := s.(*avro.RefSchema); ok {
		s = r.Schema()
	}
	if n, ok := done[s]; ok {
		return n
	}
	n := &avroNode{}
	done[s] = n
	switch s := s.(type) {
	case *avro.NullSchema:
		n.kind = avroNull
	case *avro.PrimitiveSchema:
		n.compilePrimitive(s)
	case *avro.RecordSchema:
		n.kind = avroRecord
		n.fields = make([]avroField, len(s.Fields()))
		for i, f := range s.Fields() {
			n.fields[i] = avroField{name: f.Name(), key: append(model.AppendJSONString(nil, f.Name()), ':'), node: compileAvro(f.Type(), done)}
		}
	case *avro.EnumSchema:
		n.kind, n.name = avroEnum, s.FullName()
		for _, sym := range s.Symbols() {
			n.symbols = append(n.symbols, model.AppendJSONString(nil, sym))
		}
	case *avro.UnionSchema:
		n.kind = avroUnion
		for _, t := range s.Types() {
			n.branches = append(n.branches, compileAvro(t, done))
		}
	case *avro.ArraySchema:
		n.kind, n.items = avroArray, compileAvro(s.Items(), done)
	case *avro.MapSchema:
		n.kind, n.items = avroMap, compileAvro(s.Values(), done)
	case *avro.FixedSchema:
		n.kind, n.size = avroFixed, s.Size()
		if l, ok := s.Logical().(*avro.DecimalLogicalSchema); ok {
			n.kind, n.scale = avroDecimalFixed, l.Scale()
		}
	default:
		n.err = fmt.Errorf("unsupported schema type %s", s.Type())
	}
	return n
}

// primitives are the kinds of Avro's primitive types.
var primitives = map[avro.Type]avroKind{
	avro.Boolean: avroBoolean, avro.Int: avroInt, avro.Long: avroLong, avro.Float: avroFloat,
	avro.Double: avroDouble, avro.Bytes: avroBytes, avro.String: avroString,
}

func (n *avroNode) compilePrimitive(s *avro.PrimitiveSchema) {
	if l := s.Logical(); l != nil {
		n.logical = l.Type()
	}
	kind, ok := primitives[s.Type()]
	if !ok {
		n.err = fmt.Errorf("unsupported type %s", s.Type())
		return
	}
	n.kind = kind
	if l, isDecimal := s.Logical().(*avro.DecimalLogicalSchema); isDecimal && kind == avroBytes {
		n.kind, n.scale = avroDecimalBytes, l.Scale()
	}
}
