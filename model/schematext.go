package model

import (
	"bytes"
	"encoding/json"
	"strings"
)

// SchemaLines is a schema's text laid out to read: Avro and JSON Schema
// indented, Protobuf as written. Each line is terminal-safe.
func SchemaLines(v SchemaVersion) []string {
	text := v.Text
	if v.Type != "PROTOBUF" {
		var out bytes.Buffer
		if json.Indent(&out, []byte(text), "", "  ") == nil {
			text = out.String()
		}
	}
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	for i, l := range lines {
		lines[i] = Sanitize(strings.ReplaceAll(l, "\t", "  "))
	}
	return lines
}
