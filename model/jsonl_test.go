package model

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// jsonLine is what a script reading `kscope tail -o json` decodes.
type jsonLine struct {
	Topic         string  `json:"topic"`
	Partition     int32   `json:"partition"`
	Offset        int64   `json:"offset"`
	Timestamp     string  `json:"timestamp"`
	TimestampMs   int64   `json:"timestamp_ms"`
	Key           *string `json:"key"`
	KeyEncoding   string  `json:"key_encoding"`
	Value         *string `json:"value"`
	ValueEncoding string  `json:"value_encoding"`
	Headers       []struct {
		Key           string  `json:"key"`
		KeyEncoding   string  `json:"key_encoding"`
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
		Timestamp: time.Date(2026, 11, 25, 9, 30, 0, 120_000_000, time.FixedZone("CET", 3600)).UnixMilli(),
		Key:       []byte("k\"\\\n\x01é"),
		Value:     nil,
		Headers:   []Header{{Key: "h", Value: []byte{0xff}}, {Key: "h", Value: []byte("2")}, {Key: "n", Value: nil}},
	}
	got := string(AppendJSONLine(nil, r))
	want := `{"topic":"orders","partition":3,"offset":42,"timestamp":"2026-11-25T08:30:00.120000000Z",` +
		`"timestamp_ms":1795595400120,"timestamp_type":"create_time",` +
		`"key":"k\"\\\n\u0001é","value":null,"headers":[{"key":"h","value":"/w==","value_encoding":"base64"},` +
		`{"key":"h","value":"2"},{"key":"n","value":null}]}` + "\n"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// Whatever the bytes, encoding/json reads back exactly what was written.
func FuzzAppendJSONLine(f *testing.F) {
	f.Add([]byte("key"), []byte(`{"a":1}`), "h", []byte("h"), false)
	f.Add([]byte{0xff}, []byte{}, "\xff\xfe", []byte{0, 1}, true)
	f.Add([]byte("\u2028\x7f\x1b"), []byte("日本"), "\x00", []byte(nil), false)
	f.Add([]byte{0xc3}, []byte{0x80, 0xff}, "ok", []byte{0xe2, 0x80}, false)
	// Binary keys, not null, beside text and JSON values: each part is
	// flagged by its own encoding field.
	f.Add([]byte{0, 1, 2, 0xff}, []byte("plain text"), "h", []byte("v"), false)
	f.Add([]byte{0x80, 0x00}, []byte(`{"a":1}`), "bin", []byte{0xff}, false)
	f.Fuzz(func(t *testing.T, key, value []byte, headerKey string, header []byte, nullKey bool) {
		if nullKey {
			key = nil
		}
		r := &Record{Topic: "t", Key: key, Value: value, Headers: []Header{{Key: headerKey, Value: header}}}
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
		if got := decoded(t, &h.Key, h.KeyEncoding); string(got) != headerKey {
			t.Fatalf("header key %q came back as %q", headerKey, got)
		}
		if got := decoded(t, h.Value, h.ValueEncoding); string(got) != string(header) || (got == nil) != (header == nil) {
			t.Fatalf("header %q came back as %q", header, got)
		}
	})
}

func BenchmarkAppendJSONLine(b *testing.B) {
	r := &Record{Topic: "bench", Partition: 7, Offset: 123456789, Timestamp: time.Now().UnixMilli(),
		Key: []byte("key-000123"), Value: []byte(`{"order_id":"ord-0000042","customer_id":"cus-0123","status":"created","items":[{"sku":"SKU-00127","qty":3,"unit_price":51.15}],"total":153.45,"currency":"EUR","created_at":"2026-11-25T00:43:43Z"}`)}
	buf := make([]byte, 0, 1024)
	b.SetBytes(int64(len(r.Value)))
	b.ReportAllocs()
	for b.Loop() {
		buf = AppendJSONLine(buf[:0], r)
	}
}

// A binary key is flagged by key_encoding, never value_encoding: a text
// value beside it stays text.
func TestBinaryKeyIsFlaggedAsTheKey(t *testing.T) {
	line := string(AppendJSONLine(nil, &Record{Topic: "t", Key: []byte{0, 1, 0xff}, Value: []byte("text")}))
	if !strings.Contains(line, `"key":"AAH/","key_encoding":"base64"`) || strings.Contains(line, "value_encoding") ||
		!strings.Contains(line, `"value":"text"`) {
		t.Errorf("line %s", line)
	}
}

func TestJSONTimestampsAreExactMilliseconds(t *testing.T) {
	for _, tt := range []struct {
		ms   int64
		want string
	}{
		{253_402_300_799_999, "9999-12-31T23:59:59.999000000Z"}, // kgo's time.Time made this 1816-03-30
		{-11_676_096_000_000, "1600-01-01T00:00:00.000000000Z"},
		{-1, "1969-12-31T23:59:59.999000000Z"},
	} {
		var back jsonLine
		line := AppendJSONLine(nil, &Record{Topic: "t", Timestamp: tt.ms, LogAppendTime: true})
		if err := json.Unmarshal(line, &back); err != nil {
			t.Fatal(err)
		}
		if back.Timestamp != tt.want || back.TimestampMs != tt.ms {
			t.Errorf("%d ms: timestamp %s (%d ms), want %s", tt.ms, back.Timestamp, back.TimestampMs, tt.want)
		}
		if !strings.Contains(string(line), `"timestamp_type":"log_append_time"`) {
			t.Errorf("no timestamp type in %s", line)
		}
	}
}

func TestJSONHeaderKeysThatAreNotUTF8AreBase64(t *testing.T) {
	line := AppendJSONLine(nil, &Record{Topic: "t", Headers: []Header{{Key: "\xff\xfeid", Value: []byte("v")}}})
	var back jsonLine
	if err := json.Unmarshal(line, &back); err != nil {
		t.Fatalf("%s is not JSON: %v", line, err)
	}
	if h := back.Headers[0]; h.KeyEncoding != "base64" || string(decoded(t, &h.Key, h.KeyEncoding)) != "\xff\xfeid" {
		t.Errorf("header key came back as %+v", h)
	}
}

// What JSON allows raw but a terminal may act on (C1 CSI, bidi overrides,
// line separators, format characters past the BMP) is written as \u
// escapes: the same JSON, nothing for a terminal to run.
func TestJSONLinesEscapeWhatTerminalsActOn(t *testing.T) {
	r := &Record{Topic: "t\u009b\u202e", Key: []byte("k\u2028é"), Value: []byte("v\U000E0001日本")}
	line := AppendJSONLine([]byte("prefix "), r)
	if !strings.HasPrefix(string(line), "prefix ") {
		t.Fatalf("the buffer's start was lost: %q", line)
	}
	for _, bad := range []string{"\u009b", "\u202e", "\u2028", "\U000E0001"} {
		if strings.Contains(string(line), bad) {
			t.Errorf("%q is raw in %s", bad, line)
		}
	}
	var back jsonLine
	if err := json.Unmarshal(line[len("prefix "):], &back); err != nil || *back.Key != "k\u2028é" || *back.Value != "v\U000E0001日本" {
		t.Errorf("read back %v: key %q value %q", err, *back.Key, *back.Value)
	}
}

// Escaping what terminals act on costs each such character its escape,
// not a copy of the line: a value full of zero-width spaces once took
// 47 s to write as JSON (600 KB), now nothing is allocated into a buffer
// that fits.
func TestJSONEscapesDoNotCopyTheLine(t *testing.T) {
	r := &Record{Topic: "t", Value: []byte(strings.Repeat("a\u200b", 2000))}
	buf := make([]byte, 0, 64<<10)
	if n := testing.AllocsPerRun(10, func() { buf = AppendJSONLine(buf[:0], r) }); n > 0 {
		t.Errorf("%v allocations a line", n)
	}
	if !strings.Contains(string(buf), `a\u200ba\u200b`) {
		t.Errorf("not escaped: %.80s", buf)
	}
}

// A timestamp of -1 is said to be ambiguous, not shown as a date of 1969
// without a word: Long.MAX_VALUE reads as -1 through the client.
func TestAnAmbiguousTimestampIsMarked(t *testing.T) {
	line := AppendJSONLine(nil, &Record{Topic: "t", Timestamp: -1, Value: []byte("v")})
	if !bytes.Contains(line, []byte(`"timestamp_ms":-1,"timestamp_type":"create_time","timestamp_note":"-1: no timestamp, or one too far from 1970 to read exactly, such as Long.MAX_VALUE (9223372036854775807)"`)) {
		t.Errorf("%s", line)
	}
	if bytes.Contains(AppendJSONLine(nil, &Record{Topic: "t", Timestamp: 0}), []byte("timestamp_note")) {
		t.Error("a plain timestamp got a note")
	}
	if _, err := ParseJSONLine(line); err != nil {
		t.Errorf("read back: %v", err)
	}
}

// The eight-bytes-at-a-time scan finds what needs escaping or checking
// wherever it falls in or across a word: every byte value and the
// multi-byte characters a terminal acts on, at every position, come back
// as they went in, escaped, and a value that is not UTF-8 is said to be.
func TestJSONStringLooksAtEveryByteWhereverItFalls(t *testing.T) {
	var inserts []string
	for b := range 256 {
		inserts = append(inserts, string([]byte{byte(b)}))
	}
	inserts = append(inserts, "é", "\u2028", "\u202e", "\u0085", "日本", "\U0001F600", "\xe2\x80", "\xed\xa0\x80", "\uFFFD")
	for _, ins := range inserts {
		for pos := range 24 {
			s := strings.Repeat("a", pos) + ins + strings.Repeat("b", 24-pos)
			out, valid := appendJSONString(nil, []byte(s))
			if valid != utf8.ValidString(s) {
				t.Fatalf("%q: said valid %v", s, valid)
			}
			if !valid {
				continue
			}
			var back string
			if err := json.Unmarshal(out, &back); err != nil || back != s {
				t.Fatalf("%q was written %s, which reads back as %q (%v)", s, out, back, err)
			}
			for _, r := range string(out) {
				if r < 0x20 || terminalActs(r) {
					t.Fatalf("%q was written %s: %U is raw", s, out, r)
				}
			}
		}
	}
}

func BenchmarkAppendJSONLineDecoded(b *testing.B) {
	schema := &Schema{ID: 3, Subject: "bench-avro-value", Version: 1, Type: "AVRO"}
	r := &Record{Topic: "bench-avro", Partition: 0, Offset: 123456, Timestamp: time.Now().UnixMilli(),
		Value: []byte("\x00\x00\x00\x00\x03binary"),
		DecodedValue: &Decoded{Format: "avro", Name: "bench.Event", Schema: schema,
			JSON: []byte(`{"id":7,"user":"user-00007","kind":"CLICK","amount":7.25,"count":0,"ok":true,"note":null,"at":"2026-11-25T06:40:00.123Z","tags":["a","b"],"ref":"ref-7"}`)}}
	buf := make([]byte, 0, 1024)
	b.ReportAllocs()
	for b.Loop() {
		buf = AppendJSONLine(buf[:0], r)
	}
}

// BenchmarkAppendJSONLinePlain is a record of scripts/bench-tail.sh: 200
// bytes that need no escape.
func BenchmarkAppendJSONLinePlain(b *testing.B) {
	r := &Record{Topic: "bench", Partition: 7, Offset: 123456789, Timestamp: time.Now().UnixMilli(),
		Value: []byte(strings.Repeat("0", 190) + "1234567890")}
	buf := make([]byte, 0, 1024)
	b.SetBytes(int64(len(r.Value)))
	b.ReportAllocs()
	for b.Loop() {
		buf = AppendJSONLine(buf[:0], r)
	}
}
