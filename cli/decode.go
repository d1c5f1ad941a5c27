package cli

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/kscope/kscope/config"
	"github.com/kscope/kscope/serde"
)

// decoderFor builds what reads a context's records: its schema registry,
// its Protobuf files, and its decode rules with the Avro schemas they
// name. Every context gets one, so a format chosen in the TUI applies.
func decoderFor(ctx *config.Context, timeout time.Duration) (*serde.Decoder, error) {
	var registry *serde.Registry
	if r := ctx.SchemaRegistry; r != nil {
		var err error
		if registry, err = registryFor(r, timeout); err != nil {
			return nil, err
		}
	}
	var protos *serde.Protos
	if p := ctx.Protobuf; p != nil {
		var err error
		protos, err = serde.LoadProtos(context.Background(), expandAll(p.ImportPaths), p.Files, expandAll(p.DescriptorSets))
		if err != nil {
			return nil, fmt.Errorf("protobuf: %w", err)
		}
	}
	var rules []serde.Rule
	for i, rule := range ctx.Decode {
		key, err := formatOf(rule.Key, protos)
		if err != nil {
			return nil, fmt.Errorf("decode[%d].key: %w", i, err)
		}
		value, err := formatOf(rule.Value, protos)
		if err != nil {
			return nil, fmt.Errorf("decode[%d].value: %w", i, err)
		}
		rules = append(rules, serde.Rule{Topics: rule.Topic, Key: key, Value: value})
	}
	return serde.NewDecoder(registry, protos, rules), nil
}

// registryFor makes the registry client a context names, with its
// secrets and TLS.
func registryFor(r *config.SchemaRegistry, timeout time.Duration) (*serde.Registry, error) {
	cfg := serde.RegistryConfig{URL: r.URL, Username: r.Username, Timeout: timeout}
	var err error
	if cfg.Password, err = r.PasswordValue(); err != nil {
		return nil, err
	}
	if cfg.Token, err = r.TokenValue(); err != nil {
		return nil, err
	}
	if r.TLS != nil {
		if cfg.TLS, err = r.TLS.Config(); err != nil {
			return nil, fmt.Errorf("schema_registry.%w", err)
		}
	}
	return serde.NewRegistry(cfg)
}

func formatOf(f *config.DecodeFormat, protos *serde.Protos) (serde.Format, error) {
	if f == nil {
		return serde.Format{}, nil
	}
	out := serde.Format{Kind: f.Format}
	switch f.Format {
	case "protobuf":
		m, err := protos.Message(f.Message)
		if err != nil {
			return out, err
		}
		out.Message = m
	case "avro":
		text, err := os.ReadFile(config.ExpandHome(f.SchemaFile))
		if err != nil {
			return out, err
		}
		if out.Avro, err = serde.ParseAvro(string(text)); err != nil {
			return out, fmt.Errorf("%s: %w", f.SchemaFile, err)
		}
	}
	return out, nil
}

func expandAll(paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = config.ExpandHome(p)
	}
	return out
}
