package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kscope/kscope/config"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/serde"
)

func TestAChosenFormatDecodesAndIsRemembered(t *testing.T) {
	protos, _ := filepath.Abs("../kafka/demo/schemas")
	path := filepath.Join(t.TempDir(), "config.yaml")
	text := "contexts:\n  dev:\n    brokers: [localhost:9092]  # mine\n    protobuf:\n      import_paths: [" + protos + "]\n      files: [shipment.proto]\n"
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := config.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	decoder, err := decoderFor(f.Contexts["dev"], 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	chooser := &formatChooser{target: target{configPath: path}, context: "dev", decoder: decoder}
	if got := chooser.Choices(); !strings.Contains(strings.Join(got, ","), "protobuf demo.shipping.Shipment,protobuf demo.shipping.Shipment.Parcel") {
		t.Errorf("choices %q", got)
	}
	for _, bad := range []string{"xml", "json extra", "protobuf nope.Missing"} {
		if _, err := chooser.Choose("shipments", bad); err == nil {
			t.Errorf("%q was accepted", bad)
		}
	}
	where, err := chooser.Choose("shipments", "protobuf demo.shipping.Address")
	if err != nil || where != "remembered in "+path+" (context dev)" {
		t.Fatalf("%q, %v", where, err)
	}
	// The running decoder reads the topic so at once.
	records := []model.Record{{Topic: "shipments", Value: []byte("\x0a\x04Lyon\x12\x02FR")}, {Topic: "other", Value: []byte("\x0a\x04Lyon")}}
	decoder.Decode(context.Background(), records)
	if d := records[0].DecodedValue; !d.OK() || string(d.JSON) != `{"city":"Lyon","country":"FR"}` {
		t.Errorf("decoded %+v", d)
	}
	if records[1].DecodedValue != nil {
		t.Errorf("another topic was decoded: %+v", records[1].DecodedValue)
	}
	// And so does the next kscope, from the file.
	again, err := config.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	rules := again.Contexts["dev"].Decode
	if len(rules) != 1 || rules[0].Topic != "shipments" || rules[0].Value.Message != "demo.shipping.Address" {
		t.Errorf("rules %+v", rules)
	}
	// A typed address has no file to remember in.
	session := &formatChooser{decoder: serde.NewDecoder(nil, nil, nil)}
	if where, err := session.Choose("orders", "json"); err != nil || !strings.HasPrefix(where, "for this session") {
		t.Errorf("%q, %v", where, err)
	}
}
