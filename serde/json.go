package serde

import (
	"bytes"
	"encoding/json"
	"errors"

	"github.com/kscope/kscope/model"
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
	return model.JSONSafe(buf.Bytes(), len(dst)), "", nil // JSON as sent may hold what a terminal acts on
}
