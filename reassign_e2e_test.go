package main

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kscope/kscope/kafka/clustertest"
	"github.com/kscope/kscope/report"
)

// skewedTopic creates a topic whose partitions all live on brokers 1 and
// 2, alternating their leader, and writes kib KiB into each.
func skewedTopic(t *testing.T, c *clustertest.Cluster, prefix string, partitions, kib int) string {
	t.Helper()
	name := clustertest.Unique(prefix)
	req := kmsg.NewPtrCreateTopicsRequest()
	rt := kmsg.NewCreateTopicsRequestTopic()
	rt.Topic, rt.NumPartitions, rt.ReplicationFactor = name, -1, -1
	for p := range partitions {
		a := kmsg.NewCreateTopicsRequestTopicReplicaAssignment()
		a.Partition, a.Replicas = int32(p), []int32{int32(1 + p%2), int32(2 - p%2)}
		rt.ReplicaAssignment = append(rt.ReplicaAssignment, a)
	}
	req.Topics = append(req.Topics, rt)
	req.TimeoutMillis = 30_000
	cl := c.Client(t)
	resp, err := req.RequestWith(context.Background(), cl)
	if err == nil {
		err = kerr.ErrorForCode(resp.Topics[0].ErrorCode)
	}
	if err != nil {
		t.Fatalf("create %s: %v", name, err)
	}
	t.Cleanup(func() { _, _ = c.Admin(t).DeleteTopics(context.Background(), name) })
	// Random values: compressed on the way, repeated ones would take no
	// time to copy.
	var records []*kgo.Record
	for p := range partitions {
		for range kib {
			value := make([]byte, 1024)
			rand.Read(value)
			records = append(records, &kgo.Record{Topic: name, Partition: int32(p), Value: value})
		}
	}
	manual := c.Client(t, kgo.RecordPartitioner(kgo.ManualPartitioner()))
	clustertest.WaitFor(t, "records written to "+name, func() error {
		return manual.ProduceSync(context.Background(), records...).FirstErr()
	})
	return name
}

// replicasOf is where each partition of a topic has its replicas now.
func replicasOf(t *testing.T, addr, topic string) [][]int32 {
	t.Helper()
	var d report.TopicDetail
	if err := json.Unmarshal([]byte(kscopeOn(t, addr, "topic", "describe", topic, "-o", "json")), &d); err != nil {
		t.Fatal(err)
	}
	out := make([][]int32, len(d.Partitions))
	for i, p := range d.Partitions {
		out[i] = p.Replicas
	}
	return out
}

// brokerThrottle is what Kafka's own kafka-configs.sh says of a broker's
// replication throttle.
func brokerThrottle(t *testing.T, addr string, broker int) string {
	t.Helper()
	out := kafkaTool(t, "org.apache.kafka.tools.ConfigCommand", "--bootstrap-server", addr, "--describe", "--entity-type", "brokers", "--entity-name", fmt.Sprint(broker))
	found := regexp.MustCompile(`(?m)^\s+(leader|follower)\.replication\.throttled\.rate=\d+`).FindAllString(out, -1)
	return strings.Join(strings.Fields(strings.Join(found, " ")), " ")
}

// A topic piled on two brokers of three is spread over all three by a
// plan kscope proposes, applied under a throttle that is set while the
// moves run and removed after; Kafka's own tool reads the plan and finds
// it complete.
func TestReassignBalancesATopicUnderAThrottleOnApacheKafka(t *testing.T) {
	c := clustertest.Apache(t)
	addr := strings.Join(c.Addrs, ",")
	topic := skewedTopic(t, c, "rebalance", 6, 64)
	plan := filepath.Join(t.TempDir(), "plan.json")
	if err := os.WriteFile(plan, []byte(kscopeOn(t, addr, "reassign", "plan", topic, "-o", "json")), 0o600); err != nil {
		t.Fatal(err)
	}
	if out := kscopeOn(t, addr, "reassign", "apply", plan); !strings.Contains(out, "partitions move") || !strings.Contains(out, "nothing changed") {
		t.Fatalf("the preview:\n%s", out)
	}
	if got := replicasOf(t, addr, topic); !slices.Equal(got[0], []int32{1, 2}) {
		t.Fatalf("the preview moved partition 0 to %v", got[0])
	}
	out := kscopeOn(t, addr, "reassign", "apply", plan, "--throttle", "20MiB", "--execute")
	if !strings.Contains(out, "started moving") || !strings.Contains(out, "throttled to 20 MiB/s on brokers 1,2,3") {
		t.Fatalf("apply:\n%s", out)
	}
	for b := 1; b <= 3; b++ {
		if got := brokerThrottle(t, c.Addrs[0], b); got != "follower.replication.throttled.rate=20971520 leader.replication.throttled.rate=20971520" &&
			got != "leader.replication.throttled.rate=20971520 follower.replication.throttled.rate=20971520" {
			t.Errorf("broker %d throttle while moving, as kafka-configs.sh says: %q", b, got)
		}
	}
	clustertest.WaitFor(t, "the moves to finish", func() error {
		if out := kscopeOn(t, addr, "reassign", "status"); !strings.Contains(out, "no reassignment in progress") {
			return fmt.Errorf("%s", out)
		}
		return nil
	})
	perBroker := map[int32]int{}
	for _, r := range replicasOf(t, addr, topic) {
		for _, b := range r {
			perBroker[b]++
		}
	}
	if perBroker[1] != 4 || perBroker[2] != 4 || perBroker[3] != 4 {
		t.Errorf("replicas per broker after the moves: %v, want 4 each", perBroker)
	}
	verified := kafkaTool(t, "org.apache.kafka.tools.reassign.ReassignPartitionsCommand", "--bootstrap-server", addr,
		"--verify", "--preserve-throttles", "--reassignment-json-file", plan)
	if strings.Count(verified, "is completed") == 0 || strings.Contains(verified, "still in progress") {
		t.Errorf("kafka-reassign-partitions.sh --verify:\n%s", verified)
	}

	if out := kscopeOn(t, addr, "reassign", "status"); !strings.Contains(out, "replication throttle: 20 MiB/s on brokers 1,2,3; replicas of "+topic) {
		t.Errorf("status once done:\n%s", out)
	}
	if out := kscopeOn(t, addr, "reassign", "status", "--clear-throttle"); !strings.Contains(out, "removed the replication throttle") {
		t.Errorf("clear:\n%s", out)
	}
	for b := 1; b <= 3; b++ {
		if got := brokerThrottle(t, c.Addrs[0], b); got != "" {
			t.Errorf("broker %d still throttled: %s", b, got)
		}
	}
	topicConfigs := kafkaTool(t, "org.apache.kafka.tools.ConfigCommand", "--bootstrap-server", addr, "--describe", "--entity-type", "topics", "--entity-name", topic)
	if strings.Contains(topicConfigs, "throttled.replicas") {
		t.Errorf("the topic is still throttled:\n%s", topicConfigs)
	}
}

// A move slowed to a crawl shows its bytes left, and cancelling it puts
// the partition back where it was and removes the throttle.
func TestReassignCancelOnApacheKafka(t *testing.T) {
	c := clustertest.Apache(t)
	addr := strings.Join(c.Addrs, ",")
	topic := skewedTopic(t, c, "crawl", 1, 2048)
	plan := filepath.Join(t.TempDir(), "plan.json")
	edited := fmt.Sprintf(`{"version":1,"partitions":[{"topic":%q,"partition":0,"replicas":[3,2]}]}`, topic)
	if err := os.WriteFile(plan, []byte(edited), 0o600); err != nil {
		t.Fatal(err)
	}
	kscopeOn(t, addr, "reassign", "apply", plan, "--throttle", "10KB", "--execute")
	status := kscopeOn(t, addr, "reassign", "status")
	row := regexp.MustCompile(regexp.QuoteMeta(topic) + `\s+0\s+(\S+)\s+3\s+1\s+(\d+(?:\.\d+)? [kM]B)`).FindStringSubmatch(status)
	if row == nil || !strings.Contains(status, "1 partition moving") || !strings.Contains(status, "replication throttle: 9.8 KiB/s") {
		t.Fatalf("status while crawling:\n%s\n%s", status, kscopeOn(t, addr, "topic", "describe", topic))
	}
	if out := kscopeOn(t, addr, "reassign", "cancel", topic); !strings.Contains(out, "nothing changed") {
		t.Fatalf("cancel preview:\n%s", out)
	}
	out := kscopeOn(t, addr, "reassign", "cancel", topic, "--execute")
	if !strings.Contains(out, "cancelled the moves of 1 partition") || !strings.Contains(out, "removed the replication throttle") {
		t.Fatalf("cancel:\n%s", out)
	}
	// Back on brokers 1 and 2, though Kafka keeps them in the order of
	// the move's replicas (3,2,1 less 3), not as they were.
	clustertest.WaitFor(t, "partition 0 back on 1,2", func() error {
		if got := slices.Sorted(slices.Values(replicasOf(t, addr, topic)[0])); !slices.Equal(got, []int32{1, 2}) {
			return fmt.Errorf("replicas %v", got)
		}
		return nil
	})
	if got := brokerThrottle(t, c.Addrs[0], 3); got != "" {
		t.Errorf("broker 3 still throttled: %s", got)
	}
}
