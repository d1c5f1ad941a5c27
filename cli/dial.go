package cli

import (
	"cmp"
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/kscope/kscope/config"
	"github.com/kscope/kscope/kafka"
	"github.com/kscope/kscope/mask"
	"github.com/kscope/kscope/serde"
)

// dial makes a client for a chosen cluster, reading framed records
// through the registry at registryURL when one was typed: with only the
// credentials written in that URL, never the context's.
func dial(chosen config.Target, timeout time.Duration, readOnly bool, registryURL string, log *debugLog) (*connection, error) {
	decoder := serde.NewDecoder(nil, nil, nil) // a typed address: formats chosen in the TUI only
	cfg := kafka.Config{Brokers: chosen.Brokers, Timeout: timeout, Decoder: decoder}
	name := strings.Join(chosen.Brokers, ",")
	var masking *mask.Policy
	if ctx := chosen.Context; ctx != nil {
		source := fmt.Sprintf("context %q", chosen.Name)
		if chosen.Name == "" {
			source = "client properties" // -X, -F
		}
		var err error
		if cfg, err = clientConfig(ctx, cfg); err != nil {
			return nil, fmt.Errorf("%s: %w", source, err)
		}
		if decoder, err = decoderFor(ctx, timeout, log); err != nil {
			return nil, fmt.Errorf("%s: %w", source, err)
		}
		if masking, err = ctx.MaskingPolicy(); err != nil {
			return nil, fmt.Errorf("%s: %w", source, err)
		}
		// Records are masked where they are read: every output after
		// that, search included, sees the masked form alone.
		cfg.Decoder = mask.Decoding(decoder, masking)
		name = cmp.Or(chosen.Name, name)
		readOnly = readOnly || ctx.ReadOnly
	}
	if registryURL != "" {
		rc := serde.RegistryConfig{URL: registryURL, Timeout: timeout}
		log.registry(&rc)
		registry, err := serde.NewRegistry(rc)
		if err != nil {
			return nil, usageError{fmt.Errorf("--schema-registry: %w", err)}
		}
		decoder.Registry = registry
	}
	cfg.ReadOnly = readOnly
	log.kafka(&cfg)
	log.Event("connecting to %s (%s)", name, strings.Join(chosen.Brokers, ","))
	client, err := kafka.New(cfg)
	if err != nil {
		return nil, usageError{err}
	}
	conn := &connection{client: client, name: name, context: chosen.Name, readOnly: readOnly,
		registry: decoder.Registry, decoder: decoder, masking: masking, timeout: timeout, log: log, close: client.Close}
	if chosen.Context != nil {
		conn.connect = chosen.Context.Connect
	}
	return conn, nil
}

// clientConfig adds a context's identity, TLS and SASL to cfg, reading
// the files and running the commands it names for its secrets.
func clientConfig(ctx *config.Context, cfg kafka.Config) (kafka.Config, error) {
	cfg.ClientID = ctx.ClientID
	if ctx.TLS != nil {
		tlsConfig, err := ctx.TLS.Config()
		if err != nil {
			return cfg, err
		}
		cfg.TLS = tlsConfig
	}
	if s := ctx.SASL; s != nil {
		password, err := s.PasswordValue()
		if err != nil {
			return cfg, err
		}
		cfg.SASL = &kafka.SASL{Mechanism: s.Mechanism, User: s.Username, Password: password}
		switch s.Mechanism {
		case "OAUTHBEARER":
			cfg.SASL.Token = func(context.Context) (string, error) { return s.Token() }
		case "AWS_MSK_IAM":
			awsCredentials(s, cfg.SASL)
		}
	}
	return cfg, nil
}

// awsCredentials falls back on the standard AWS variables for what the
// context does not give.
func awsCredentials(s *config.SASL, out *kafka.SASL) {
	if out.User == "" {
		out.User = os.Getenv("AWS_ACCESS_KEY_ID")
	}
	if out.Password == "" {
		out.Password = os.Getenv("AWS_SECRET_ACCESS_KEY")
	}
	session := "AWS_SESSION_TOKEN"
	if s.SessionTokenEnv != "" {
		session = s.SessionTokenEnv
	}
	out.SessionToken = os.Getenv(session)
}
