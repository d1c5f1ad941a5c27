package mcpserver

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/kscope/kscope/kafka/kafkatest"
	"github.com/kscope/kscope/mask"
	"github.com/kscope/kscope/model"
)

// callErr calls a tool that must fail, and says why it did.
func callErr(t *testing.T, cs *mcp.ClientSession, tool string, args map[string]any) string {
	t.Helper()
	res, err := cs.CallTool(context.Background(), &mcp.CallToolParams{Name: tool, Arguments: args})
	if err != nil {
		t.Fatalf("%s: %v", tool, err)
	}
	if !res.IsError {
		t.Fatalf("%s succeeded: %+v", tool, res.StructuredContent)
	}
	return res.Content[0].(*mcp.TextContent).Text
}

// A write changes nothing until the preview's token comes back with the
// same arguments, once, within its life.
func TestWritesArePreviewedThenExecutedWithTheirToken(t *testing.T) {
	fake := kafkatest.Sample()
	fake.Append(payments(6)...)
	fake.SetGroups(kafkatest.Group("billing", "Empty", 0, "payments", [2]int64{1, 2}, [2]int64{2, 2}, [2]int64{2, 2}))
	now := epoch
	cs := connect(t, fake, Options{Writes: true, Now: func() time.Time { return now }})
	exists := func(name string) bool {
		topics, _ := fake.Topics(context.Background(), name)
		return topics[0].Err == nil
	}

	create := map[string]any{"name": "refunds", "partitions": 4, "configs": map[string]string{"retention.ms": "86400000"}}
	var out writeOutput
	call(t, cs, "create_topic", create, &out)
	if out.Token == "" || out.Preview != "create topic refunds with 4 partitions, replication factor the broker's default, retention.ms=86400000" || exists("refunds") {
		t.Fatalf("the preview: %+v; created already: %v", out, exists("refunds"))
	}
	// Another call's arguments with this token: refused, and the token spent.
	other := map[string]any{"name": "refunds-x", "partitions": 4, "configs": map[string]string{"retention.ms": "86400000"}, "token": out.Token}
	if why := callErr(t, cs, "create_topic", other); !strings.Contains(why, "the token is another preview's") || exists("refunds-x") {
		t.Errorf("a token with other arguments: %s", why)
	}
	create["token"] = out.Token
	if why := callErr(t, cs, "create_topic", create); !strings.Contains(why, "used already") || exists("refunds") {
		t.Errorf("a spent token: %s", why)
	}
	delete(create, "token")
	call(t, cs, "create_topic", create, &out)
	create["token"] = out.Token
	call(t, cs, "create_topic", create, &out)
	if out.Done != "created topic refunds" || !exists("refunds") {
		t.Errorf("executed: %+v, exists %v", out, exists("refunds"))
	}

	// A token outlives its five minutes only to say so.
	call(t, cs, "delete_topic", map[string]any{"name": "refunds"}, &out)
	if !strings.HasPrefix(out.Preview, "delete topic refunds: its 4 partitions") {
		t.Errorf("delete preview: %q", out.Preview)
	}
	now = now.Add(approvalLife + time.Second)
	if why := callErr(t, cs, "delete_topic", map[string]any{"name": "refunds", "token": out.Token}); !strings.Contains(why, "expired") || !exists("refunds") {
		t.Errorf("an expired token: %s", why)
	}

	call(t, cs, "reset_offsets", map[string]any{"group": "billing", "topic": "payments", "to": "earliest"}, &out)
	if !strings.Contains(out.Preview, "payments/0: 1 -> 0") {
		t.Errorf("reset preview: %q", out.Preview)
	}
	call(t, cs, "reset_offsets", map[string]any{"group": "billing", "topic": "payments", "to": "earliest", "token": out.Token}, &out)
	groups, _ := fake.Groups(context.Background(), "billing")
	if !strings.HasPrefix(out.Done, "reset billing on payments") || groups[0].Partitions[0].Committed != 0 {
		t.Errorf("reset: %+v, committed now %d", out, groups[0].Partitions[0].Committed)
	}

	records := map[string]any{"topic": "payments", "records": []map[string]any{{"key": "k1", "value": `{"n":99}`, "partition": 1, "headers": map[string]string{"source": "agent"}}}}
	call(t, cs, "produce", records, &out)
	records["token"] = out.Token
	call(t, cs, "produce", records, &out)
	var read recordsOutput
	call(t, cs, "read_records", map[string]any{"topic": "payments", "partitions": []int{1}, "limit": 1}, &read)
	if out.Done != "sent 1 record to payments" || read.Records[0]["key"] != "k1" {
		t.Errorf("produce: %+v; the newest record of partition 1: %v", out, read.Records)
	}
}

// A hanging transaction is aborted where its producer has it open, after
// a preview that says where.
func TestAbortAHangingTransaction(t *testing.T) {
	fake := kafkatest.Sample()
	tp := model.TopicPartition{Topic: "payments", Partition: 1}
	fake.SetTransactions(model.Transaction{ID: "stuck", State: "Ongoing", ProducerID: 4001, Timeout: time.Minute, Started: epoch.Add(-time.Hour), Partitions: []model.TopicPartition{tp}})
	fake.SetProducers(model.Producer{TopicPartition: tp, ID: 4001, OpenFrom: 77})
	cs := connect(t, fake, Options{Writes: true})
	var out writeOutput
	call(t, cs, "abort_transaction", map[string]any{"transactional_id": "stuck"}, &out)
	if out.Preview != "abort the transaction of stuck (producer 4001, hanging, open 1h0m0s): an abort marker on payments/1 from offset 77" {
		t.Errorf("preview: %q", out.Preview)
	}
	call(t, cs, "abort_transaction", map[string]any{"transactional_id": "stuck", "token": out.Token}, &out)
	producers, _ := fake.Producers(context.Background(), "payments", 1)
	if out.Done != "aborted the transaction of stuck on 1 partition" || producers[0].OpenFrom != -1 {
		t.Errorf("abort: %+v; open from %d", out, producers[0].OpenFrom)
	}
	if why := callErr(t, cs, "abort_transaction", map[string]any{"transactional_id": "stuck"}); !strings.Contains(why, "has ended") {
		t.Errorf("a transaction that ended: %s", why)
	}
}

// Without --allow-writes there are no write tools to call.
func TestReadOnlyByDefault(t *testing.T) {
	cs := connect(t, kafkatest.Sample(), Options{})
	tools, err := cs.ListTools(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tool := range tools.Tools {
		if tool.Name == "create_topic" || tool.Name == "produce" || tool.Name == "reset_offsets" || tool.Name == "delete_topic" || tool.Name == "abort_transaction" {
			t.Errorf("a read-only server offers %s", tool.Name)
		}
	}
	res, err := cs.CallTool(context.Background(), &mcp.CallToolParams{Name: "create_topic", Arguments: map[string]any{"name": "x"}})
	if err == nil && !res.IsError {
		t.Error("a read-only server created a topic")
	}
}

// A copy is previewed as a dry run says it, and executed through the
// shared sender, journaled as the CLI's; a redrive sends each dead letter
// back to its origin.
func TestCopyAndRedrive(t *testing.T) {
	fake := kafkatest.Sample()
	fake.Append(payments(30)...)
	var letters []model.Record
	for i := range 4 {
		letters = append(letters, model.Record{Topic: "audit.log", Value: fmt.Appendf(nil, "failed %d", i),
			Headers: []model.Header{{Key: "kafka_dlt-original-topic", Value: []byte("orders")}, {Key: "kafka_dlt-exception-message", Value: []byte("boom")}}})
	}
	fake.Append(letters...)
	dir := t.TempDir()
	cs := connect(t, fake, Options{Writes: true, JournalDir: dir})

	args := map[string]any{"source": "payments", "destination": "orders", "where": `value.status == "declined"`, "keep_partition": true}
	var out writeOutput
	call(t, cs, "copy_records", args, &out)
	if !strings.HasPrefix(out.Preview, "would copy 15 records (") || !strings.Contains(out.Preview, "of 30 scanned to orders") {
		t.Errorf("copy preview: %q", out.Preview)
	}
	args["token"] = out.Token
	call(t, cs, "copy_records", args, &out)
	if !strings.HasPrefix(out.Done, "copied 15 records (") {
		t.Errorf("copy: %+v", out)
	}
	var found searchOutput
	call(t, cs, "search", map[string]any{"topic": "orders", "where": `value.status == "declined"`, "limit": 100}, &found)
	if len(found.Matches) != 15 {
		t.Errorf("orders holds %d declined payments after the copy, want 15", len(found.Matches))
	}

	redrive := map[string]any{"dlq": "audit.log", "strip_headers": true}
	call(t, cs, "redrive_records", redrive, &out)
	if !strings.Contains(out.Preview, "would copy 4 records") || !strings.Contains(out.Preview, "to their origins: orders (4)") {
		t.Errorf("redrive preview: %q", out.Preview)
	}
	redrive["token"] = out.Token
	call(t, cs, "redrive_records", redrive, &out)
	call(t, cs, "search", map[string]any{"topic": "orders", "filter": "failed"}, &found)
	if !strings.HasPrefix(out.Done, "copied 4 records") || len(found.Matches) != 4 || len(found.Matches[0]["headers"].([]any)) != 0 {
		t.Errorf("redrive: %+v; orders holds %v", out, found.Matches)
	}
}

// A masked topic's bytes are not copied by an agent either, unless the
// context allows raw bytes.
func TestCopyRefusesAMaskedTopic(t *testing.T) {
	policy, _ := mask.New(mask.Config{Rules: []mask.Rule{{Topic: "payments", Fields: []string{"value.card"}}}}, nil)
	fake := kafkatest.Sample()
	fake.Append(payments(3)...)
	cs := connect(t, fake, Options{Writes: true, Masking: policy})
	if why := callErr(t, cs, "copy_records", map[string]any{"source": "payments", "destination": "orders"}); !strings.Contains(why, "allow_raw") {
		t.Errorf("copy of a masked topic: %s", why)
	}
}
