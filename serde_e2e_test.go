package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// decodeConfig writes a config whose context "sr" reaches the demo with
// its registry, and "files" reads shipments.proto from the .proto file
// alone, with no registry.
func decodeConfig(t *testing.T, d demoServer) string {
	t.Helper()
	protos, err := filepath.Abs("kafka/demo/schemas")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "config.yaml")
	text := fmt.Sprintf(`contexts:
  sr:
    brokers: [%[1]s]
    schema_registry:
      url: %[2]s
  files:
    brokers: [%[1]s]
    protobuf:
      import_paths: [%[3]s]
      files: [shipment.proto]
    decode:
      - topic: shipments.*
        value: {format: protobuf, message: demo.shipping.Shipment}
`, d.addr, d.registry, protos)
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

type decodedLine struct {
	Key         string          `json:"key"`
	Value       json.RawMessage `json:"value"`
	ValueSchema *struct {
		ID      int    `json:"id"`
		Subject string `json:"subject"`
		Version int    `json:"version"`
		Type    string `json:"type"`
	} `json:"value_schema"`
	ValueType string `json:"value_type"`
	ValueNote string `json:"value_note"`
}

func tailJSON(t *testing.T, args ...string) []decodedLine {
	t.Helper()
	out, errOut, code := run(t, "", kscope, append([]string{"tail", "--from", "beginning", "-n", "5", "-o", "json"}, args...)...)
	if code != 0 {
		t.Fatalf("kscope tail %v: exit %d: %s", args, code, errOut)
	}
	var lines []decodedLine
	for l := range strings.Lines(out) {
		var d decodedLine
		if err := json.Unmarshal([]byte(l), &d); err != nil {
			t.Fatalf("not JSON: %v: %s", err, l)
		}
		lines = append(lines, d)
	}
	if len(lines) != 5 {
		t.Fatalf("%d lines, want 5", len(lines))
	}
	return lines
}

func TestTailDecodesThroughTheRegistryAndFromFiles(t *testing.T) {
	d := startDemo(t)
	config := decodeConfig(t, d)
	sr := []string{"--config", config, "--context", "sr"}

	for _, l := range tailJSON(t, append(sr, "payments.avro")...) {
		var v map[string]any
		if err := json.Unmarshal(l.Value, &v); err != nil || v["payment_id"] == nil {
			t.Fatalf("value not decoded Avro: %s", l.Value)
		}
		if s := l.ValueSchema; s == nil || s.Subject != "payments.avro-value" || s.Version != 1 || s.Type != "AVRO" || l.ValueType != "demo.billing.Payment" {
			t.Fatalf("value_schema %+v, value_type %q", s, l.ValueType)
		}
	}
	proto := tailJSON(t, append(sr, "shipments.proto")...)
	files := tailJSON(t, "--config", config, "--context", "files", "shipments.proto")
	for i := range proto {
		if proto[i].ValueSchema == nil || proto[i].ValueSchema.Type != "PROTOBUF" || !strings.Contains(string(proto[i].Value), `"shipmentId"`) {
			t.Fatalf("registry: %+v", proto[i])
		}
		// The .proto file alone reads the same values.
		if string(files[i].Value) != string(proto[i].Value) || files[i].ValueType != "demo.shipping.Shipment" {
			t.Errorf("from the file %s\nfrom the registry %s", files[i].Value, proto[i].Value)
		}
	}
	// --raw keeps the bytes: framed Avro is not UTF-8, so base64.
	out, _, code := run(t, "", kscope, append(sr, "tail", "payments.avro", "--from", "beginning", "-n", "1", "--raw")...)
	if code != 0 || !strings.Contains(out, `"value_encoding":"base64"`) || strings.Contains(out, "value_schema") {
		t.Errorf("--raw: exit %d: %s", code, out)
	}
	// Filters match the decoded text.
	out, _, code = run(t, "", kscope, append(sr, "tail", "payments.avro", "--from", "beginning", "-e", "-o", "text", "--filter", `"status":"DECLINED"`)...)
	if code != 0 || out == "" || strings.Count(out, "DECLINED") != strings.Count(out, "\n") {
		t.Errorf("filter on decoded values: exit %d:\n%s", code, out)
	}
}

func TestProduceWithASchema(t *testing.T) {
	d := startDemo(t)
	sr := []string{"--config", decodeConfig(t, d), "--context", "sr"}
	good := `{"payment_id":"p-e2e","order_id":"o-1","amount":"10.00","currency":"EUR","method":"card","status":"CAPTURED","decline_reason":null,"card_last4":"4242","attempted_at":"2026-11-25T10:00:00.000Z","risk_score":0.5}`
	bad := strings.Replace(good, `"amount":"10.00"`, `"amount":"ten"`, 1)
	out, errOut, code := run(t, good+"\n"+bad+"\n", kscope, append(sr, "produce", "payments.avro", "--schema", "payments.avro-value", "-k", "e2e")...)
	if code != 2 || !strings.Contains(out, "produced 1 records") || !strings.Contains(errOut, `line 2: value: amount: "ten" is not a decimal`) {
		t.Fatalf("exit %d\nstdout %s\nstderr %s", code, out, errOut)
	}
	// Keys too: a Protobuf message of the registry's shipment schema.
	out, errOut, code = run(t, "k1:"+good+"\n", kscope, append(sr, "produce", "payments.avro", "-K", ":", "--schema", "payments.avro-value",
		"--key-schema", "shipments.proto-value", "--message", "demo.shipping.Address")...)
	if code != 2 || !strings.Contains(errOut, "line 1: key: proto:") {
		t.Errorf("a key that is not an Address: exit %d: %s%s", code, out, errOut)
	}
	out, errOut, code = run(t, `{"city":"Lyon"}|`+strings.Replace(good, "p-e2e", "p-key", 1)+"\n", kscope, append(sr, "produce", "payments.avro", "-K", "|", "--schema", "payments.avro-value",
		"--key-schema", "shipments.proto-value", "--message", "demo.shipping.Address")...)
	if code != 0 {
		t.Fatalf("a key with a schema: exit %d: %s%s", code, out, errOut)
	}
	keyed, _, _ := run(t, "", kscope, append(sr, "tail", "payments.avro", "--from", "beginning", "-e", "-o", "json", "--filter", "Lyon")...)
	if !strings.Contains(keyed, `"key":{"city":"Lyon"},"key_schema":{"id":2,"subject":"shipments.proto-value","version":1,"type":"PROTOBUF"},"key_type":"demo.shipping.Address"`) {
		t.Errorf("the key is not read back as an Address: %s", keyed)
	}
	got, _, _ := run(t, "", kscope, append(sr, "tail", "payments.avro", "--from", "beginning", "-e", "-o", "json", "--filter", "p-e2e")...)
	var line decodedLine
	if err := json.Unmarshal([]byte(got), &line); err != nil || line.Key != "e2e" || line.ValueSchema == nil {
		t.Fatalf("%v: %s", err, got)
	}
	var want, have any
	json.Unmarshal([]byte(good), &want)
	json.Unmarshal(line.Value, &have)
	if fmt.Sprint(want) != fmt.Sprint(have) {
		t.Errorf("read back %s\nwant %s", line.Value, good)
	}
}

func TestSchemasCommand(t *testing.T) {
	d := startDemo(t)
	sr := []string{"--config", decodeConfig(t, d), "--context", "sr"}
	out, _, code := run(t, "", kscope, append(sr, "schemas")...)
	if code != 0 || !strings.Contains(out, "payments.avro-value") || !strings.Contains(out, "shipments.proto (value)") {
		t.Errorf("schemas: exit %d:\n%s", code, out)
	}
	out, _, code = run(t, "", kscope, append(sr, "schemas", "payments.avro-value")...)
	if code != 0 || !strings.Contains(out, "version 1 of 1") || !strings.Contains(out, `"name": "payment_id"`) {
		t.Errorf("schemas SUBJECT: exit %d:\n%s", code, out)
	}
	out, _, code = run(t, "", kscope, append(sr, "schemas", "-o", "json")...)
	var subjects []struct{ Subject, Type, Topic, Part string }
	if err := json.Unmarshal([]byte(out), &subjects); code != 0 || err != nil || len(subjects) != 2 ||
		subjects[1].Subject != "shipments.proto-value" || subjects[1].Type != "PROTOBUF" || subjects[1].Topic != "shipments.proto" || subjects[1].Part != "value" {
		t.Errorf("schemas -o json: exit %d, %v: %s", code, err, out)
	}
	if _, errOut, code := run(t, "", kscope, "--config", decodeConfig(t, d), "--context", "files", "schemas"); code != 2 || !strings.Contains(errOut, "names no schema registry") {
		t.Errorf("without a registry: exit %d: %s", code, errOut)
	}
}

// The registry URL kscope demo prints is one the command line can use:
// --schema-registry reads a typed address's framed records through it;
// without it, value_note says how to read them.
func TestTypedSchemaRegistry(t *testing.T) {
	d := startDemo(t)
	type line struct {
		ValueSchema *struct{ Subject string } `json:"value_schema"`
		ValueNote   string                    `json:"value_note"`
	}
	read := func(args ...string) line {
		t.Helper()
		out, errOut, code := run(t, "", kscope, append([]string{"tail", "payments.avro", "-b", d.addr, "--from", "beginning", "-n", "1", "-o", "json"}, args...)...)
		if code != 0 {
			t.Fatalf("tail %v: %d %s", args, code, errOut)
		}
		ls := jsonLines[line](t, out)
		if len(ls) != 1 {
			t.Fatalf("tail %v: %q", args, out)
		}
		return ls[0]
	}
	if l := read(); l.ValueSchema != nil || !strings.Contains(l.ValueNote, "framed for a schema registry, schema id 1: set schema_registry (or --schema-registry)") {
		t.Errorf("without a registry: %+v", l)
	}
	if l := read("--schema-registry", d.registry); l.ValueSchema == nil || l.ValueSchema.Subject != "payments.avro-value" || l.ValueNote != "" {
		t.Errorf("with --schema-registry: %+v", l)
	}
}
