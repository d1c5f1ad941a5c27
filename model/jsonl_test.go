package model

import (
	"encoding/base64"
	"encoding/json"
	"testing"
	"time"
)

// jsonLine is what a script reading `kscope tail -o json` decodes.
type jsonLine struct {
	Topic         string  `json:"topic"`
	Partition     int32   `json:"partition"`
	Offset        int64   `json:"offset"`
	Timestamp     string  `json:"timestamp"`
	Key           *string `json:"key"`
	KeyEncoding   string  `json:"key_encoding"`
	Value         *string `json:"value"`
	ValueEncoding string  `json:"value_encoding"`
	Headers       []struct {
		Key           string  `json:"key"`
		Value         *string `json:"value"`
		ValueEncoding string  `json:"value_encoding"`
	} `json:"headers"`
}

// decoded undoes a field's encoding: nil for null, else its bytes.
func decoded(t *testing.T, s *string, encoding string) []byte {
	t.Helper()
	if s == nil {
		return nil
	}
	if encoding == "base64" {
		b, err := base64.StdEncoding.DecodeString(*s)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	return []byte(*s)
}

func TestAppendJSONLine(t *testing.T) {
	r := &Record{
		Topic: "orders", Partition: 3, Offset: 42,
		Timestamp: time.Date(2026, 11, 25, 9, 30, 0, 120_000_000, time.FixedZone("CET", 3600)),
		Key:       []byte("k\"\\\n\x01é"),
		Value:     nil,
		Headers:   []Header{{Key: "h", Value: []byte{0xff}}, {Key: "h", Value: []byte("2")}, {Key: "n", Value: nil}},
	}
	got := string(AppendJSONLine(nil, r))
	want := `{"topic":"orders","partition":3,"offset":42,"timestamp":"2026-11-25T08:30:00.120000000Z",` +
		`"key":"k\"\\\n\u0001é","value":null,"headers":[{"key":"h","value":"/w==","value_encoding":"base64"},` +
		`{"key":"h","value":"2"},{"key":"n","value":null}]}` + "\n"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// Whatever the bytes, encoding/json reads back exactly what was written.
func FuzzAppendJSONLine(f *testing.F) {
	f.Add([]byte("key"), []byte(`{"a":1}`), []byte("h"), false)
	f.Add([]byte{0xff}, []byte{}, []byte{0, 1}, true)
	f.Add([]byte("\u2028\x7f\x1b"), []byte("日本"), []byte(nil), false)
	f.Fuzz(func(t *testing.T, key, value, header []byte, nullKey bool) {
		if nullKey {
			key = nil
		}
		r := &Record{Topic: "t", Key: key, Value: value, Headers: []Header{{Key: "h", Value: header}}}
		line := AppendJSONLine(nil, r)
		var back jsonLine
		if err := json.Unmarshal(line, &back); err != nil {
			t.Fatalf("%q is not JSON: %v", line, err)
		}
		if got := decoded(t, back.Key, back.KeyEncoding); string(got) != string(key) || (got == nil) != (key == nil) {
			t.Fatalf("key %q came back as %q", key, got)
		}
		if got := decoded(t, back.Value, back.ValueEncoding); string(got) != string(value) || (got == nil) != (value == nil) {
			t.Fatalf("value %q came back as %q", value, got)
		}
		h := back.Headers[0]
		if got := decoded(t, h.Value, h.ValueEncoding); string(got) != string(header) || (got == nil) != (header == nil) {
			t.Fatalf("header %q came back as %q", header, got)
		}
	})
}

func BenchmarkAppendJSONLine(b *testing.B) {
	r := &Record{Topic: "bench", Partition: 7, Offset: 123456789, Timestamp: time.Now(),
		Key: []byte("key-000123"), Value: []byte(`{"order_id":"ord-0000042","customer_id":"cus-0123","status":"created","items":[{"sku":"SKU-00127","qty":3,"unit_price":51.15}],"total":153.45,"currency":"EUR","created_at":"2026-11-25T00:43:43Z"}`)}
	buf := make([]byte, 0, 1024)
	b.SetBytes(int64(len(r.Value)))
	b.ReportAllocs()
	for b.Loop() {
		buf = AppendJSONLine(buf[:0], r)
	}
}
