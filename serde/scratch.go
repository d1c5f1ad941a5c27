package serde

import (
	"bytes"
	"sync"
)

// scratch holds the buffers records are decoded into before their JSON
// is copied out at its size: JSON is often eight times the binary it is
// read from (Avro has no field names), and growing a buffer sized from
// the input to fit it cost three allocations and as many copies a record.
var scratch = sync.Pool{New: func() any { return new([]byte) }}

// decodeJSON decodes b with c into a buffer of its own.
func decodeJSON(c codec, b []byte) (json []byte, note string, err error) {
	buf := scratch.Get().(*[]byte)
	defer func() {
		if cap(*buf) <= 1<<20 { // a buffer of megabytes is not kept
			scratch.Put(buf)
		}
	}()
	out, note, err := c.AppendJSON((*buf)[:0], b)
	*buf = out
	if err != nil {
		return nil, "", err
	}
	return bytes.Clone(out), note, nil
}
