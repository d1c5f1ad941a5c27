package mcpserver

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/kscope/kscope/kafka/kafkatest"
	"github.com/kscope/kscope/mask"
	"github.com/kscope/kscope/model"
)

var epoch = time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC)

// connect serves a cluster to an in-memory client, as an agent would see
// it.
func connect(t *testing.T, c Cluster, o Options) *mcp.ClientSession {
	t.Helper()
	o.Name = "test"
	if o.Now == nil {
		o.Now = func() time.Time { return epoch }
	}
	server := New(c, o)
	st, ct := mcp.NewInMemoryTransports()
	ctx := context.Background()
	ss, err := server.Connect(ctx, st, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ss.Close() })
	cs, err := mcp.NewClient(&mcp.Implementation{Name: "test"}, nil).Connect(ctx, ct, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cs.Close() })
	return cs
}

// call calls a tool and decodes its structured answer into out; the
// answer's text is returned too, for what it must not hold.
func call(t *testing.T, cs *mcp.ClientSession, tool string, args map[string]any, out any) string {
	t.Helper()
	res, err := cs.CallTool(context.Background(), &mcp.CallToolParams{Name: tool, Arguments: args})
	if err != nil {
		t.Fatalf("%s: %v", tool, err)
	}
	text := ""
	for _, c := range res.Content {
		if tc, ok := c.(*mcp.TextContent); ok {
			text += tc.Text
		}
	}
	if res.IsError {
		t.Fatalf("%s failed: %s", tool, text)
	}
	b, _ := json.Marshal(res.StructuredContent)
	if err := json.Unmarshal(b, out); err != nil {
		t.Fatalf("%s: %v\n%s", tool, err, b)
	}
	return text
}

func payments(n int) []model.Record {
	var rs []model.Record
	for i := range n {
		rs = append(rs, model.Record{Topic: "payments", Partition: int32(i % 3), Timestamp: epoch.UnixMilli() + int64(i)*1000,
			Key:   fmt.Appendf(nil, "ord-%04d", i),
			Value: fmt.Appendf(nil, `{"n":%d,"status":%q,"card":"4111111111111111","email":"ann%d@example.com"}`, i, []string{"paid", "declined"}[i%2], i)})
	}
	return rs
}

func TestToolsAnswerBoundedAndDecoded(t *testing.T) {
	fake := kafkatest.Sample()
	fake.Append(payments(300)...)
	fake.SetGroups(kafkatest.Group("billing", "Empty", 0, "payments", [2]int64{10, 100}, [2]int64{100, 100}))
	cs := connect(t, fake, Options{})

	tools, err := cs.ListTools(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, tool := range tools.Tools {
		names = append(names, tool.Name)
	}
	if want := []string{"acls", "cluster", "consumer_groups", "describe_topic", "explain_group", "read_records", "search", "topics", "transactions"}; !slices.Equal(names, want) {
		t.Errorf("tools %v, want %v (no schemas without a registry)", names, want)
	}

	var cluster clusterOutput
	call(t, cs, "cluster", nil, &cluster)
	if cluster.Controller != 1 || len(cluster.Brokers) != 3 || cluster.Topics != 6 || cluster.UnderReplicated == 0 {
		t.Errorf("cluster: %+v", cluster)
	}
	var topics topicsOutput
	call(t, cs, "topics", nil, &topics)
	if len(topics.Topics) != 5 || topics.Topics[0].Name == "__consumer_offsets" {
		t.Errorf("topics without internal ones: %+v", topics.Topics)
	}

	// The newest records, oldest first; a million asked for gives the cap.
	var read recordsOutput
	call(t, cs, "read_records", map[string]any{"topic": "payments"}, &read)
	if len(read.Records) != 20 || !read.Truncated || read.Records[19]["offset"] != float64(99) || read.Records[0]["timestamp_ms"].(float64) >= read.Records[19]["timestamp_ms"].(float64) {
		t.Errorf("the newest 20: %d records, truncated %v, last %v", len(read.Records), read.Truncated, read.Records[len(read.Records)-1])
	}
	call(t, cs, "read_records", map[string]any{"topic": "payments", "from": "beginning", "limit": 1_000_000}, &read)
	if len(read.Records) != maxRecords || !read.Truncated {
		t.Errorf("a million asked for: %d records, truncated %v", len(read.Records), read.Truncated)
	}
	call(t, cs, "read_records", map[string]any{"topic": "payments", "from": "beginning", "partitions": []int{2}, "limit": 5}, &read)
	if v, _ := read.Records[0]["value"].(map[string]any); len(read.Records) != 5 || read.Records[0]["partition"] != float64(2) || v["status"] != "paid" || read.Records[0]["value_format"] != "json" {
		t.Errorf("partition 2 from the beginning: %v", read.Records)
	}

	var found searchOutput
	call(t, cs, "search", map[string]any{"topic": "payments", "where": `value.status == "declined" && value.n < 20`}, &found)
	if len(found.Matches) != 10 || found.Truncated || !strings.HasPrefix(found.Summary, "10 matches; scanned 300 records in 3 of 3 partitions") {
		t.Errorf("search: %d matches, %q", len(found.Matches), found.Summary)
	}
	call(t, cs, "search", map[string]any{"topic": "payments", "filter": "declined", "limit": 3}, &found)
	if len(found.Matches) != 3 || !found.Truncated || !strings.Contains(found.Summary, "stopped before the end") {
		t.Errorf("search with a limit: %d matches, %q", len(found.Matches), found.Summary)
	}

	var groups groupsOutput
	call(t, cs, "consumer_groups", nil, &groups)
	if len(groups.Groups) != 1 || groups.Groups[0].TotalLag != 90 || groups.Groups[0].Partitions[0].Topic != "payments" {
		t.Errorf("groups: %+v", groups)
	}

	var why explainOutput
	call(t, cs, "explain_group", map[string]any{"group": "billing"}, &why)
	if v, _ := why.WaitsAt["value"].(map[string]any); why.WaitsAt["offset"] != float64(10) || why.WaitsAt["partition"] != float64(0) || v["n"] != float64(30) ||
		len(why.Verdicts) != 2 || why.RestsOn == "" || why.Group.TotalLag != 90 {
		t.Errorf("explain: %+v", why)
	}
	res, err := cs.CallTool(context.Background(), &mcp.CallToolParams{Name: "explain_group", Arguments: map[string]any{"group": "nobody"}})
	if err != nil || !res.IsError {
		t.Errorf("a group that does not exist: %v %+v", err, res)
	}
	fake.SetTransactions(
		model.Transaction{ID: "fresh", State: "Ongoing", Timeout: time.Minute, Started: epoch.Add(-10 * time.Second), Partitions: []model.TopicPartition{{Topic: "payments", Partition: 0}}},
		model.Transaction{ID: "idle", State: "Empty", Timeout: time.Minute},
		model.Transaction{ID: "stuck", State: "Ongoing", Timeout: time.Minute, Started: epoch.Add(-time.Hour), Partitions: []model.TopicPartition{{Topic: "payments", Partition: 1}}})
	var txns transactionsOutput
	call(t, cs, "transactions", nil, &txns)
	if txns.Hanging != 1 || len(txns.Transactions) != 3 || txns.Transactions[0].ID != "stuck" || !txns.Transactions[0].Hanging || txns.Transactions[1].ID != "fresh" {
		t.Errorf("transactions, hanging first: %+v", txns)
	}
	fake.SetACLs(model.ACL{Principal: "User:alice", Host: "*", ResourceType: "TOPIC", ResourceName: "payments", Pattern: "LITERAL", Operation: "READ", Permission: "ALLOW"},
		model.ACL{Principal: "User:bob", Host: "*", ResourceType: "TOPIC", ResourceName: "orders", Pattern: "LITERAL", Operation: "WRITE", Permission: "ALLOW"})
	var acls aclsOutput
	call(t, cs, "acls", map[string]any{"principal": "user:alice"}, &acls)
	if len(acls.ACLs) != 1 || acls.ACLs[0].ResourceName != "payments" {
		t.Errorf("alice's ACLs: %+v", acls)
	}

	// A mistake is one line, as a tool error, not a broken session.
	res, err = cs.CallTool(context.Background(), &mcp.CallToolParams{Name: "search", Arguments: map[string]any{"topic": "payments", "where": "value.status =="}})
	if err != nil || !res.IsError {
		t.Errorf("a broken expression: %v %+v", err, res)
	}
}

// Through a masking policy, as a masked context's client reads, no answer
// holds a masked value, and a search for one finds nothing and says why.
func TestAnswersAreMasked(t *testing.T) {
	policy, err := mask.New(mask.Config{Rules: []mask.Rule{{Topic: "payments", Fields: []string{"value.card"}}, {Detect: []string{"email"}}}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	fake := kafkatest.Sample()
	fake.SetDecoder(mask.Decoding(nil, policy))
	fake.Append(payments(30)...)
	cs := connect(t, fake, Options{Masking: policy})
	var read recordsOutput
	text := call(t, cs, "read_records", map[string]any{"topic": "payments", "from": "beginning", "limit": 50}, &read)
	var found searchOutput
	text += call(t, cs, "search", map[string]any{"topic": "payments", "where": `value.card == "4111111111111111"`}, &found)
	if len(read.Records) != 30 || len(found.Matches) != 0 || !strings.Contains(found.Note, "value.card is masked") || !strings.Contains(read.Note, "masking applied") {
		t.Errorf("read %d records (note %q); search found %d (note %q)", len(read.Records), read.Note, len(found.Matches), found.Note)
	}
	b, _ := json.Marshal(read)
	for _, secret := range []string{"4111111111111111", "@example.com"} {
		if strings.Contains(text+string(b), secret) {
			t.Errorf("%q is in an answer", secret)
		}
	}
	call(t, cs, "search", map[string]any{"topic": "payments", "where": `value.status == "paid"`}, &found)
	if len(found.Matches) != 15 {
		t.Errorf("a search of what is not masked found %d, want 15", len(found.Matches))
	}
}

// stuck is a cluster whose tails wait for records that never come, until
// their context ends: a search of a slow, huge topic.
type stuck struct {
	*kafkatest.Fake
	waiting chan struct{} // a scan waits
	ended   chan error    // and ended, why
}

func (s stuck) Tail(ctx context.Context, req model.TailRequest) (model.RecordStream, error) {
	inner, err := s.Fake.Tail(ctx, req)
	return stuckStream{RecordStream: inner, stuck: s}, err
}

type stuckStream struct {
	model.RecordStream
	stuck
}

func (s stuckStream) Started() []model.Position {
	return []model.Position{{Partition: 0, Next: 0, StartHigh: 1_000_000_000}}
}

func (s stuckStream) Next(ctx context.Context) (model.Batch, error) {
	select {
	case s.waiting <- struct{}{}:
	default:
	}
	<-ctx.Done()
	s.ended <- ctx.Err()
	return model.Batch{}, ctx.Err()
}

// A search the agent cancels stops scanning.
func TestASearchIsCancelledWithItsCall(t *testing.T) {
	fake := kafkatest.Sample()
	fake.Append(payments(3)...)
	waiting, ended := make(chan struct{}, 1), make(chan error, 1)
	cs := connect(t, stuck{Fake: fake, waiting: waiting, ended: ended}, Options{})
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		_, _ = cs.CallTool(ctx, &mcp.CallToolParams{Name: "search", Arguments: map[string]any{"topic": "payments", "filter": "x"}})
	}()
	select {
	case <-waiting:
	case <-time.After(time.Minute):
		t.Fatal("the search never began its scan")
	}
	cancel()
	select {
	case err := <-ended:
		if err != context.Canceled {
			t.Errorf("the scan ended with %v, want its cancel", err)
		}
	case <-time.After(time.Minute):
		t.Fatal("the scan went on after its call was cancelled")
	}
}

// A schema's examples and defaults are masked by the detectors, as any
// output is.
func TestSchemasAreMasked(t *testing.T) {
	policy, _ := mask.New(mask.Config{Rules: []mask.Rule{{Detect: []string{"email"}}}}, nil)
	cs := connect(t, kafkatest.Sample(), Options{Masking: policy, Registry: oneSchema{}})
	var out schemasOutput
	call(t, cs, "schemas", map[string]any{"subject": "users-value"}, &out)
	if len(out.Versions) != 1 || strings.Contains(out.Versions[0].Schema, "ann@example.com") || !strings.Contains(out.Versions[0].Schema, `"default": "***"`) {
		t.Errorf("schemas: %+v", out)
	}
}

type oneSchema struct{ noRegistry }

func (oneSchema) Versions(context.Context, string) ([]model.SchemaVersion, error) {
	return []model.SchemaVersion{{Subject: "users-value", Version: 1, ID: 7, Type: "AVRO", Text: `{"type": "record", "name": "U", "fields": [{"name": "email", "type": "string", "default": "ann@example.com"}]}`}}, nil
}

// The diagnosis prompt names the group, and the tools to call in order.
func TestDiagnosisPrompt(t *testing.T) {
	cs := connect(t, kafkatest.Sample(), Options{})
	res, err := cs.GetPrompt(context.Background(), &mcp.GetPromptParams{Name: "diagnose_lagging_group", Arguments: map[string]string{"group": "billing"}})
	if err != nil {
		t.Fatal(err)
	}
	text := res.Messages[0].Content.(*mcp.TextContent).Text
	for _, want := range []string{`"billing"`, "explain_group", "waits_at", "transactions", "Do not write"} {
		if !strings.Contains(text, want) {
			t.Errorf("the prompt lacks %q:\n%s", want, text)
		}
	}
}

// Each call is told to the debug log: the tool and how it went, never
// its arguments, which may hold what the agent looks for.
func TestCallsAreLogged(t *testing.T) {
	var mu sync.Mutex
	var lines []string
	log := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		lines = append(lines, fmt.Sprintf(format, args...))
	}
	cs := connect(t, kafkatest.Sample(), Options{Log: log})
	var out clusterOutput
	call(t, cs, "cluster", nil, &out)
	callFail(t, cs, "search", map[string]any{"topic": "payments", "filter": "secret-needle", "where": "value.x =="})
	mu.Lock()
	defer mu.Unlock()
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "mcp: cluster ok in ") || !strings.HasPrefix(lines[1], "mcp: search failed: ") || strings.Contains(strings.Join(lines, "\n"), "secret-needle") {
		t.Errorf("the log:\n%s", strings.Join(lines, "\n"))
	}
}

func callFail(t *testing.T, cs *mcp.ClientSession, tool string, args map[string]any) {
	t.Helper()
	res, err := cs.CallTool(context.Background(), &mcp.CallToolParams{Name: tool, Arguments: args})
	if err != nil || !res.IsError {
		t.Fatalf("%s: %v %+v, want a tool error", tool, err, res)
	}
}

// describe_topic gives the partitions and the configs that are set.
func TestDescribeTopic(t *testing.T) {
	fake := kafkatest.Sample()
	cs := connect(t, fake, Options{Writes: true})
	var made writeOutput
	create := map[string]any{"name": "refunds", "partitions": 2, "configs": map[string]string{"retention.ms": "3600000"}}
	call(t, cs, "create_topic", create, &made)
	create["token"] = made.Token
	call(t, cs, "create_topic", create, &made)
	var out describeOutput
	call(t, cs, "describe_topic", map[string]any{"name": "refunds"}, &out)
	if len(out.Partitions) != 2 || out.Topic.Partitions != 2 || !slices.ContainsFunc(out.Configs, func(c configInfo) bool { return c.Name == "retention.ms" && c.Value == "3600000" }) {
		t.Errorf("describe: %+v", out)
	}
	call(t, cs, "describe_topic", map[string]any{"name": "inventory.updates"}, &out)
	if len(out.Partitions) != 4 || out.Topic.UnderReplicated == 0 {
		t.Errorf("a degraded topic: %+v", out)
	}
}

// With diff, each version after the first is its changes.
func TestSchemaDiff(t *testing.T) {
	cs := connect(t, kafkatest.Sample(), Options{Registry: twoVersions{}})
	var out schemasOutput
	call(t, cs, "schemas", map[string]any{"subject": "users-value", "diff": true}, &out)
	if len(out.Versions) != 2 || out.Versions[0].Schema == "" || out.Versions[1].Schema != "" || !slices.Contains(out.Versions[1].Changes, `+     "email"`) {
		t.Errorf("diff: %+v", out.Versions)
	}
}

type twoVersions struct{ noRegistry }

func (twoVersions) Versions(context.Context, string) ([]model.SchemaVersion, error) {
	return []model.SchemaVersion{
		{Subject: "users-value", Version: 1, ID: 1, Type: "JSON", Text: `{"required": ["id"]}`},
		{Subject: "users-value", Version: 2, ID: 2, Type: "JSON", Text: `{"required": ["id", "email"]}`},
	}, nil
}
