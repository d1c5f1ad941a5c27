package cli

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/spf13/cobra"

	"github.com/kscope/kscope/engine"
	"github.com/kscope/kscope/mcpserver"
	"github.com/kscope/kscope/model"
)

func newMCP(g *globals, stdin io.Reader, stdout io.Writer) *cobra.Command {
	var listen string
	var writes bool
	cmd := &cobra.Command{
		Use:   "mcp",
		Short: "Serve the cluster to AI agents over the Model Context Protocol, read-only",
		Long: `Serve the cluster to an AI agent (a desktop agent, an editor) over the
Model Context Protocol, on stdin and stdout, until the agent disconnects.
The agent gets kscope's reads as tools: cluster (brokers, partitions'
health), topics, read_records (the newest, or from a point, decoded),
search (by key, expression or substring, saying what it scanned),
consumer_groups (lag, time behind and a verdict for each) and, with a
schema registry, schemas. Every answer is bounded in records and bytes
and says when it stopped short.

It writes nothing to the cluster unless started with --allow-writes, on a
context that is not read-only. Then create_topic, delete_topic,
reset_offsets, produce, abort_transaction, copy_records and
redrive_records are two steps each: called without a token, a
tool changes nothing and answers a preview with a one-time token; only
the call that brings the token back, with the same arguments, within 5
minutes, does exactly what was previewed.

It uses the cluster, TLS, SASL and registry the command line or the
config's context name, and the context's masking applies to every
answer. Each call is written to the --debug log. Add it to an agent's
configuration as a command: kscope --context NAME mcp.

--http HOST:PORT serves streamable HTTP at http://HOST:PORT/mcp instead,
to requests that bear the token in $KSCOPE_MCP_TOKEN (Authorization:
Bearer TOKEN); without one, kscope makes one and prints it on stderr.`,
		Example: `  kscope --context staging mcp
  {"mcpServers": {"kafka": {"command": "kscope", "args": ["--context", "staging", "mcp"]}}}
  KSCOPE_MCP_TOKEN=$(openssl rand -hex 32) kscope --context staging mcp --http 127.0.0.1:7070`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runMCP(cmd.Context(), g, stdin, stdout, listen, writes)
		},
	}
	cmd.Flags().StringVar(&listen, "http", "", "serve streamable HTTP on HOST:PORT, with a bearer token, instead of stdio")
	cmd.Flags().BoolVar(&writes, "allow-writes", false, "add the write tools, each previewed first and executed with the preview's one-time token")
	return cmd
}

func runMCP(ctx context.Context, g *globals, stdin io.Reader, stdout io.Writer, listen string, writes bool) error {
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	conn, err := g.connect("serving")
	if err != nil {
		return err
	}
	defer conn.close()
	if writes && conn.readOnly {
		return fmt.Errorf("--allow-writes: %w (--read-only, or read_only in the context)", model.ErrReadOnly)
	}
	dir, err := engine.JournalDir()
	if err != nil && writes {
		fmt.Fprintf(g.stderr, "kscope: note: %v\n", err)
	}
	opts := mcpserver.Options{Writes: writes, JournalDir: dir, Patience: g.timeout, Name: conn.name, Version: buildInfo().version, Masking: conn.masking, LagWindow: g.lagWindow, Log: g.target.log.Event}
	if conn.registry != nil {
		opts.Registry = conn.registry
	}
	server := mcpserver.New(conn.client, opts)
	if listen != "" {
		return serveHTTP(ctx, g, server, listen)
	}
	err = server.Run(ctx, &mcp.IOTransport{Reader: io.NopCloser(stdin), Writer: nopWriteCloser{stdout}})
	if ctx.Err() != nil || errors.Is(err, io.EOF) {
		return nil // the agent went, or we were told to stop
	}
	return err
}

// nopWriteCloser lets the transport close what is not its to close.
type nopWriteCloser struct{ io.Writer }

func (nopWriteCloser) Close() error { return nil }

// serveHTTP serves the server over streamable HTTP until ctx ends.
func serveHTTP(ctx context.Context, g *globals, server *mcp.Server, listen string) error {
	token := os.Getenv("KSCOPE_MCP_TOKEN")
	if token == "" {
		token = rand.Text()
		fmt.Fprintf(g.stderr, "kscope: bearer token: %s (set $KSCOPE_MCP_TOKEN to choose one)\n", token)
	}
	g.target.log.Secret(token)
	ln, err := net.Listen("tcp", listen)
	if err != nil {
		return usageError{fmt.Errorf("--http: %w", err)}
	}
	mux := http.NewServeMux()
	mux.Handle("/mcp", mcpserver.Handler(server, token))
	web := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(g.stderr, "kscope: serving MCP at http://%s/mcp\n", ln.Addr())
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = web.Shutdown(shut)
	}()
	if err := web.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
