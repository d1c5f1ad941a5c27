package serde

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/vmihailenco/msgpack/v5"
	"github.com/vmihailenco/msgpack/v5/msgpcode"

	"github.com/kscope/kscope/model"
)

// MessagePack writes MessagePack as JSON. vmihailenco/msgpack, the most
// used Go implementation, reads the scalars and extension types
// (timestamps among them); arrays and maps are walked here, so that a
// header claiming millions of items costs nothing before the items are
// there, and nesting is bounded.
type MessagePack struct{}

// AppendJSON decodes b, all of it, and appends its JSON to dst. Binary
// strings are base64; map keys that are not strings become their JSON
// text as a string.
func (MessagePack) AppendJSON(dst, b []byte) ([]byte, string, error) {
	r := bytes.NewReader(b)
	w := msgpackWriter{in: b, r: r, dec: msgpack.NewDecoder(r), out: dst, limit: len(dst) + outputLimit(len(b))}
	if err := w.value(0); err != nil {
		return dst, "", err
	}
	if r.Len() > 0 {
		return dst, "", fmt.Errorf("%d bytes left over after the value: not MessagePack", r.Len())
	}
	return w.out, "", nil
}

type msgpackWriter struct {
	in    []byte // what r reads, to look at a header before the decoder does
	r     *bytes.Reader
	dec   *msgpack.Decoder
	out   []byte
	limit int
}

func (w *msgpackWriter) value(depth int) error {
	if depth > maxNesting {
		return errTooDeep
	}
	if len(w.out) > w.limit {
		return errTooLarge
	}
	c, err := w.dec.PeekCode()
	if err != nil {
		return errShort
	}
	switch {
	case msgpcode.IsFixedArray(c) || c == msgpcode.Array16 || c == msgpcode.Array32:
		n, err := w.dec.DecodeArrayLen()
		if err != nil || n > w.r.Len() { // every item takes a byte at least
			return errShort
		}
		w.out = append(w.out, '[')
		for i := range n {
			if i > 0 {
				w.out = append(w.out, ',')
			}
			if err := w.value(depth + 1); err != nil {
				return err
			}
		}
		w.out = append(w.out, ']')
		return nil
	case msgpcode.IsFixedMap(c) || c == msgpcode.Map16 || c == msgpcode.Map32:
		n, err := w.dec.DecodeMapLen()
		if err != nil || n > w.r.Len()/2 {
			return errShort
		}
		w.out = append(w.out, '{')
		for i := range n {
			if i > 0 {
				w.out = append(w.out, ',')
			}
			if err := w.key(depth + 1); err != nil {
				return err
			}
			w.out = append(w.out, ':')
			if err := w.value(depth + 1); err != nil {
				return err
			}
		}
		w.out = append(w.out, '}')
		return nil
	}
	if w.claims(c) > w.r.Len() {
		return errShort
	}
	v, err := w.dec.DecodeInterface()
	if err != nil {
		return err
	}
	return w.scalar(v)
}

// claims is the length a str, bin or ext header at the reader's position
// says follows it; 0 for other codes. The decoder allocates what a header
// claims before it reads it: a 40-byte value claiming 4 GB took 4 GB.
func (w *msgpackWriter) claims(c byte) int {
	var size int
	switch c {
	case msgpcode.Str8, msgpcode.Bin8, msgpcode.Ext8:
		size = 1
	case msgpcode.Str16, msgpcode.Bin16, msgpcode.Ext16:
		size = 2
	case msgpcode.Str32, msgpcode.Bin32, msgpcode.Ext32:
		size = 4
	default:
		return 0
	}
	at := w.in[len(w.in)-w.r.Len():]
	if len(at) < 1+size {
		return math.MaxInt
	}
	n := 0
	for _, b := range at[1 : 1+size] {
		n = n<<8 | int(b)
	}
	return n
}

// key writes a map key: a string as it is, anything else as its JSON
// text in a string, since JSON keys are strings.
func (w *msgpackWriter) key(depth int) error {
	c, err := w.dec.PeekCode()
	if err != nil {
		return errShort
	}
	if msgpcode.IsString(c) {
		if w.claims(c) > w.r.Len() {
			return errShort
		}
		s, err := w.dec.DecodeString()
		if err != nil {
			return err
		}
		w.out = appendString(w.out, []byte(s))
		return nil
	}
	start := len(w.out)
	if err := w.value(depth); err != nil {
		return err
	}
	text := string(w.out[start:])
	w.out = model.AppendJSONString(w.out[:start], text)
	return nil
}

func (w *msgpackWriter) scalar(v any) error {
	switch v := v.(type) {
	case nil:
		w.out = append(w.out, "null"...)
	case bool:
		w.out = strconv.AppendBool(w.out, v)
	case int8, int16, int32, int64:
		w.out = fmt.Append(w.out, v)
	case uint8, uint16, uint32, uint64:
		w.out = fmt.Append(w.out, v)
	case float32:
		w.out = appendFloat(w.out, float64(v), 32)
	case float64:
		w.out = appendFloat(w.out, v, 64)
	case string:
		w.out = appendString(w.out, []byte(v))
	case []byte:
		w.out = appendBase64(w.out, v)
	case time.Time:
		w.out = append(w.out, '"')
		w.out = v.UTC().AppendFormat(w.out, time.RFC3339Nano)
		w.out = append(w.out, '"')
	default:
		return errors.New("an extension type kscope does not know")
	}
	return nil
}
