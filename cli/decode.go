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
func decoderFor(ctx *config.Context, timeout time.Duration, log *debugLog) (*serde.Decoder, error) {
	var registry *serde.Registry
	if r := ctx.SchemaRegistry; r != nil {
		var err error
		if registry, err = registryFor(r, timeout, log); err != nil {
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
	// A rule that cannot be read breaks only what it covers: its topics'
	// records say why, and every other command and topic works.
	var rules []serde.Rule
	for i, rule := range ctx.Decode {
		rules = append(rules, serde.Rule{Topics: rule.Topic,
			Key:   formatOf(fmt.Sprintf("decode[%d].key", i), rule.Key, protos),
			Value: formatOf(fmt.Sprintf("decode[%d].value", i), rule.Value, protos)})
	}
	return serde.NewDecoder(registry, protos, rules), nil
}

// registryFor makes the registry client a context names, with its
// secrets and TLS.
func registryFor(r *config.SchemaRegistry, timeout time.Duration, log *debugLog) (*serde.Registry, error) {
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
	log.registry(&cfg)
	return serde.NewRegistry(cfg)
}

// formatOf is what a rule's part says, or the format broken with why.
func formatOf(where string, f *config.DecodeFormat, protos *serde.Protos) serde.Format {
	if f == nil {
		return serde.Format{}
	}
	out := serde.Format{Kind: f.Format}
	var err error
	switch f.Format {
	case "protobuf":
		out.Message, err = protos.Message(f.Message)
	case "avro":
		var text []byte
		if text, err = os.ReadFile(config.ExpandHome(f.SchemaFile)); err == nil {
			out.Avro, err = serde.ParseAvro(string(text))
		}
		if err != nil {
			err = fmt.Errorf("schema_file %s: %w", f.SchemaFile, err)
		}
	}
	if err != nil {
		out.Broken = fmt.Errorf("%s: %w", where, err)
	}
	return out
}

func expandAll(paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = config.ExpandHome(p)
	}
	return out
}
