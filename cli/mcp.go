package cli

import (
	"context"
	"errors"
	"io"
	"os/signal"
	"syscall"

	"github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/spf13/cobra"

	"github.com/kscope/kscope/mcpserver"
)

func newMCP(g *globals, stdin io.Reader, stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "mcp",
		Short: "Serve the cluster to AI agents over the Model Context Protocol, read-only",
		Long: `Serve the cluster to an AI agent (a desktop agent, an editor) over the
Model Context Protocol, on stdin and stdout, until the agent disconnects.
The agent gets kscope's reads as tools: cluster (brokers, partitions'
health), topics, read_records (the newest, or from a point, decoded),
search (by key, expression or substring, saying what it scanned),
consumer_groups (lag, time behind and a verdict for each) and, with a
schema registry, schemas. Every answer is bounded in records and bytes
and says when it stopped short. It writes nothing to the cluster.

It uses the cluster, TLS, SASL and registry the command line or the
config's context name, and the context's masking applies to every
answer. Each call is written to the --debug log. Add it to an agent's
configuration as a command: kscope --context NAME mcp.`,
		Example: `  kscope --context staging mcp
  {"mcpServers": {"kafka": {"command": "kscope", "args": ["--context", "staging", "mcp"]}}}`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runMCP(cmd.Context(), g, stdin, stdout)
		},
	}
}

func runMCP(ctx context.Context, g *globals, stdin io.Reader, stdout io.Writer) error {
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	conn, err := g.connect("serving")
	if err != nil {
		return err
	}
	defer conn.close()
	opts := mcpserver.Options{Name: conn.name, Version: buildInfo().version, Masking: conn.masking, LagWindow: g.lagWindow, Log: g.target.log.Event}
	if conn.registry != nil {
		opts.Registry = conn.registry
	}
	server := mcpserver.New(conn.client, opts)
	err = server.Run(ctx, &mcp.IOTransport{Reader: io.NopCloser(stdin), Writer: nopWriteCloser{stdout}})
	if ctx.Err() != nil || errors.Is(err, io.EOF) {
		return nil // the agent went, or we were told to stop
	}
	return err
}

// nopWriteCloser lets the transport close what is not its to close.
type nopWriteCloser struct{ io.Writer }

func (nopWriteCloser) Close() error { return nil }
