package serde

import (
	"context"
	"testing"
)

const benchProto = `syntax = "proto3";
package bench;
message Event {
  enum Kind { VIEW = 0; CLICK = 1; BUY = 2; }
  int64 id = 1;
  string user = 2;
  Kind kind = 3;
  double amount = 4;
  int32 count = 5;
  bool ok = 6;
  string note = 7;
  int64 at = 8;
  repeated string tags = 9;
  string ref = 10;
}`

const benchAvro = `{"type": "record", "name": "Event", "namespace": "bench", "fields": [
  {"name": "id", "type": "long"},
  {"name": "user", "type": "string"},
  {"name": "kind", "type": {"type": "enum", "name": "Kind", "symbols": ["VIEW", "CLICK", "BUY"]}},
  {"name": "amount", "type": "double"},
  {"name": "count", "type": "int"},
  {"name": "ok", "type": "boolean"},
  {"name": "note", "type": ["null", "string"]},
  {"name": "at", "type": {"type": "long", "logicalType": "timestamp-millis"}},
  {"name": "tags", "type": {"type": "array", "items": "string"}},
  {"name": "ref", "type": "string"}]}`

const benchEvent = `{"id":123456,"user":"user-00042","kind":"CLICK","amount":12.25,"count":3,"ok":true,"note":"gift","at":1795659040278,"tags":["a","b"],"ref":"ref-123456"}`

// The 10-field records of scripts/bench-decode.sh, one core.
func BenchmarkDecodeAvro(b *testing.B) {
	a, err := ParseAvro(benchAvro)
	if err != nil {
		b.Fatal(err)
	}
	in, err := a.EncodeJSON([]byte(benchEvent))
	if err != nil {
		b.Fatal(err)
	}
	benchDecode(b, a, in)
}

func BenchmarkDecodeProtobuf(b *testing.B) {
	p, err := CompileProto(context.Background(), "e.proto", map[string]string{"e.proto": benchProto})
	if err != nil {
		b.Fatal(err)
	}
	m, _ := p.Message("bench.Event")
	in, err := m.EncodeJSON([]byte(benchEvent))
	if err != nil {
		b.Fatal(err)
	}
	benchDecode(b, m, in)
}

func benchDecode(b *testing.B, c codec, in []byte) {
	b.ReportAllocs()
	var out []byte
	for b.Loop() {
		var err error
		if out, _, err = c.AppendJSON(out[:0], in); err != nil {
			b.Fatal(err)
		}
	}
}
