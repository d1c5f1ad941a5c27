package serde

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/hamba/avro/v2"
)

// EncodeJSON writes JSON text as binary Avro of the schema: the JSON that
// AppendJSON writes, and Avro's own JSON encoding too (a union as
// {"type": value}). An error names the field that does not fit:
// "items[1].qty: want an int, got \"two\"".
func (a *Avro) EncodeJSON(text []byte) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(text))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("not JSON: %w", err)
	}
	if dec.More() {
		return nil, fmt.Errorf("more than one JSON value")
	}
	e := avroEncoder{}
	if err := e.value(a.schema, v, "", 0); err != nil {
		return nil, err
	}
	return e.out, nil
}

type avroEncoder struct{ out []byte }

// fieldError says where in the value a part does not fit the schema.
type fieldError struct {
	path string
	msg  string
}

func (e *fieldError) Error() string {
	if e.path == "" {
		return e.msg
	}
	return e.path + ": " + e.msg
}

func mismatch(path, want string, v any) error {
	got, _ := json.Marshal(v)
	if len(got) > 40 {
		got = append(got[:40], "…"...)
	}
	return &fieldError{path, fmt.Sprintf("want %s, got %s", want, got)}
}

func join(path, field string) string {
	if path == "" {
		return field
	}
	return path + "." + field
}

func (e *avroEncoder) value(s avro.Schema, v any, path string, depth int) error {
	if depth > maxNesting {
		return &fieldError{path, errTooDeep.Error()}
	}
	switch s := s.(type) {
	case *avro.RefSchema:
		return e.value(s.Schema(), v, path, depth+1)
	case *avro.NullSchema:
		if v != nil {
			return mismatch(path, "null", v)
		}
		return nil
	case *avro.PrimitiveSchema:
		return e.primitive(s, v, path)
	case *avro.RecordSchema:
		m, ok := v.(map[string]any)
		if !ok {
			return mismatch(path, "an object ("+s.FullName()+")", v)
		}
		for _, f := range s.Fields() {
			fv, present := m[f.Name()]
			if !present && f.HasDefault() {
				fv = asJSON(f.Default())
			} else if !present {
				return &fieldError{join(path, f.Name()), "missing, and the schema gives no default"}
			}
			if err := e.value(f.Type(), fv, join(path, f.Name()), depth+1); err != nil {
				return err
			}
		}
		for k := range m {
			if !hasField(s, k) {
				return &fieldError{join(path, k), "not a field of " + s.FullName()}
			}
		}
		return nil
	case *avro.EnumSchema:
		str, ok := v.(string)
		if !ok {
			return mismatch(path, "a symbol of "+s.FullName(), v)
		}
		for i, sym := range s.Symbols() {
			if sym == str {
				e.long(int64(i))
				return nil
			}
		}
		return &fieldError{path, fmt.Sprintf("%q is not one of %s", str, strings.Join(s.Symbols(), ", "))}
	case *avro.UnionSchema:
		return e.union(s, v, path, depth)
	case *avro.ArraySchema:
		items, ok := v.([]any)
		if !ok {
			return mismatch(path, "an array", v)
		}
		if len(items) > 0 {
			e.long(int64(len(items)))
			for i, item := range items {
				if err := e.value(s.Items(), item, fmt.Sprintf("%s[%d]", path, i), depth+1); err != nil {
					return err
				}
			}
		}
		e.long(0)
		return nil
	case *avro.MapSchema:
		m, ok := v.(map[string]any)
		if !ok {
			return mismatch(path, "an object (a map)", v)
		}
		if len(m) > 0 {
			e.long(int64(len(m)))
			for k, mv := range m {
				e.bytes([]byte(k))
				if err := e.value(s.Values(), mv, join(path, k), depth+1); err != nil {
					return err
				}
			}
		}
		e.long(0)
		return nil
	case *avro.FixedSchema:
		var b []byte
		var err error
		if l, ok := s.Logical().(*avro.DecimalLogicalSchema); ok {
			b, err = decimalBytes(v, l.Scale(), s.Size())
		} else {
			b, err = base64Of(v)
		}
		if err != nil {
			return &fieldError{path, err.Error()}
		}
		if len(b) != s.Size() {
			return &fieldError{path, fmt.Sprintf("want %d bytes, got %d", s.Size(), len(b))}
		}
		e.out = append(e.out, b...)
		return nil
	}
	return &fieldError{path, "unsupported schema type " + string(s.Type())}
}

// asJSON is a schema's default as the JSON decoder would have given it.
func asJSON(v any) any {
	b, err := json.Marshal(v)
	if err != nil {
		return v
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var out any
	if dec.Decode(&out) != nil {
		return v
	}
	return out
}

func hasField(s *avro.RecordSchema, name string) bool {
	for _, f := range s.Fields() {
		if f.Name() == name {
			return true
		}
	}
	return false
}

// union writes the first branch the value fits, or the branch an Avro
// JSON wrapper ({"string": "x"}) names.
func (e *avroEncoder) union(s *avro.UnionSchema, v any, path string, depth int) error {
	types := s.Types()
	if m, ok := v.(map[string]any); ok && len(m) == 1 {
		for name, inner := range m {
			for i, t := range types {
				if branchName(t) == name {
					e.long(int64(i))
					return e.value(t, inner, path, depth+1)
				}
			}
		}
	}
	var last error
	for i, t := range types {
		try := avroEncoder{}
		try.long(int64(i))
		if err := try.value(t, v, path, depth+1); err != nil {
			if t.Type() != avro.Null {
				last = err
			}
			continue
		}
		e.out = append(e.out, try.out...)
		return nil
	}
	names := make([]string, len(types))
	for i, t := range types {
		names[i] = branchName(t)
	}
	if last != nil && len(types) == 2 && s.Nullable() {
		return last // ["null", T]: say why it is not a T
	}
	return mismatch(path, "one of "+strings.Join(names, ", "), v)
}

func branchName(s avro.Schema) string {
	if n, ok := s.(avro.NamedSchema); ok {
		return n.FullName()
	}
	return string(s.Type())
}

func (e *avroEncoder) primitive(s *avro.PrimitiveSchema, v any, path string) error {
	logical := avro.LogicalType("")
	if l := s.Logical(); l != nil {
		logical = l.Type()
	}
	switch s.Type() {
	case avro.Boolean:
		b, ok := v.(bool)
		if !ok {
			return mismatch(path, "true or false", v)
		}
		if b {
			e.out = append(e.out, 1)
		} else {
			e.out = append(e.out, 0)
		}
	case avro.Int, avro.Long:
		n, err := temporalOf(v, logical)
		if err != nil {
			return &fieldError{path, err.Error()}
		}
		if s.Type() == avro.Int && (n < math.MinInt32 || n > math.MaxInt32) {
			return mismatch(path, "an int (32 bits)", v)
		}
		e.long(n)
	case avro.Float, avro.Double:
		f, err := floatOf(v)
		if err != nil {
			return mismatch(path, "a number", v)
		}
		if s.Type() == avro.Float {
			e.out = binary.LittleEndian.AppendUint32(e.out, math.Float32bits(float32(f)))
		} else {
			e.out = binary.LittleEndian.AppendUint64(e.out, math.Float64bits(f))
		}
	case avro.String:
		str, ok := v.(string)
		if !ok {
			return mismatch(path, "a string", v)
		}
		e.bytes([]byte(str))
	case avro.Bytes:
		var b []byte
		var err error
		if l, ok := s.Logical().(*avro.DecimalLogicalSchema); ok {
			b, err = decimalBytes(v, l.Scale(), 0)
		} else {
			b, err = base64Of(v)
		}
		if err != nil {
			return &fieldError{path, err.Error()}
		}
		e.bytes(b)
	default:
		return &fieldError{path, "unsupported type " + string(s.Type())}
	}
	return nil
}

func (e *avroEncoder) long(n int64) {
	e.out = binary.AppendUvarint(e.out, uint64(n<<1)^uint64(n>>63))
}

func (e *avroEncoder) bytes(b []byte) {
	e.long(int64(len(b)))
	e.out = append(e.out, b...)
}

func floatOf(v any) (float64, error) {
	switch v := v.(type) {
	case json.Number:
		return v.Float64()
	case string:
		switch v {
		case "NaN":
			return math.NaN(), nil
		case "Infinity":
			return math.Inf(1), nil
		case "-Infinity":
			return math.Inf(-1), nil
		}
	}
	return 0, fmt.Errorf("not a number")
}

// temporalOf reads an int or long: a number, or for a date or time
// logical type also the string AppendJSON writes for it.
func temporalOf(v any, logical avro.LogicalType) (int64, error) {
	if n, ok := v.(json.Number); ok {
		i, err := strconv.ParseInt(string(n), 10, 64)
		if err != nil {
			return 0, fmt.Errorf("want a whole number, got %s", n)
		}
		return i, nil
	}
	str, ok := v.(string)
	if !ok || logical == "" {
		return 0, mismatch("", "a whole number", v)
	}
	layouts := map[avro.LogicalType]string{
		avro.Date: "2006-01-02", avro.TimeMillis: "15:04:05.999", avro.TimeMicros: "15:04:05.999999",
		avro.TimestampMillis: time.RFC3339Nano, avro.TimestampMicros: time.RFC3339Nano,
		avro.LocalTimestampMillis: "2006-01-02T15:04:05.999999", avro.LocalTimestampMicros: "2006-01-02T15:04:05.999999",
	}
	t, err := time.Parse(layouts[logical], str)
	if err != nil {
		return 0, fmt.Errorf("want a %s, as %s: %v", logical, layouts[logical], err)
	}
	switch logical {
	case avro.Date:
		return t.Unix() / 86400, nil
	case avro.TimeMillis, avro.TimestampMillis, avro.LocalTimestampMillis:
		return t.UnixMilli() - dayStart(t, logical == avro.TimeMillis).UnixMilli(), nil
	}
	return t.UnixMicro() - dayStart(t, logical == avro.TimeMicros).UnixMicro(), nil
}

// dayStart is the start of t's day for a time of day, else the epoch.
func dayStart(t time.Time, timeOfDay bool) time.Time {
	if timeOfDay {
		return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	}
	return time.Unix(0, 0)
}

func base64Of(v any) ([]byte, error) {
	str, ok := v.(string)
	if !ok {
		return nil, fmt.Errorf("want base64 text")
	}
	b, err := base64.StdEncoding.DecodeString(str)
	if err != nil {
		return nil, fmt.Errorf("want base64 text: %v", err)
	}
	return b, nil
}

// decimalBytes is a decimal string or number as its unscaled two's
// complement, big endian; size pads it for a fixed, 0 keeps it minimal.
func decimalBytes(v any, scale, size int) ([]byte, error) {
	var text string
	switch v := v.(type) {
	case string:
		text = v
	case json.Number:
		text = string(v)
	default:
		return nil, fmt.Errorf("want a decimal, as a string such as \"12.34\"")
	}
	r, ok := new(big.Rat).SetString(text)
	if !ok {
		return nil, fmt.Errorf("%q is not a decimal", text)
	}
	r.Mul(r, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(scale)), nil)))
	if !r.IsInt() {
		return nil, fmt.Errorf("%s has more than %d digits after the point", text, scale)
	}
	n := r.Num()
	width := n.BitLen()/8 + 1 // with room for the sign bit
	if size > 0 {
		if width > size {
			return nil, fmt.Errorf("%s does not fit in %d bytes", text, size)
		}
		width = size
	}
	out := make([]byte, width)
	if n.Sign() >= 0 {
		n.FillBytes(out)
		return out, nil
	}
	two := new(big.Int).Lsh(big.NewInt(1), uint(width*8))
	new(big.Int).Add(two, n).FillBytes(out)
	return out, nil
}
