package serde

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/sr"
	"google.golang.org/protobuf/encoding/protowire"
)

// fakeRegistry serves schemas by id, counting the requests it gets.
type fakeRegistry struct {
	schemas map[int]sr.Schema
	// usages are the subjects and versions each id is registered as,
	// answered in the order given.
	usages   map[int][]sr.SubjectVersion
	latest   map[string]int // each subject's latest id
	requests atomic.Int32
	hang     chan struct{} // when set, every request waits on it
}

func (f *fakeRegistry) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.requests.Add(1)
	if f.hang != nil {
		select {
		case <-f.hang:
		case <-r.Context().Done():
		}
		return
	}
	if subject, ok := strings.CutPrefix(r.URL.Path, "/subjects/"); ok {
		subject = strings.TrimSuffix(subject, "/versions/latest")
		if id, ok := f.latest[subject]; ok {
			json.NewEncoder(w).Encode(sr.SubjectSchema{Subject: subject, Version: 1, ID: id, Schema: f.schemas[id]})
			return
		}
	}
	var id int
	if _, err := fmt.Sscanf(r.URL.Path, "/schemas/ids/%d", &id); err == nil && strings.HasSuffix(r.URL.Path, "/versions") && f.usages[id] != nil {
		json.NewEncoder(w).Encode(f.usages[id])
		return
	}
	if _, err := fmt.Sscanf(r.URL.Path, "/schemas/ids/%d", &id); err == nil && !strings.HasSuffix(r.URL.Path, "/versions") {
		if s, ok := f.schemas[id]; ok {
			json.NewEncoder(w).Encode(s)
			return
		}
	}
	w.WriteHeader(http.StatusNotFound)
	json.NewEncoder(w).Encode(map[string]any{"error_code": 40403, "message": "Schema not found"})
}

// serve answers with f, within timeout: generous for answers, short only
// where the test is of a registry that does not answer.
func serve(t *testing.T, f *fakeRegistry, timeout time.Duration) *Registry {
	t.Helper()
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	r, err := NewRegistry(RegistryConfig{URL: srv.URL, Timeout: timeout})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func frame(id int, index []int, payload []byte) []byte {
	var h sr.ConfluentHeader
	b, _ := h.AppendEncode(nil, id, index)
	return append(b, payload...)
}

const nodeProto = `syntax = "proto3"; package t; message Node { Node child = 1; string name = 2; }`

// nested is a Node holding depth Nodes, the innermost named "leaf".
func nested(depth int) []byte {
	b := protowire.AppendTag(nil, 2, protowire.BytesType)
	b = protowire.AppendString(b, "leaf")
	for range depth {
		outer := protowire.AppendTag(nil, 1, protowire.BytesType)
		b = protowire.AppendBytes(outer, b)
	}
	return b
}

func TestHostileValuesGetNotesNotPanics(t *testing.T) {
	f := &fakeRegistry{schemas: map[int]sr.Schema{
		1: {Schema: nodeProto, Type: sr.TypeProtobuf},
		2: {Schema: `{"type":"array","items":"null"}`},
		3: {Schema: `{"type":"record","name":"R","fields":[{"name":"a","type":"long"}]}`},
		4: {Schema: `not a schema`},
	}}
	reg := serve(t, f, time.Minute)
	ctx := context.Background()
	for _, c := range []struct {
		name, want string
		value      []byte
	}{
		{"unknown id", "schema 99: the registry at", frame(99, nil, []byte{2})},
		{"protobuf 150 deep", "schema 1 (PROTOBUF)", frame(1, []int{0}, nested(150))},
		{"a message index past the file", "no message there", frame(1, []int{3}, nil)},
		{"a huge avro array of nulls", "output limit", frame(2, nil, []byte{0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f})},
		{"bytes that do not match the schema", "left over", frame(3, nil, []byte{2, 2, 2})},
		{"a truncated value", "ends early", frame(3, nil, []byte{0x80})},
		{"a schema that does not parse", "schema 4", frame(4, nil, []byte{2})},
	} {
		d := reg.Decode(ctx, c.value)
		if d.OK() || !strings.Contains(d.Note, c.want) {
			t.Errorf("%s: decoded %s, note %q, want a note with %q", c.name, d.JSON, d.Note, c.want)
		}
	}
	d := reg.Decode(ctx, frame(1, []int{0}, nested(50)))
	if !d.OK() || strings.Count(string(d.JSON), "child") != 50 || !strings.Contains(string(d.JSON), `"leaf"`) {
		t.Errorf("50 deep: %s, note %q", d.JSON, d.Note)
	}
	before := f.requests.Load()
	reg.Decode(ctx, frame(99, nil, []byte{2}))
	if f.requests.Load() != before {
		t.Error("an unknown id was asked for again at once")
	}
}

func TestARegistryThatHangsCostsOneTimeout(t *testing.T) {
	f := &fakeRegistry{hang: make(chan struct{})}
	reg := serve(t, f, 2*time.Second)
	t.Cleanup(func() { close(f.hang) })
	start := time.Now()
	d := reg.Decode(context.Background(), frame(7, nil, []byte{2}))
	if d.OK() || !strings.Contains(d.Note, "did not answer within 2s") {
		t.Errorf("note %q", d.Note)
	}
	// The failure is remembered, for that id and for others: the
	// registry is taken for down, and the next records are not held up.
	for i := range 100 {
		reg.Decode(context.Background(), frame(7+i%5, nil, []byte{2}))
	}
	if n := f.requests.Load(); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
	if time.Since(start) > time.Minute {
		t.Errorf("took %s", time.Since(start))
	}
}

func TestADownRegistryIsNamed(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	srv.Close()
	reg, err := NewRegistry(RegistryConfig{URL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	d := reg.Decode(context.Background(), frame(1, nil, []byte{2}))
	if d.OK() || !strings.Contains(d.Note, "the registry at "+srv.URL) || d.Schema == nil || d.Schema.ID != 1 {
		t.Errorf("%+v", d)
	}
}

func TestMessagePackBoundsWhatHeadersClaim(t *testing.T) {
	deep := strings.Repeat("\x91", 500) + "\x01"
	for name, in := range map[string]string{
		"array32 of four billion": "\xdd\xff\xff\xff\xff\x01",
		"map32 of four billion":   "\xdf\xff\xff\xff\xff\x01\x01",
		"500 deep":                deep,
		"a string longer than it": "\xdb\xff\xff\xff\xffabc",
		"bytes longer than them":  "\xc6\xffR#\x85\x9c00",
		"an extension too":        "\xc9\xff\xff\xff\xf0\x01abc",
		"a key longer than it":    "\x81\xdb\xff\xff\xff\xffabc",
		"left over":               "\x01\x02",
	} {
		// What a header claims is checked against what follows it
		// before anything is allocated for it.
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		out, _, err := (MessagePack{}).AppendJSON(nil, []byte(in))
		runtime.ReadMemStats(&after)
		if err == nil {
			t.Errorf("%s: decoded %s", name, out)
		}
		if grew := after.TotalAlloc - before.TotalAlloc; grew > 1<<20 {
			t.Errorf("%s: allocated %d MB", name, grew>>20)
		}
	}
	out, _, err := (MessagePack{}).AppendJSON(nil, []byte("\x83\xa1a\x01\x01\xc3\xa1b\x92\xc0\xcb\x3f\xf8\x00\x00\x00\x00\x00\x00"))
	if err != nil || string(out) != `{"a":1,"1":true,"b":[null,1.5]}` {
		t.Errorf("got %s, %v", out, err)
	}
}

func TestAHugeRegistryAnswerIsRefused(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Write([]byte(`{"schema":"`))
		chunk := []byte(strings.Repeat("x", 1<<20))
		for range 64 {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	}))
	t.Cleanup(srv.Close)
	reg, err := NewRegistry(RegistryConfig{URL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	d := reg.Decode(context.Background(), frame(1, nil, []byte{2}))
	if d.OK() || !strings.Contains(d.Note, "larger than 16 MB") {
		t.Errorf("note %q", d.Note)
	}
}

// While the registry is down, each record's note names its own schema id
// and no other, and a note is one bounded line however long the cause.
func TestNotesNameTheirOwnSchema(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Write([]byte(`{"schema":"`))
		w.Write([]byte(strings.Repeat("x", 17<<20)))
	}))
	t.Cleanup(srv.Close)
	reg, err := NewRegistry(RegistryConfig{URL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []int{7, 9, 4242} {
		d := reg.Decode(context.Background(), frame(id, nil, []byte{2}))
		if !strings.HasPrefix(d.Note, fmt.Sprintf("schema %d: ", id)) || strings.Contains(d.Note, "/ids/") || d.Schema == nil || d.Schema.ID != id {
			t.Errorf("id %d: note %q", id, d.Note)
		}
	}
	deep := `{"type":"record","name":"r","fields":[` + strings.Repeat(`{"name":"f","type":{"type":"record","name":"r`, 5000)
	d := (&Registry{}).noteOf(deep)
	if len(d) > maxNote+len("…") {
		t.Errorf("a note of %d bytes", len(d))
	}
}

// An id registered under several subjects is named by the record's own
// topic's subject where it is one of them, else by the first in order:
// the same every run, whatever order the registry lists them in.
func TestASharedSchemaNamesTheTopicsOwnSubject(t *testing.T) {
	avro := sr.Schema{Schema: `{"type":"record","name":"R","fields":[{"name":"n","type":"long"}]}`}
	for _, order := range [][]sr.SubjectVersion{
		{{Subject: "zeta-value", Version: 3}, {Subject: "orders-value", Version: 2}, {Subject: "alpha-value", Version: 1}},
		{{Subject: "alpha-value", Version: 1}, {Subject: "orders-value", Version: 2}, {Subject: "zeta-value", Version: 3}},
	} {
		reg := serve(t, &fakeRegistry{schemas: map[int]sr.Schema{5: avro}, usages: map[int][]sr.SubjectVersion{5: order}}, 10*time.Second)
		ctx := context.Background()
		if d := reg.DecodeFor(ctx, frame(5, nil, []byte{2}), "orders-value"); !d.OK() || d.Schema.Subject != "orders-value" || d.Schema.Version != 2 {
			t.Errorf("for orders: %+v %+v", d, d.Schema)
		}
		if d := reg.DecodeFor(ctx, frame(5, nil, []byte{2}), "payments-value"); d.Schema.Subject != "alpha-value" || d.Schema.Version != 1 {
			t.Errorf("for payments: %+v", d.Schema)
		}
	}
}

// An Encoder asks the registry for its schema once, however many records
// it writes: produce --schema asked for the subject's latest version for
// every record.
func TestAnEncoderAsksTheRegistryOnce(t *testing.T) {
	f := &fakeRegistry{schemas: map[int]sr.Schema{7: {Schema: `{"type":"record","name":"R","fields":[{"name":"n","type":"long"}]}`}},
		latest: map[string]int{"orders-value": 7}}
	r := serve(t, f, time.Minute)
	e, err := r.Encoder(context.Background(), "orders-value", "")
	if err != nil {
		t.Fatal(err)
	}
	asked := f.requests.Load()
	for i := range 100 {
		b, err := e.Encode(fmt.Appendf(nil, `{"n":%d}`, i))
		if err != nil || len(b) < 6 || b[0] != 0 || b[4] != 7 {
			t.Fatalf("record %d: %x, %v", i, b, err)
		}
	}
	if f.requests.Load() != asked || asked > 3 {
		t.Errorf("%d requests to resolve the schema, %d more for 100 records", asked, f.requests.Load()-asked)
	}
}

// Whatever writes a decoding, what a terminal acts on (a bidi override,
// a C1 control) comes out escaped: the wire walkers write strings through
// the escaper, and JSON as sent and protojson's output are made safe.
func TestEveryCodecEscapesWhatATerminalActsOn(t *testing.T) {
	const nasty = "a\u202eb\u0085c"
	p, err := CompileProto(context.Background(), "w.proto", map[string]string{"w.proto": `syntax = "proto3"; package w;
import "google/protobuf/wrappers.proto";
message W { google.protobuf.StringValue wrapped = 1; string plain = 2; }`})
	if err != nil {
		t.Fatal(err)
	}
	w, _ := p.Message("w.W")
	pb, err := w.EncodeJSON([]byte(`{"wrapped":"` + nasty + `","plain":"` + nasty + `"}`))
	if err != nil {
		t.Fatal(err)
	}
	mp := append([]byte{0xa0 | byte(len(nasty))}, nasty...) // a MessagePack fixstr
	for name, c := range map[string]struct {
		codec codec
		in    []byte
	}{
		"json":     {JSONText{}, []byte(`{"s":"` + nasty + `"}`)},
		"msgpack":  {MessagePack{}, mp},
		"protobuf": {w, pb},
	} {
		out, _, err := c.codec.AppendJSON(nil, c.in)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if strings.ContainsAny(string(out), "\u202e\u0085") || strings.Count(string(out), `\u202e`) == 0 {
			t.Errorf("%s wrote %s", name, out)
		}
	}
}
