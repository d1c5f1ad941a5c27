package main

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kscope/kscope/kafka"
	"github.com/kscope/kscope/kafka/clustertest"
	"github.com/kscope/kscope/report"
	"github.com/kscope/kscope/ui"
	"github.com/kscope/kscope/ui/uitest"
)

// A node that stops cleanly leaves the ISR of a topic that needs all three
// in sync, and Kafka 4 keeps it as an eligible leader replica: kscope topic
// describe says so as kafka-topics.sh --describe does, marks the partitions
// below min.insync.replicas, and so does the TUI's partitions pane. kfake
// tracks no ELR.
func TestNodeDownLeavesEligibleLeaderReplicas(t *testing.T) {
	cluster := clustertest.Disruptive(t)
	brokers := strings.Join(cluster.Addrs, ",")
	three := "3"
	topic := cluster.Topic(t, "elr", 2, map[string]*string{"min.insync.replicas": &three})

	c, err := kafka.New(kafka.Config{Brokers: cluster.Addrs})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	tui := uitest.Start(t, ui.New(c, ui.Options{Name: "apache", Refresh: 500 * time.Millisecond}), 120, 30)
	defer tui.Quit()
	tui.Type(":", "partitions "+topic, "enter")
	tui.WaitFor(topic+" · 2 partitions", "min ISR")

	cluster.StopNode(t, 3)
	defer cluster.StartNode(t, 3)
	var got report.TopicDetail
	clustertest.WaitFor(t, "node 3 eligible to lead every partition of "+topic, func() error {
		out, errOut, code := run(t, "", kscope, "topic", "describe", topic, "-o", "json", "-b", brokers)
		if code != 0 {
			return fmt.Errorf("exit %d: %s", code, errOut)
		}
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			return err
		}
		for _, p := range got.Partitions {
			if !slices.Equal(p.ELR, []int32{3}) {
				return fmt.Errorf("partition %d: ELR %v", p.Partition, p.ELR)
			}
		}
		return nil
	})
	if got.MinISR == nil || *got.MinISR != 3 || got.BelowMinISR != 2 {
		t.Errorf("min ISR %v, %d partitions below; want 3, 2", got.MinISR, got.BelowMinISR)
	}

	// What Kafka's own tool says, partition by partition.
	described := kafkaTool(t, "org.apache.kafka.tools.TopicCommand", "--bootstrap-server", brokers, "--describe", "--topic", topic)
	line := regexp.MustCompile(`Partition: (\d+)\s+Leader: (\S+)\s+Replicas: (\S+)\s+Isr: (\S*)\s+Elr: (\S*)\s+LastKnownElr: (\S*)`)
	rows := line.FindAllStringSubmatch(described, -1)
	if len(rows) != 2 {
		t.Fatalf("kafka-topics.sh --describe:\n%s", described)
	}
	for i, m := range rows {
		p := got.Partitions[i]
		ours := []string{fmt.Sprint(p.Partition), fmt.Sprint(p.Leader), ids(p.Replicas), ids(p.ISR), ids(p.ELR), ids(p.LastKnownELR)}
		if !slices.Equal(ours, m[1:]) {
			t.Errorf("kscope says %v, kafka-topics.sh %v", ours, m[1:])
		}
	}

	table := kscopeOn(t, brokers, "topic", "describe", topic)
	if strings.Count(table, "below min ISR") != 2 || !strings.Contains(table, "2 partitions below min.insync.replicas 3") {
		t.Errorf("the table does not mark both partitions below min ISR:\n%s", table)
	}
	tui.WaitFor("2 below min ISR 3")
}

// ids is a list of broker ids as kafka-topics.sh writes one.
func ids(in []int32) string {
	s := make([]string, len(in))
	for i, id := range in {
		s[i] = fmt.Sprint(id)
	}
	return strings.Join(s, ",")
}
