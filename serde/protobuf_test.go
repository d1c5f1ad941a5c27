package serde

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protodesc"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/descriptorpb"
)

const schemas = "../testdata/interop/schemas"

func TestLocalProtosDecodeByMessageName(t *testing.T) {
	p, err := LoadProtos(context.Background(), []string{schemas}, []string{"shipment.proto"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	names := p.Messages()
	for _, want := range []string{"shop.shipping.Shipment", "shop.shipping.Shipment.Parcel.Label", "shop.common.Money"} {
		if !slices.Contains(names, want) {
			t.Errorf("messages %v lack %s", names, want)
		}
	}
	m, err := p.Message("shop.shipping.Shipment")
	if err != nil {
		t.Fatal(err)
	}
	in := `{"id":"s 1","carrier":"UPS","shippedAt":"2026-01-01T00:00:00Z","cost":{"currency":"EUR","units":"3"},"big":"-5","pickupPoint":"7"}`
	b, err := m.EncodeJSON([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	out, note, err := m.AppendJSON(nil, b)
	if err != nil || note != "" || string(out) != in {
		t.Errorf("got %s, note %q, err %v\nwant %s", out, note, err, in)
	}
	if got := m.indexOf(); !slices.Equal(got, []int{1}) {
		t.Errorf("index %v", got)
	}
	label, _ := p.Message("shop.shipping.Shipment.Parcel.Label")
	if got := label.indexOf(); !slices.Equal(got, []int{1, 0, 0}) {
		t.Errorf("label index %v", got)
	}
	if _, err := p.Message("shop.Nope"); err == nil {
		t.Error("found a message that is not there")
	}
}

func TestFieldsTheSchemaDoesNotKnowAreNoted(t *testing.T) {
	p, err := LoadProtos(context.Background(), []string{schemas}, []string{"shipment.proto"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ship, _ := p.Message("shop.shipping.Shipment")
	addr, _ := p.Message("shop.shipping.Address")
	b, _ := ship.EncodeJSON([]byte(`{"id":"x","carrier":"DHL","fragile":true}`))
	out, note, err := addr.AppendJSON(nil, b)
	if err != nil || !strings.Contains(note, "2 fields not in shop.shipping.Address") {
		t.Errorf("got %s, note %q, err %v", out, note, err)
	}
}

func TestDescriptorSetsLoad(t *testing.T) {
	compiled, err := LoadProtos(context.Background(), []string{schemas}, []string{"shipment.proto"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var set descriptorpb.FileDescriptorSet
	compiled.files.RangeFiles(func(f protoreflect.FileDescriptor) bool {
		set.File = append(set.File, protodesc.ToFileDescriptorProto(f))
		return true
	})
	b, _ := proto.Marshal(&set)
	path := filepath.Join(t.TempDir(), "all.pb")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	p, err := LoadProtos(context.Background(), nil, nil, []string{path})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Message("shop.shipping.Shipment.Parcel"); err != nil {
		t.Error(err)
	}
}

func TestSqueezeKeepsStrings(t *testing.T) {
	in := `{"a": "x \" y", "b":[1, 2], "c\\": " "}`
	if got := string(squeeze([]byte(in))); got != `{"a":"x \" y","b":[1,2],"c\\":" "}` {
		t.Errorf("got %s", got)
	}
}

// kscope produce --schema writes a message's fields in number order, as
// generated code and Confluent's serializers do, and the same JSON as the
// same bytes every time.
func TestProtoEncodesFieldsInNumberOrder(t *testing.T) {
	p, err := CompileProto(context.Background(), "e.proto", map[string]string{"e.proto": benchSchema(t, "event.proto")})
	if err != nil {
		t.Fatal(err)
	}
	m, _ := p.Message("bench.Event")
	first, err := m.EncodeJSON([]byte(benchEvent))
	if err != nil {
		t.Fatal(err)
	}
	for range 20 {
		if again, _ := m.EncodeJSON([]byte(benchEvent)); string(again) != string(first) {
			t.Fatalf("encoded %x, then %x", first, again)
		}
	}
	last := protowire.Number(0)
	for b := first; len(b) > 0; {
		num, _, n := protowire.ConsumeField(b)
		if num < last {
			t.Fatalf("field %d after %d in %x", num, last, first)
		}
		last, b = num, b[n:]
	}
}
