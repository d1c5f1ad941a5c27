package config

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func TestRememberDecodeAddsOnlyItsLines(t *testing.T) {
	for name, c := range map[string]struct{ before, after string }{
		"a first rule": {
			before: "# mine\ncontexts:\n  prod:   # the real one\n    brokers:\n      - k1:9092\n    protobuf: {files: [order.proto]}\n",
			after:  "# mine\ncontexts:\n  prod:   # the real one\n    decode:\n      - topic: orders\n        value: {format: protobuf, message: shop.v1.Order}\n    brokers:\n      - k1:9092\n    protobuf: {files: [order.proto]}\n",
		},
		"in place of the topic's own": {
			before: "contexts:\n  prod:\n    brokers: [k1:9092]\n    protobuf:\n      files: [order.proto]\n    decode:\n    - topic: \"logs.*\"   # keep\n      value: {format: json}\n    - topic: orders\n      value: {format: json}\n\n      key: {format: json}\n    - topic: other\n      value: {format: json}\n",
			after:  "contexts:\n  prod:\n    brokers: [k1:9092]\n    protobuf:\n      files: [order.proto]\n    decode:\n    - topic: orders\n      value: {format: protobuf, message: shop.v1.Order}\n    - topic: \"logs.*\"   # keep\n      value: {format: json}\n    - topic: other\n      value: {format: json}\n",
		},
		"before older rules": {
			before: "contexts:\n  prod:\n    brokers: [k1:9092]\n    protobuf:\n      files: [order.proto]\n    decode:\n    - topic: \"logs.*\"   # keep\n      value: {format: json}\n",
			after:  "contexts:\n  prod:\n    brokers: [k1:9092]\n    protobuf:\n      files: [order.proto]\n    decode:\n    - topic: orders\n      value: {format: protobuf, message: shop.v1.Order}\n    - topic: \"logs.*\"   # keep\n      value: {format: json}\n",
		},
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "config.yaml")
			os.WriteFile(path, []byte(c.before), 0o600)
			f, err := Load(path)
			if err != nil {
				t.Fatal(err)
			}
			rule := DecodeRule{Topic: "orders", Value: &DecodeFormat{Format: "protobuf", Message: "shop.v1.Order"}}
			if err := f.RememberDecode("prod", rule); err != nil {
				t.Fatal(err)
			}
			got, _ := os.ReadFile(path)
			if string(got) != c.after {
				t.Errorf("got\n%s\nwant\n%s", got, c.after)
			}
			if f.Contexts["prod"].Decode[0].Value.Message != "shop.v1.Order" {
				t.Errorf("the loaded file does not have the rule first: %+v", f.Contexts["prod"].Decode)
			}
			// Remembered again, it stays one rule.
			if err := f.RememberDecode("prod", rule); err != nil {
				t.Fatal(err)
			}
			if again, _ := os.ReadFile(path); string(again) != c.after {
				t.Errorf("remembered twice:\n%s\nwant\n%s", again, c.after)
			}
		})
	}
}

func TestRememberDecodeLeavesWhatItCannotEditAlone(t *testing.T) {
	before := "contexts: {prod: {brokers: [\"k1:9092\"]}}\n"
	path := filepath.Join(t.TempDir(), "config.yaml")
	os.WriteFile(path, []byte(before), 0o600)
	f, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	err = f.RememberDecode("prod", DecodeRule{Topic: "orders", Value: &DecodeFormat{Format: "json"}})
	if err == nil || !strings.Contains(err.Error(), "the file is unchanged") {
		t.Errorf("err %v", err)
	}
	if got, _ := os.ReadFile(path); string(got) != before {
		t.Errorf("changed to %s", got)
	}
}

// Edits of different kinds at once, from different kscopes (each its own
// Load), lose none: every remembered rule is in the file beside the
// context switches. Without the lock around read-edit-write, most rules
// were lost.
func TestConcurrentEditsLoseNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.yaml")
	os.WriteFile(path, []byte("contexts:\n  a:\n    brokers: [x:1]\n  b:\n    brokers: [y:1]\n"), 0o600)
	const rules = 20
	var wg sync.WaitGroup
	for i := range rules {
		wg.Go(func() {
			f, err := Load(path)
			if err != nil {
				t.Error(err)
				return
			}
			if err := f.RememberDecode("a", DecodeRule{Topic: fmt.Sprintf("topic-%02d", i), Value: &DecodeFormat{Format: "json"}}); err != nil {
				t.Error(err)
			}
		})
		wg.Go(func() {
			f, err := Load(path)
			if err != nil {
				t.Error(err)
				return
			}
			if err := f.Use([]string{"a", "b"}[i%2]); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	f, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(f.Contexts["a"].Decode); got != rules {
		t.Errorf("%d of %d remembered rules in the file", got, rules)
	}
}
