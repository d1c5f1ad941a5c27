package serde

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kscope/kscope/model"
)

func TestRulesPickTheFormatByTopic(t *testing.T) {
	avsc, _ := os.ReadFile("testdata/order.avsc")
	schema, err := ParseAvro(string(avsc))
	if err != nil {
		t.Fatal(err)
	}
	d := NewDecoder(nil, nil, []Rule{
		{Topics: "orders.*", Value: Format{Kind: "avro", Avro: schema}},
		{Topics: "telemetry", Key: Format{Kind: "json"}, Value: Format{Kind: "msgpack"}},
		{Topics: "logs", Value: Format{Kind: "raw"}},
	})
	records := []model.Record{
		{Topic: "orders.eu", Value: order(t, schema)},
		{Topic: "telemetry", Key: []byte(`{ "device" : 7 }`), Value: []byte("\x81\xa1t\xcb\x40\x09\x21\xf9\xf0\x1b\x86\x6e")},
		{Topic: "telemetry", Key: []byte("not json"), Value: nil},
		{Topic: "logs", Value: []byte("\x00\x00\x00\x00\x01 looks framed")},
		{Topic: "other", Value: []byte(`{"a":1}`)},
	}
	d.Decode(context.Background(), records)
	want := []struct{ key, value string }{
		{"", `{"id":42,"customer":"cus-\u202e7"`},
		{`{"device":7}`, `{"t":3.14159}`},
		{"note: not json: not JSON: invalid character 'o' in literal null (expecting 'u')", ""},
		{"", ""},
		{"", ""},
	}
	for i, w := range want {
		r := records[i]
		if got := shownOf(r.DecodedKey); !strings.HasPrefix(got, w.key) || (w.key == "") != (r.DecodedKey == nil) {
			t.Errorf("%d key: %q, want %q", i, got, w.key)
		}
		if got := shownOf(r.DecodedValue); !strings.HasPrefix(got, w.value) || (w.value == "") != (r.DecodedValue == nil) {
			t.Errorf("%d value: %q, want %q", i, got, w.value)
		}
	}
	if v := records[0].DecodedValue; v.Format != "avro" || v.Name != "shop.Order" || v.Schema != nil {
		t.Errorf("avro from a file: %+v", v)
	}
}

func shownOf(d *model.Decoded) string {
	switch {
	case d == nil:
		return ""
	case d.OK():
		return string(d.JSON)
	}
	return "note: " + d.Note
}

// A batch large enough is decoded on several goroutines, each record
// exactly once and in place.
func TestLargeBatchesDecodeInParallel(t *testing.T) {
	avsc, _ := os.ReadFile(filepath.Join("testdata", "order.avsc"))
	schema, _ := ParseAvro(string(avsc))
	d := NewDecoder(nil, nil, []Rule{{Topics: "o", Value: Format{Kind: "avro", Avro: schema}}})
	records := make([]model.Record, 5000)
	for i := range records {
		records[i] = model.Record{Topic: "o", Value: order(t, schema), Offset: int64(i)}
	}
	d.Decode(context.Background(), records)
	for i, r := range records {
		if !r.DecodedValue.OK() || r.Offset != int64(i) {
			t.Fatalf("record %d: %+v", i, r.DecodedValue)
		}
	}
}

// Preferring a rule for a topic again replaces the one before: the rules
// do not grow with each choice.
func TestPreferReplacesTheTopicsRule(t *testing.T) {
	d := NewDecoder(nil, nil, []Rule{{Topics: "logs.*", Value: Format{Kind: "json"}}})
	for range 5 {
		d.Prefer(Rule{Topics: "orders", Value: Format{Kind: "msgpack"}})
	}
	d.Prefer(Rule{Topics: "orders", Value: Format{Kind: "json"}})
	if len(d.rules) != 2 || d.rules[0].Topics != "orders" || d.rules[0].Value.Kind != "json" || d.rules[1].Topics != "logs.*" {
		t.Errorf("rules %+v", d.rules)
	}
}

// Records of no format and not framed for a registry (most records of
// most topics) cost the decoder a look, never an allocation: a tail of
// plain JSON lines ran a tenth slower for building subjects and notes
// it then threw away. What a batch allocates once does not grow with it.
func TestPlainRecordsCostNoAllocation(t *testing.T) {
	d := NewDecoder(&Registry{}, nil, []Rule{{Topics: "other", Value: Format{Kind: "json"}}})
	allocs := func(n int) float64 { // fewer than are spread over the cores
		records := make([]model.Record, n)
		for i := range records {
			records[i] = model.Record{Topic: "orders", Key: []byte("k"), Value: []byte(`{"total":12.5}`)}
		}
		got := testing.AllocsPerRun(20, func() { d.Decode(context.Background(), records) })
		if records[0].DecodedValue != nil || records[0].DecodedKey != nil {
			t.Errorf("decoded %+v", records[0].DecodedValue)
		}
		return got
	}
	if few, more := allocs(10), allocs(200); more > few {
		t.Errorf("%.0f allocations for 10 records, %.0f for 200", few, more)
	}
}

// The decodings of a batch come from shared allocations, but none
// reaches into another: appending to one record's JSON (as a front end
// may, to print it) leaves the next one's as it was.
func TestDecodingsOfABatchHoldOnlyTheirOwn(t *testing.T) {
	d := NewDecoder(nil, nil, []Rule{{Topics: "t", Value: Format{Kind: "json"}}})
	records := make([]model.Record, 300) // more decodings than a slab chunk holds
	for i := range records {
		records[i] = model.Record{Topic: "t", Value: fmt.Appendf(nil, `{"n": %d}`, i)}
	}
	d.Decode(context.Background(), records[:100])
	d.Decode(context.Background(), records[100:])
	for i := range records {
		_ = append(records[i].DecodedValue.JSON, "garbage"...)
	}
	for i, r := range records {
		if want := fmt.Sprintf(`{"n":%d}`, i); string(r.DecodedValue.JSON) != want {
			t.Fatalf("record %d: %s, want %s", i, r.DecodedValue.JSON, want)
		}
		if i > 0 && r.DecodedValue == records[i-1].DecodedValue {
			t.Fatalf("records %d and %d share a decoding", i-1, i)
		}
	}
}
