package serde_test

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/kscope/kscope/kafka"
	"github.com/kscope/kscope/kafka/clustertest"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/serde"
)

// TestConfluentSerializersDecode reads what Confluent's own Python
// serializers wrote, through a real registry, and wants what Confluent's
// deserializers read back: every Avro, Protobuf and JSON Schema case of
// testdata/interop/serde.py, on kfake and on Apache Kafka.
func TestConfluentSerializersDecode(t *testing.T) {
	url := clustertest.Registry(t)
	clustertest.Each(t, func(t *testing.T, c *clustertest.Cluster) {
		topics := map[string]string{}
		for _, kind := range []string{"avro", "proto", "json"} {
			topics[kind] = c.Topic(t, "serde-"+kind, 1, nil)
		}
		expectFile := filepath.Join(t.TempDir(), "expect.jsonl")
		clustertest.Python(t, "serde.py", "--bootstrap", strings.Join(c.Addrs, ","), "--registry", url,
			"--avro", topics["avro"], "--proto", topics["proto"], "--json", topics["json"], "--expect", expectFile)

		registry, err := serde.NewRegistry(serde.RegistryConfig{URL: url})
		if err != nil {
			t.Fatal(err)
		}
		client, err := kafka.New(kafka.Config{Brokers: c.Addrs, Decoder: &serde.Decoder{Registry: registry}})
		if err != nil {
			t.Fatal(err)
		}
		defer client.Close()
		got := map[string]model.Record{}
		for _, topic := range topics {
			for _, r := range readAll(t, client, topic) {
				got[string(r.Key)] = r
			}
		}
		for _, want := range expectations(t, expectFile) {
			r, ok := got[want.Key]
			if !ok {
				t.Errorf("%s: not read", want.Key)
				continue
			}
			d := r.DecodedValue
			if !d.OK() {
				t.Errorf("%s: not decoded: %+v", want.Key, d)
				continue
			}
			var value any
			if err := json.Unmarshal(d.JSON, &value); err != nil {
				t.Errorf("%s: %v: %s", want.Key, err, d.JSON)
				continue
			}
			if !reflect.DeepEqual(value, want.Value) {
				t.Errorf("%s:\n got  %s\n want %s", want.Key, d.JSON, mustJSON(want.Value))
			}
			if d.Schema == nil || d.Schema.ID == 0 || d.Note != "" {
				t.Errorf("%s: schema %+v, note %q", want.Key, d.Schema, d.Note)
			}
		}
	})
}

type expectation struct {
	Key   string
	Value any
}

func expectations(t *testing.T, path string) []expectation {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []expectation
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var e expectation
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatal(err)
		}
		out = append(out, e)
	}
	if len(out) == 0 {
		t.Fatal("serde.py expected nothing")
	}
	return out
}

// readAll tails a topic from the beginning to its end.
func readAll(t *testing.T, client *kafka.Client, topic string) []model.Record {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	tail, err := client.Tail(ctx, model.TailRequest{Topic: topic, Start: model.Start{Kind: model.FromBeginning}})
	if err != nil {
		t.Fatal(err)
	}
	defer tail.Close()
	var out []model.Record
	for !model.AllCaught(tail.Started()) {
		b, err := tail.Next(ctx)
		if ctx.Err() != nil {
			t.Fatalf("tail %s: %v", topic, err)
		}
		out = append(out, b.Records...)
		if model.AllCaught(b.Positions) {
			break
		}
	}
	return out
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
