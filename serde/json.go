package serde

import (
	"bytes"
	"encoding/json"
	"errors"
)

// JSONText checks that bytes are JSON and appends them compacted, as a
// JSON Schema payload or a value the rules say is JSON.
type JSONText struct{}

// AppendJSON appends b compacted onto one line.
func (JSONText) AppendJSON(dst, b []byte) ([]byte, string, error) {
	buf := bytes.NewBuffer(dst)
	if err := json.Compact(buf, b); err != nil {
		return dst, "", errors.New("not JSON: " + err.Error())
	}
	return buf.Bytes(), "", nil
}
