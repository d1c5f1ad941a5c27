package serde

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
)

func sameJSON(a, b []byte) bool {
	var x, y any
	return json.Unmarshal(a, &x) == nil && json.Unmarshal(b, &y) == nil && reflect.DeepEqual(x, y)
}

// FuzzDecoders feeds any bytes to every decoder: none may panic, what
// decodes is valid JSON, and it stays within the output bound.
func FuzzDecoders(f *testing.F) {
	avro := orderSchema(f)
	protos, err := LoadProtos(context.Background(), []string{"../testdata/interop/schemas"}, []string{"shipment.proto"}, nil)
	if err != nil {
		f.Fatal(err)
	}
	shipment, err := protos.Message("shop.shipping.Shipment")
	if err != nil {
		f.Fatal(err)
	}
	proto, err := shipment.EncodeJSON([]byte(`{"id":"s","parcels":[{"sku":"a","labels":[{"text":"x"}]}],"shippedAt":"2026-01-01T00:00:00Z","counts":{"a":1},"trackingCode":"t"}`))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(order(f, avro))
	f.Add(proto)
	f.Add([]byte("\x83\xa1a\x01\x01\xc3\xa1b\x92\xc0\xcb\x3f\xf8\x00\x00\x00\x00\x00\x00"))
	f.Add([]byte(`{"a":[1,2,{"b":null}]}`))
	f.Add([]byte{0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f})
	codecs := map[string]codec{"avro": avro, "protobuf": shipment, "msgpack": MessagePack{}, "json": JSONText{}}
	f.Fuzz(func(t *testing.T, b []byte) {
		// The wire walker writes what protojson writes.
		fast, _, ferr := shipment.AppendJSON(nil, b)
		slow, _, serr := shipment.slowAppend(nil, b)
		if ferr == nil && serr == nil && !sameJSON(fast, slow) {
			t.Fatalf("fast path %s\nprotojson %s\nfrom %x", fast, slow, b)
		}
		libraryFailed := serr != nil && strings.Contains(serr.Error(), "library failed")
		if (ferr == nil) != (serr == nil) && !errors.Is(ferr, errTooDeep) && !libraryFailed {
			t.Fatalf("fast path err %v, protojson err %v, from %x", ferr, serr, b)
		}
		for name, c := range codecs {
			out, _, err := c.AppendJSON(nil, b)
			if err != nil {
				continue
			}
			if !json.Valid(out) {
				t.Fatalf("%s: invalid JSON %q from %x", name, out, b)
			}
			if len(out) > outputLimit(len(b))+outputLimit(len(b))/8 {
				t.Fatalf("%s: %d bytes of JSON from %d", name, len(out), len(b))
			}
		}
	})
}
