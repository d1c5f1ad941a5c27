package serde

import (
	"context"
	"os"
	"testing"

	"github.com/kscope/kscope/model"
)

const benchEvent = `{"id":123456,"user":"user-00042","kind":"CLICK","amount":12.25,"count":3,"ok":true,"note":"gift","at":1795659040278,"tags":["a","b"],"ref":"ref-123456"}`

// benchSchema is one of the 10-field schemas scripts/bench-decode.sh
// registers too.
func benchSchema(b testing.TB, name string) string {
	text, err := os.ReadFile("testdata/bench/" + name)
	if err != nil {
		b.Fatal(err)
	}
	return string(text)
}

// The 10-field records of scripts/bench-decode.sh, one core.
func BenchmarkDecodeAvro(b *testing.B) {
	a, err := ParseAvro(benchSchema(b, "event.avsc"))
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
	p, err := CompileProto(context.Background(), "e.proto", map[string]string{"e.proto": benchSchema(b, "event.proto")})
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

// BenchmarkDecodePlain is what a batch of records no format applies to
// costs the decoder: a look at each key and value.
func BenchmarkDecodePlain(b *testing.B) {
	d := NewDecoder(&Registry{}, nil, nil)
	records := make([]model.Record, 10_000)
	for i := range records {
		records[i] = model.Record{Topic: "orders", Key: []byte("key-1"), Value: []byte(`{"total":12.5,"pad":"0000000000000000"}`)}
	}
	b.ReportAllocs()
	for b.Loop() {
		d.Decode(context.Background(), records)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(records)), "ns/record")
}
