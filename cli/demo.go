package cli

import (
	"errors"
	"fmt"
	"io"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/kscope/kscope/kafka/demo"
)

func newDemo(g *globals, stdout io.Writer) *cobra.Command {
	var listen, advertise string
	var nodes int
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Serve the embedded demo cluster to other Kafka clients",
		Long: `Serve the embedded demo cluster, with its topics, traffic and consumer
groups, until interrupted. It prints "bootstrap: HOST:PORT" for any Kafka
client (kcat, kaf, your own service, or kscope -b), then "schema registry:
URL", the demo's own small registry, which serves the schemas of its
payments.avro and shipments.proto topics, then "kafka connect: URL", a
Kafka Connect REST API over the demo's connectors (in memory: they move
no data), then a kscope command line that reads them.

Brokers listen on consecutive ports from the --listen port, the schema
registry on the next one, and the Connect API on the one after. In a container, listen on 0.0.0.0 and
--advertise the host clients reach: docker run -p 9092-9096:9092-9096
IMAGE demo --listen 0.0.0.0:9092 --advertise localhost. Producing to a
topic that does not exist creates it with one partition.`,
		Example: `  kscope demo --listen 127.0.0.1:9092 &
  kcat -L -b 127.0.0.1:9092`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if g.target.demo.Rate < 0 {
				return usagef("--rate must not be negative")
			}
			if nodes < 1 || nodes > 16 {
				return usagef("--nodes %d: want 1 to 16", nodes)
			}
			// Catch interrupts before announcing the address: a client may
			// stop us as soon as it has read it.
			ctx, stop := signal.NotifyContext(cmd.Context(), syscall.SIGINT, syscall.SIGTERM)
			defer stop()
			opts := g.target.demo
			opts.Listen, opts.Advertise, opts.Brokers = listen, advertise, nodes
			cluster, err := demo.Start(opts)
			if errors.Is(err, demo.ErrListen) {
				return usageError{err}
			}
			if err != nil {
				return err
			}
			defer cluster.Close()
			fmt.Fprintf(stdout, "bootstrap: %s\nschema registry: %s\nkafka connect: %s\ntry: kscope -b %[1]s --schema-registry %[2]s tail payments.avro\n", cluster.Addrs()[0], cluster.RegistryURL(), cluster.ConnectURL())
			<-ctx.Done()
			return nil
		},
	}
	cmd.Flags().StringVar(&listen, "listen", "", "host:port of the first broker (default 127.0.0.1 on free ports); the schema registry takes the port after the brokers'")
	cmd.Flags().StringVar(&advertise, "advertise", "", "the host clients reach the brokers at, when not the one they listen on (listening on 0.0.0.0 in a container: localhost)")
	cmd.Flags().IntVar(&nodes, "nodes", 3, "how many brokers")
	return cmd
}
