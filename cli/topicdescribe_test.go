package cli

import (
	"encoding/json"
	"testing"
)

// topic describe shows each partition with its replicas, and in JSON the
// topic's min.insync.replicas and which partitions fall below it.
func TestTopicDescribe(t *testing.T) {
	kscope(t, "", "topic", "create", "cli-described", "-p", "2", "--set", "min.insync.replicas=2").want(t, 0)
	kscope(t, "k|v\n", "produce", "cli-described", "-K", "|", "-p", "1").want(t, 0, "1 record")
	kscope(t, "", "topic", "describe", "cli-described").want(t, 0,
		"cli-described · 2 partitions · RF 1 · min.insync.replicas 2",
		"PARTITION  LEADER  REPLICAS  ISR  ELR  LAST-KNOWN-ELR  OFFLINE  LOW  HIGH  MESSAGES",
		"2 partitions below min.insync.replicas 2: producers with acks=all are refused there")

	out := kscope(t, "", "topic", "describe", "cli-described", "-o", "json").want(t, 0)
	var got struct {
		MinISR     *int `json:"min_insync_replicas"`
		Below      int  `json:"below_min_isr"`
		Partitions []struct {
			Partition int32   `json:"partition"`
			ISR       []int32 `json:"isr"`
			ELR       []int32 `json:"elr"`
			Below     bool    `json:"below_min_isr"`
			High      int64   `json:"high_watermark"`
		} `json:"partitions"`
	}
	if err := json.Unmarshal([]byte(out.stdout), &got); err != nil {
		t.Fatalf("%v in %s", err, out.stdout)
	}
	if got.MinISR == nil || *got.MinISR != 2 || got.Below != 2 || len(got.Partitions) != 2 {
		t.Fatalf("min ISR %v, %d below, %d partitions; want 2, 2, 2:\n%s", got.MinISR, got.Below, len(got.Partitions), out.stdout)
	}
	p := got.Partitions[1]
	if p.Partition != 1 || len(p.ISR) != 1 || p.ELR == nil || len(p.ELR) != 0 || !p.Below || p.High != 1 {
		t.Errorf("partition 1 is %+v", p)
	}
	kscope(t, "", "topic", "describe", "cli-no-such-topic").want(t, 1, "cli-no-such-topic")
}
