package cli

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/kscope/kscope/config"
	"github.com/kscope/kscope/kafka"
	"github.com/kscope/kscope/kafka/demo"
	"github.com/kscope/kscope/mask"
	"github.com/kscope/kscope/serde"
	"github.com/kscope/kscope/ui/schemas"
)

// target is what the flags say about which cluster to use.
type target struct {
	configPath string    // --config; empty: the default path
	context    string    // --context
	brokers    []string  // -b
	readOnly   bool      // --read-only
	registry   string    // --schema-registry: a URL typed, in place of the context's registry
	log        *debugLog // --debug: nil for none
	props      []string  // -X key=value: client properties, as kcat's
	propsFile  string    // -F FILE: a librdkafka or Java .properties file
	demo       demo.Options
}

// connection is a client to the chosen cluster, and what to call it.
type connection struct {
	client   *kafka.Client
	name     string
	context  string // the config context, if one was used
	demo     bool
	readOnly bool
	file     *config.File    // the config file, nil without one: keys and theme
	registry *serde.Registry // nil: the context names none
	decoder  *serde.Decoder
	masking  *mask.Policy // nil: the context masks nothing
	// connect are the context's Kafka Connect clusters, reached only by
	// the commands that ask for them (their secrets' commands run then).
	connect []config.ConnectCluster
	timeout time.Duration
	log     *debugLog
	close   func()
}

// browser is the connection's registry for the schemas pane, or nil: a
// nil *serde.Registry in the interface would not be nil.
func (c *connection) browser() schemas.Registry {
	if c.registry == nil {
		return nil
	}
	return c.registry
}

// configFile is the config file's path: --config, else the default.
func (t target) configFile() string { return cmp.Or(t.configPath, config.DefaultPath()) }

// loadConfig reads the config file: --config if given (it must exist),
// else the default path if there is a file there. A malformed file is a
// usage error naming the file, line and field; a file others can read
// while it holds a password earns a warning.
func (t target) loadConfig(stderr io.Writer) (*config.File, error) {
	path := t.configFile()
	f, err := config.Load(path)
	switch {
	case errors.Is(err, config.ErrNotFound) && t.configPath == "":
		return nil, nil
	case err != nil:
		return nil, usageError{fmt.Errorf("config %w", err)}
	}
	if f.Exposed() {
		fmt.Fprintf(stderr, "kscope: warning: %s holds a password and others can read it (mode %04o); chmod 600 it, or use password_env or password_cmd\n", path, f.Mode())
	}
	return f, nil
}

// resolve picks the cluster: see config.Resolve for the precedence.
func (t target) resolve(stderr io.Writer) (*config.File, config.Target, error) {
	f, err := t.loadConfig(stderr)
	if err != nil {
		return nil, config.Target{}, err
	}
	if len(t.props) > 0 || t.propsFile != "" {
		chosen, err := t.fromProperties()
		return f, chosen, err
	}
	chosen, err := config.Resolve(f, config.Choice{
		FlagContext: t.context,
		EnvContext:  os.Getenv("KSCOPE_CONTEXT"),
		FlagBrokers: t.brokers,
		EnvBrokers:  os.Getenv("KAFKA_BROKERS"),
	})
	if err != nil {
		return nil, chosen, usageError{err}
	}
	return f, chosen, nil
}

// connect builds a client for the chosen cluster, or starts the embedded
// demo when none is chosen.
func (t target) connect(timeout time.Duration, stderr io.Writer) (*connection, error) {
	if timeout <= 0 {
		return nil, usagef("--timeout must be positive")
	}
	f, chosen, err := t.resolve(stderr)
	if err != nil {
		return nil, err
	}
	var conn *connection
	if len(chosen.Brokers) == 0 {
		conn, err = t.startDemo(timeout)
	} else {
		// The flag, else $SCHEMA_REGISTRY_URL, as Confluent's tools take it.
		conn, err = dial(chosen, timeout, t.readOnly, cmp.Or(t.registry, os.Getenv("SCHEMA_REGISTRY_URL")), t.log)
	}
	if conn != nil {
		conn.file = f
	}
	return conn, err
}

func (t target) startDemo(timeout time.Duration) (*connection, error) {
	if t.demo.Rate < 0 {
		return nil, usagef("--rate must not be negative")
	}
	cluster, err := demo.Start(t.demo)
	if err != nil {
		return nil, err
	}
	rc := serde.RegistryConfig{URL: cluster.RegistryURL(), Timeout: timeout}
	t.log.registry(&rc)
	registry, err := serde.NewRegistry(rc)
	if err != nil {
		cluster.Close()
		return nil, err
	}
	decoder := serde.NewDecoder(registry, nil, nil)
	masking, err := mask.New(demo.Masking, []byte(demo.MaskingKey))
	if err != nil {
		cluster.Close()
		return nil, err
	}
	cfg := kafka.Config{Brokers: cluster.Addrs(), Timeout: timeout, ReadOnly: t.readOnly, Decoder: mask.Decoding(decoder, masking)}
	t.log.kafka(&cfg)
	t.log.Event("connecting to the embedded demo cluster (%s)", strings.Join(cluster.Addrs(), ","))
	client, err := kafka.New(cfg)
	if err != nil {
		cluster.Close()
		return nil, fmt.Errorf("connect to the demo cluster: %w", err)
	}
	return &connection{
		client:   client,
		name:     "embedded demo cluster",
		demo:     true,
		readOnly: t.readOnly,
		registry: registry,
		decoder:  decoder,
		masking:  masking,
		// The demo's own Connect worker, connectors named demo-…, so that
		// kscope connect and :connectors show what they do.
		connect: []config.ConnectCluster{{Name: "demo", Service: config.Service{URL: cluster.ConnectURL()}}},
		timeout: timeout,
		log:     t.log,
		close:   func() { client.Close(); cluster.Close() },
	}, nil
}

// connect reaches the cluster the flags name and, for a command that was
// given none, says on stderr that it works on the embedded demo.
func (g *globals) connect(doing string) (*connection, error) {
	conn, err := g.target.connect(g.timeout, g.stderr)
	if err == nil && conn.demo {
		fmt.Fprintf(g.stderr, "kscope: no cluster given (-b, $KAFKA_BROKERS or a config context); %s the embedded demo cluster\n", doing)
	}
	return conn, err
}
