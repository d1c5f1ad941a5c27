package serde

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/hamba/avro/v2"

	"github.com/kscope/kscope/model"
)

// Avro is a parsed Avro schema that writes binary Avro as JSON.
//
// hamba/avro parses and checks the schema (names, namespaces, named types
// from references, logical types); the decoding walks that schema over
// the bytes and writes JSON straight away, in the schema's field order,
// without building Go values: a tail decodes hundreds of thousands of
// records a second, and hostile bytes must cost no more than their size.
//
// The JSON is what people and jq expect rather than Avro's own JSON
// encoding: a union is its value (not {"type": value}), bytes and fixed
// are base64, an enum is its symbol, decimal is an exact decimal string,
// dates and times are ISO 8601 strings (timestamp-millis with three
// digits of fraction and Z, -micros with six), and NaN and infinities are
// the strings "NaN", "Infinity" and "-Infinity".
type Avro struct {
	schema avro.Schema
	fields recordFields
}

// recordFields are the fields of each record type a schema holds, with
// their names as JSON keys, written once rather than for every record.
type recordFields map[*avro.RecordSchema][]avroField

type avroField struct {
	name string
	key  []byte // "name":
	typ  avro.Schema
}

// add adds the record types s holds, and those their fields hold.
func (rf recordFields) add(s avro.Schema) {
	switch s := s.(type) {
	case *avro.RefSchema:
		rf.add(s.Schema())
	case *avro.RecordSchema:
		if _, seen := rf[s]; seen {
			return // a recursive type
		}
		fields := make([]avroField, len(s.Fields()))
		rf[s] = fields
		for i, f := range s.Fields() {
			fields[i] = avroField{name: f.Name(), key: append(model.AppendJSONString(nil, f.Name()), ':'), typ: f.Type()}
			rf.add(f.Type())
		}
	case *avro.UnionSchema:
		for _, t := range s.Types() {
			rf.add(t)
		}
	case *avro.ArraySchema:
		rf.add(s.Items())
	case *avro.MapSchema:
		rf.add(s.Values())
	}
}

// ParseAvro parses a schema; refs are the schemas it references, in the
// order they must be parsed (a referenced schema before those that use
// it).
func ParseAvro(text string, refs ...string) (*Avro, error) {
	cache := &avro.SchemaCache{} // not hamba's global one: ids must not share names
	for _, r := range refs {
		if _, err := avro.ParseWithCache(r, "", cache); err != nil {
			return nil, fmt.Errorf("referenced schema: %w", err)
		}
	}
	s, err := avro.ParseWithCache(text, "", cache)
	if err != nil {
		return nil, schemaError(text, err)
	}
	fields := recordFields{}
	fields.add(s)
	return &Avro{schema: s, fields: fields}, nil
}

// schemaError says why text is not an Avro schema without quoting it: a
// file named by mistake may hold anything, secrets included, and the
// parser's messages end with what they could not read.
func schemaError(text string, err error) error {
	var syntax *json.SyntaxError
	if jerr := json.Unmarshal([]byte(text), new(any)); errors.As(jerr, &syntax) {
		line := 1 + strings.Count(text[:min(int(syntax.Offset), len(text))], "\n")
		return fmt.Errorf("not an Avro schema: not JSON at line %d", line)
	}
	msg := err.Error()
	for {
		i := strings.LastIndex(msg, ": ")
		if i < 0 || !strings.Contains(text, strings.Trim(msg[i+2:], `"`)) {
			break
		}
		msg = msg[:i]
	}
	return fmt.Errorf("not an Avro schema: %s", strings.TrimPrefix(msg, "avro: "))
}

// Name is the full name of the schema's top type when it is named.
func (a *Avro) Name() string {
	if n, ok := a.schema.(avro.NamedSchema); ok {
		return n.FullName()
	}
	return string(a.schema.Type())
}

// Schema is the parsed schema, for encoding.
func (a *Avro) Schema() avro.Schema { return a.schema }

// AppendJSON decodes b, all of it, and appends its JSON to dst.
func (a *Avro) AppendJSON(dst []byte, b []byte) ([]byte, string, error) {
	d := avroDecoder{in: b, out: dst, limit: len(dst) + outputLimit(len(b)), fields: a.fields}
	if err := d.value(a.schema, 0); err != nil {
		return dst, "", err
	}
	if d.pos != len(d.in) {
		return dst, "", fmt.Errorf("%d bytes left over after the value: the schema does not match", len(d.in)-d.pos)
	}
	return d.out, "", nil
}

// Bounds on what hostile bytes may make of a schema: values nested
// through recursive types, and output far larger than the input (an
// array of a million nulls is a few bytes of Avro).
const (
	maxNesting   = 100
	maxOutput    = 64 << 20
	outputFactor = 64
)

// outputLimit is the most JSON n input bytes may decode to.
func outputLimit(n int) int { return min(maxOutput, max(1<<20, n*outputFactor)) }

var (
	errShort    = errors.New("the value ends early: truncated, or written with another schema")
	errTooDeep  = fmt.Errorf("nested more than %d deep", maxNesting)
	errTooLarge = errors.New("decodes to more than the output limit")
)

type avroDecoder struct {
	in     []byte
	pos    int
	out    []byte
	limit  int
	fields recordFields
}

func (d *avroDecoder) value(s avro.Schema, depth int) error {
	if depth > maxNesting {
		return errTooDeep
	}
	if len(d.out) > d.limit {
		return errTooLarge
	}
	switch s := s.(type) {
	case *avro.RefSchema:
		return d.value(s.Schema(), depth+1)
	case *avro.NullSchema:
		d.out = append(d.out, "null"...)
		return nil
	case *avro.PrimitiveSchema:
		return d.primitive(s)
	case *avro.RecordSchema:
		d.out = append(d.out, '{')
		fields, ok := d.fields[s]
		if !ok { // every record type of the schema was listed when it was parsed
			return fmt.Errorf("record %s is not in the schema", s.FullName())
		}
		for i, f := range fields {
			if i > 0 {
				d.out = append(d.out, ',')
			}
			d.out = append(d.out, f.key...)
			if err := d.value(f.typ, depth+1); err != nil {
				return fmt.Errorf("%s: %w", f.name, err)
			}
		}
		d.out = append(d.out, '}')
		return nil
	case *avro.EnumSchema:
		i, err := d.long()
		if err != nil {
			return err
		}
		sym, ok := s.Symbol(int(i))
		if i < 0 || i > math.MaxInt32 || !ok {
			return fmt.Errorf("enum %s has no symbol %d", s.FullName(), i)
		}
		d.out = model.AppendJSONString(d.out, sym)
		return nil
	case *avro.UnionSchema:
		i, err := d.long()
		if err != nil {
			return err
		}
		types := s.Types()
		if i < 0 || i >= int64(len(types)) {
			return fmt.Errorf("union branch %d of %d", i, len(types))
		}
		return d.value(types[i], depth+1)
	case *avro.ArraySchema:
		d.out = append(d.out, '[')
		n := 0
		err := d.blocks(func() error {
			if n++; n > 1 {
				d.out = append(d.out, ',')
			}
			return d.value(s.Items(), depth+1)
		})
		d.out = append(d.out, ']')
		return err
	case *avro.MapSchema:
		d.out = append(d.out, '{')
		n := 0
		err := d.blocks(func() error {
			if n++; n > 1 {
				d.out = append(d.out, ',')
			}
			k, err := d.bytes()
			if err != nil {
				return err
			}
			d.out = appendString(d.out, k)
			d.out = append(d.out, ':')
			return d.value(s.Values(), depth+1)
		})
		d.out = append(d.out, '}')
		return err
	case *avro.FixedSchema:
		b, err := d.take(s.Size())
		if err != nil {
			return err
		}
		if l, ok := s.Logical().(*avro.DecimalLogicalSchema); ok {
			d.out = appendDecimal(d.out, b, l.Scale())
			return nil
		}
		d.out = appendBase64(d.out, b)
		return nil
	}
	return fmt.Errorf("unsupported schema type %s", s.Type())
}

// blocks reads an array's or map's blocks, calling item for each item.
func (d *avroDecoder) blocks(item func() error) error {
	for {
		count, err := d.long()
		if err != nil {
			return err
		}
		if count == 0 {
			return nil
		}
		if count < 0 { // a block that says its size in bytes too
			if count == math.MinInt64 {
				return errors.New("invalid block count")
			}
			count = -count
			if _, err := d.long(); err != nil {
				return err
			}
		}
		for ; count > 0; count-- {
			if err := item(); err != nil {
				return err
			}
			if len(d.out) > d.limit {
				return errTooLarge
			}
		}
	}
}

func (d *avroDecoder) primitive(s *avro.PrimitiveSchema) error {
	logical := avro.LogicalType("")
	if l := s.Logical(); l != nil {
		logical = l.Type()
	}
	switch s.Type() {
	case avro.Boolean:
		b, err := d.take(1)
		if err != nil {
			return err
		}
		switch b[0] {
		case 0:
			d.out = append(d.out, "false"...)
		case 1:
			d.out = append(d.out, "true"...)
		default:
			return fmt.Errorf("boolean byte %d", b[0])
		}
	case avro.Int, avro.Long:
		v, err := d.long()
		if err != nil {
			return err
		}
		if s.Type() == avro.Int && (v < math.MinInt32 || v > math.MaxInt32) {
			return fmt.Errorf("int %d out of range", v)
		}
		d.out = appendTemporal(d.out, v, logical)
	case avro.Float:
		b, err := d.take(4)
		if err != nil {
			return err
		}
		d.out = appendFloat(d.out, float64(math.Float32frombits(le32(b))), 32)
	case avro.Double:
		b, err := d.take(8)
		if err != nil {
			return err
		}
		d.out = appendFloat(d.out, math.Float64frombits(uint64(le32(b))|uint64(le32(b[4:]))<<32), 64)
	case avro.Bytes:
		b, err := d.bytes()
		if err != nil {
			return err
		}
		if l, ok := s.Logical().(*avro.DecimalLogicalSchema); ok {
			d.out = appendDecimal(d.out, b, l.Scale())
		} else {
			d.out = appendBase64(d.out, b)
		}
	case avro.String:
		b, err := d.bytes()
		if err != nil {
			return err
		}
		d.out = appendString(d.out, b)
	default:
		return fmt.Errorf("unsupported type %s", s.Type())
	}
	return nil
}

func le32(b []byte) uint32 {
	return uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24
}

// long reads a zig-zag varint of at most ten bytes.
func (d *avroDecoder) long() (int64, error) {
	var u uint64
	for shift := uint(0); shift < 70; shift += 7 {
		if d.pos >= len(d.in) {
			return 0, errShort
		}
		c := d.in[d.pos]
		d.pos++
		u |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return int64(u>>1) ^ -int64(u&1), nil
		}
	}
	return 0, errors.New("varint longer than ten bytes")
}

func (d *avroDecoder) take(n int) ([]byte, error) {
	if n < 0 || n > len(d.in)-d.pos {
		return nil, errShort
	}
	b := d.in[d.pos : d.pos+n]
	d.pos += n
	return b, nil
}

// bytes reads a length-prefixed byte string; its length is checked
// against what is left before anything is allocated.
func (d *avroDecoder) bytes() ([]byte, error) {
	n, err := d.long()
	if err != nil {
		return nil, err
	}
	if n < 0 || n > int64(len(d.in)-d.pos) {
		return nil, errShort
	}
	return d.take(int(n))
}

// appendString writes bytes that should be UTF-8 as a JSON string,
// replacing what is not.
func appendString(dst, b []byte) []byte {
	if utf8.Valid(b) {
		return model.AppendJSONString(dst, b)
	}
	return model.AppendJSONString(dst, []byte(string([]rune(string(b)))))
}

func appendBase64(dst, b []byte) []byte {
	dst = append(dst, '"')
	dst = base64.StdEncoding.AppendEncode(dst, b)
	return append(dst, '"')
}

func appendFloat(dst []byte, f float64, bits int) []byte {
	switch {
	case math.IsNaN(f):
		return append(dst, `"NaN"`...)
	case math.IsInf(f, 1):
		return append(dst, `"Infinity"`...)
	case math.IsInf(f, -1):
		return append(dst, `"-Infinity"`...)
	}
	return strconv.AppendFloat(dst, f, 'g', -1, bits)
}

// appendTemporal writes an int or long, as a date or time string when
// its logical type says it is one.
func appendTemporal(dst []byte, v int64, logical avro.LogicalType) []byte {
	var layout string
	var t time.Time
	switch logical {
	case avro.Date:
		t, layout = time.Unix(v*86400, 0), "2006-01-02"
	case avro.TimeMillis:
		t, layout = time.UnixMilli(v), "15:04:05.000"
	case avro.TimeMicros:
		t, layout = time.UnixMicro(v), "15:04:05.000000"
	case avro.TimestampMillis, avro.LocalTimestampMillis:
		dst = model.AppendRFC3339(append(dst, '"'), v, 1000, logical == avro.TimestampMillis)
		return append(dst, '"')
	case avro.TimestampMicros, avro.LocalTimestampMicros:
		dst = model.AppendRFC3339(append(dst, '"'), v, 1_000_000, logical == avro.TimestampMicros)
		return append(dst, '"')
	default:
		return strconv.AppendInt(dst, v, 10)
	}
	dst = append(dst, '"')
	dst = t.UTC().AppendFormat(dst, layout)
	return append(dst, '"')
}

// maxDecimalBytes bounds the unscaled values written as decimals: far
// beyond any precision in use, and short of what makes printing one slow.
const maxDecimalBytes = 256

// appendDecimal writes a two's-complement big-endian unscaled value with
// its scale as an exact decimal string: "-12.34".
func appendDecimal(dst, b []byte, scale int) []byte {
	if len(b) > maxDecimalBytes {
		return appendBase64(dst, b)
	}
	n := new(big.Int).SetBytes(b)
	if len(b) > 0 && b[0]&0x80 != 0 {
		n.Sub(n, new(big.Int).Lsh(big.NewInt(1), uint(len(b))*8))
	}
	digits := n.Text(10)
	neg := digits[0] == '-'
	if neg {
		digits = digits[1:]
	}
	dst = append(dst, '"')
	if neg {
		dst = append(dst, '-')
	}
	if scale > 0 {
		for len(digits) <= scale {
			digits = "0" + digits
		}
		digits = digits[:len(digits)-scale] + "." + digits[len(digits)-scale:]
	}
	dst = append(dst, digits...)
	return append(dst, '"')
}
