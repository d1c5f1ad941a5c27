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
	root   *avroNode
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
	return &Avro{schema: s, root: compileAvro(s, map[avro.Schema]*avroNode{})}, nil
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
	d := avroDecoder{in: b, out: dst, limit: len(dst) + outputLimit(len(b))}
	if err := d.value(a.root, 0); err != nil {
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

// appendString writes bytes that should be UTF-8 as a JSON string,
// replacing what is not.
func appendString(dst, b []byte) []byte {
	if out, ok := model.AppendJSONStringOf(dst, b); ok {
		return out
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
