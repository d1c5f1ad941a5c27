package mcpserver

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kscope/kscope/kafka"
	"github.com/kscope/kscope/kafka/clustertest"
)

// The tools answer the same through the real adapter, on kfake and on
// Apache Kafka.
func TestToolsOnBothLanes(t *testing.T) {
	clustertest.Each(t, func(t *testing.T, c *clustertest.Cluster) {
		ctx := context.Background()
		topic := c.Topic(t, "mcp", 3, nil)
		var records []*kgo.Record
		base := time.Now().Add(-time.Hour)
		for i := range 60 {
			records = append(records, &kgo.Record{Topic: topic, Key: fmt.Appendf(nil, "k-%02d", i%12), Timestamp: base.Add(time.Duration(i) * time.Second),
				Value: fmt.Appendf(nil, `{"n":%d,"status":%q}`, i, []string{"paid", "declined", "shipped"}[i%3])})
		}
		if err := c.Client(t).ProduceSync(ctx, records...).FirstErr(); err != nil {
			t.Fatal(err)
		}
		group := clustertest.Unique("mcp-group")
		offsets := kadm.Offsets{}
		for p := range int32(3) {
			offsets.Add(kadm.Offset{Topic: topic, Partition: p, At: 5})
		}
		if _, err := c.Admin(t).CommitOffsets(ctx, group, offsets); err != nil {
			t.Fatal(err)
		}
		client, err := kafka.New(kafka.Config{Brokers: c.Addrs, Timeout: 30 * time.Second})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(client.Close)
		cs := connect(t, client, Options{Now: time.Now, Writes: true})

		var topics topicsOutput
		call(t, cs, "topics", map[string]any{"names": []string{topic}}, &topics)
		if len(topics.Topics) != 1 || topics.Topics[0].Partitions != 3 || topics.Topics[0].Messages != 60 {
			t.Errorf("topics: %+v", topics.Topics)
		}
		var read recordsOutput
		call(t, cs, "read_records", map[string]any{"topic": topic, "limit": 10}, &read)
		if len(read.Records) != 10 || read.Records[9]["value"].(map[string]any)["n"] != float64(59) {
			t.Errorf("the newest 10: %v", read.Records)
		}
		var found searchOutput
		call(t, cs, "search", map[string]any{"topic": topic, "key": "k-03"}, &found)
		if len(found.Matches) != 5 || !strings.Contains(found.Summary, "5 matches; scanned") || !strings.Contains(found.Summary, "in 1 of 3 partitions") {
			t.Errorf("key search: %d matches, %q", len(found.Matches), found.Summary)
		}
		call(t, cs, "search", map[string]any{"topic": topic, "where": `value.status == "declined"`}, &found)
		if len(found.Matches) != 20 || !strings.HasPrefix(found.Summary, "20 matches; scanned 60 records in 3 of 3 partitions") {
			t.Errorf("expression search: %d matches, %q", len(found.Matches), found.Summary)
		}
		var groups groupsOutput
		call(t, cs, "consumer_groups", map[string]any{"names": []string{group}}, &groups)
		if len(groups.Groups) != 1 || groups.Groups[0].TotalLag != 45 || groups.Groups[0].Status != "STOPPED" && groups.Groups[0].Status != "OK" {
			t.Errorf("groups: %+v", groups.Groups)
		}
		var why explainOutput
		call(t, cs, "explain_group", map[string]any{"group": group}, &why)
		if why.WaitsAt["offset"] != float64(5) || why.WaitsAt["topic"] != topic || len(why.Verdicts) != 3 {
			t.Errorf("explain: %+v", why)
		}
		var cluster clusterOutput
		call(t, cs, "cluster", nil, &cluster)
		if len(cluster.Brokers) != len(c.Addrs) || cluster.Partitions < 3 {
			t.Errorf("cluster: %+v", cluster)
		}

		// Writes, each through its preview's token.
		write := func(tool string, args map[string]any) writeOutput {
			t.Helper()
			var out writeOutput
			call(t, cs, tool, args, &out)
			args["token"] = out.Token
			call(t, cs, tool, args, &out)
			return out
		}
		if out := write("reset_offsets", map[string]any{"group": group, "topic": topic, "to": "earliest"}); !strings.Contains(out.Done, "lag 45 → 60") {
			t.Errorf("reset: %+v", out)
		}
		if out := write("produce", map[string]any{"topic": topic, "records": []map[string]any{{"key": "k-00", "value": `{"n":60}`}}}); out.Done != "sent 1 record to "+topic {
			t.Errorf("produce: %+v", out)
		}
		made := clustertest.Unique("mcp-made")
		if out := write("create_topic", map[string]any{"name": made, "partitions": 2}); out.Done != "created topic "+made {
			t.Errorf("create: %+v", out)
		}
		clustertest.WaitFor(t, "the new topic to be described", func() error {
			var topics topicsOutput
			call(t, cs, "topics", map[string]any{"names": []string{made}}, &topics)
			if topics.Topics[0].Error != "" || topics.Topics[0].Partitions != 2 {
				return fmt.Errorf("%+v", topics.Topics[0])
			}
			return nil
		})
		if out := write("delete_topic", map[string]any{"name": made}); out.Done != "deleted topic "+made {
			t.Errorf("delete: %+v", out)
		}
	})
}
