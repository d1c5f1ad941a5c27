// Package mcpserver serves kscope to AI agents over the Model Context
// Protocol: the same reads the CLI and the TUI make (records, searches,
// judged consumer groups, topics, schemas), as tools with typed inputs
// and JSON outputs, every one bounded in records and bytes. It reads
// through the connection's client, so a context's masking applies to
// all it returns.
package mcpserver

import (
	"context"
	"fmt"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/kscope/kscope/engine"
	"github.com/kscope/kscope/mask"
	"github.com/kscope/kscope/model"
)

// Cluster is what the server asks of the cluster.
type Cluster interface {
	Cluster(ctx context.Context) (model.Cluster, error)
	engine.SearchClient
	engine.GroupDescriber
	Transactions(ctx context.Context) ([]model.Transaction, error)
	ACLs(ctx context.Context) ([]model.ACL, error)
}

// Registry is the schema registry, for the schema tools.
type Registry interface {
	Subjects(ctx context.Context) ([]model.Subject, error)
	Versions(ctx context.Context, subject string) ([]model.SchemaVersion, error)
}

// Options say what the server serves.
type Options struct {
	Name     string       // what the cluster is called: a context, an address
	Version  string       // kscope's
	Registry Registry     // nil: no schema tools
	Masking  *mask.Policy // the context's, which the client applies; nil: none
	// Log, when set, is told of each call: the debug log.
	Log func(format string, args ...any)
	// Writes adds the write tools (create and delete a topic, reset a
	// group's offsets, produce), each a preview and an execute with its
	// one-time token, when the cluster can take them.
	Writes bool
	// JournalDir is where copies and redrives keep their journals, as
	// the CLI's do, to be resumed by either; "" keeps none.
	JournalDir string
	// Patience is how long writes send again what Kafka refused as
	// retriable; 10s when zero.
	Patience time.Duration
	// LagWindow is how far back groups' lag history reaches, for their
	// verdicts; 15 minutes when zero.
	LagWindow time.Duration
	Now       func() time.Time // the clock; time.Now when nil
}

// server holds what the tools share.
type server struct {
	cluster   Cluster
	writer    Writer // nil: read-only
	approvals approvals
	opts      Options
}

// New makes the server, its tools added.
func New(c Cluster, o Options) *mcp.Server {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Patience == 0 {
		o.Patience = 10 * time.Second
	}
	if o.LagWindow == 0 {
		o.LagWindow = 15 * time.Minute
	}
	s := &server{cluster: c, opts: o}
	if w, ok := c.(Writer); ok && o.Writes {
		s.writer = w
	}
	srv := mcp.NewServer(&mcp.Implementation{Name: "kscope", Version: o.Version}, &mcp.ServerOptions{Instructions: s.instructions()})
	add(s, srv, clusterTool, s.clusterOverview)
	add(s, srv, topicsTool, s.topics)
	add(s, srv, describeTool, s.describeTopic)
	add(s, srv, readTool, s.readRecords)
	add(s, srv, searchTool, s.search)
	add(s, srv, groupsTool, s.groups)
	add(s, srv, explainTool, s.explain)
	add(s, srv, transactionsTool, s.transactions)
	add(s, srv, aclsTool, s.acls)
	if o.Registry != nil {
		add(s, srv, schemasTool, s.schemas)
	}
	srv.AddPrompt(diagnosePrompt, diagnose)
	if s.writer != nil {
		add(s, srv, createTool, s.createTopic)
		add(s, srv, deleteTool, s.deleteTopic)
		add(s, srv, resetTool, s.resetOffsets)
		add(s, srv, produceTool, s.produce)
		add(s, srv, abortTool, s.abortTransaction)
		add(s, srv, copyTool, s.copyRecords)
		add(s, srv, redriveTool, s.redriveRecords)
	}
	return srv
}

func (s *server) instructions() string {
	mode := "read-only"
	if s.writer != nil {
		mode = "with writes, each previewed first and executed only with the preview's one-time token"
	}
	text := fmt.Sprintf("kscope's view of the Kafka cluster %s, %s. Records come decoded (Avro, Protobuf, JSON Schema, MessagePack) as kscope tail -o json prints them; every answer is bounded and says when it stopped short.", s.opts.Name, mode)
	if s.opts.Masking.On() {
		text += " Masking is on: some fields are masked, and a search tests their masked form only."
	}
	return text
}

// add adds a tool whose calls are logged and whose errors are one line.
func add[In, Out any](s *server, srv *mcp.Server, t *mcp.Tool, h func(context.Context, In) (Out, error)) {
	mcp.AddTool(srv, t, func(ctx context.Context, _ *mcp.CallToolRequest, in In) (*mcp.CallToolResult, Out, error) {
		began := time.Now()
		out, err := h(ctx, in)
		if s.opts.Log != nil {
			outcome := "ok"
			if err != nil {
				outcome = "failed: " + err.Error()
			}
			s.opts.Log("mcp: %s %s in %s", t.Name, outcome, time.Since(began).Round(time.Millisecond))
		}
		return nil, out, err
	})
}
