package cli

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/kscope/kscope/kafka"
	"github.com/kscope/kscope/kafka/demo"
)

// target is the cluster the user pointed at, or the embedded demo.
type target struct {
	brokers []string
	demo    demo.Options
}

// connection is a client to the target, and what to call it.
type connection struct {
	client *kafka.Client
	name   string
	demo   bool
	close  func()
}

// connect builds a client for -b, else $KAFKA_BROKERS, else a freshly
// started embedded demo cluster.
func (t target) connect(timeout time.Duration) (*connection, error) {
	brokers := t.brokers
	if len(brokers) == 0 {
		if env := strings.TrimSpace(os.Getenv("KAFKA_BROKERS")); env != "" {
			brokers = []string{env}
		}
	}
	if timeout <= 0 {
		return nil, usagef("--timeout must be positive")
	}
	if len(brokers) > 0 {
		client, err := kafka.New(kafka.Config{Brokers: brokers, Timeout: timeout})
		if err != nil {
			return nil, usageError{err}
		}
		return &connection{client: client, name: strings.Join(client.Seeds(), ","), close: client.Close}, nil
	}
	if t.demo.Rate < 0 {
		return nil, usagef("--rate must not be negative")
	}
	cluster, err := demo.Start(t.demo)
	if err != nil {
		return nil, err
	}
	client, err := kafka.New(kafka.Config{Brokers: cluster.Addrs(), Timeout: timeout})
	if err != nil {
		cluster.Close()
		return nil, fmt.Errorf("connect to the demo cluster: %w", err)
	}
	return &connection{
		client: client,
		name:   "embedded demo cluster",
		demo:   true,
		close:  func() { client.Close(); cluster.Close() },
	}, nil
}

// connect reaches the cluster the flags name and, for a command that was
// given none, says on stderr that it works on the embedded demo.
func (g *globals) connect(doing string) (*connection, error) {
	conn, err := g.target.connect(g.timeout)
	if err == nil && conn.demo {
		fmt.Fprintf(g.stderr, "kscope: no cluster given (-b or $KAFKA_BROKERS); %s the embedded demo cluster\n", doing)
	}
	return conn, err
}
