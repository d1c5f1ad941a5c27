package main

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kscope/kscope/kafka"
	"github.com/kscope/kscope/kafka/clustertest"
	"github.com/kscope/kscope/report"
	"github.com/kscope/kscope/ui"
	"github.com/kscope/kscope/ui/uitest"
)

// A topic with tiered storage on the lane (Kafka's LocalTieredStorage)
// copies its full segments to remote storage and drops them from the
// brokers' disks; kscope says where local storage starts and what was
// tiered last, as kafka-get-offsets.sh says it with --time -4 and -5.
// kfake has no remote storage.
func TestTieredStorageAsKafkasToolsSayIt(t *testing.T) {
	c := clustertest.Apache(t)
	addr := strings.Join(c.Addrs, ",")
	on, mib, second := "true", "1048576", "1000"
	topic := c.Topic(t, "tiered", 1, map[string]*string{"remote.storage.enable": &on, "segment.bytes": &mib, "local.retention.ms": &second})
	var records []*kgo.Record
	for range 4096 {
		value := make([]byte, 1024)
		rand.Read(value)
		records = append(records, &kgo.Record{Topic: topic, Value: value})
	}
	if err := c.Client(t).ProduceSync(context.Background(), records...).FirstErr(); err != nil {
		t.Fatal(err)
	}
	var got report.TopicDetail
	clustertest.WaitFor(t, "segments of "+topic+" in remote storage alone", func() error {
		if err := json.Unmarshal([]byte(kscopeOn(t, addr, "topic", "describe", topic, "-o", "json")), &got); err != nil {
			return err
		}
		p := got.Partitions[0]
		if !got.RemoteStorage || p.LocalLogStart == nil || *p.LocalLogStart == 0 || p.LastTiered == nil || *p.LastTiered < *p.LocalLogStart-1 {
			return fmt.Errorf("remote storage %v, local start %v, last tiered %v", got.RemoteStorage, p.LocalLogStart, p.LastTiered)
		}
		return nil
	})
	p := got.Partitions[0]
	offsets := func(spec string) string {
		out := kafkaTool(t, "org.apache.kafka.tools.GetOffsetShell", "--bootstrap-server", addr, "--topic", topic, "--time", spec)
		m := regexp.MustCompile(regexp.QuoteMeta(topic) + `:0:(-?\d+)`).FindStringSubmatch(out)
		if m == nil {
			t.Fatalf("kafka-get-offsets.sh --time %s:\n%s", spec, out)
		}
		return m[1]
	}
	// Remote storage moves on between the two looks: compare with a
	// second look of kscope's once Kafka's tool has answered.
	theirs := []string{offsets("-2"), offsets("-4"), offsets("-5")}
	if err := json.Unmarshal([]byte(kscopeOn(t, addr, "topic", "describe", topic, "-o", "json")), &got); err != nil {
		t.Fatal(err)
	}
	p = got.Partitions[0]
	if ours := []string{fmt.Sprint(p.Low), fmt.Sprint(*p.LocalLogStart), fmt.Sprint(*p.LastTiered)}; strings.Join(ours, " ") != strings.Join(theirs, " ") {
		t.Errorf("log start, local start, last tiered: kscope %v, kafka-get-offsets.sh %v", ours, theirs)
	}
	if p.Low != 0 || p.High != 4096 || got.Topic.Messages != 4096 {
		t.Errorf("watermarks %d-%d, %d messages: tiered records still count", p.Low, p.High, got.Topic.Messages)
	}

	cl, err := kafka.New(kafka.Config{Brokers: c.Addrs})
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	tui := uitest.Start(t, ui.New(cl, ui.Options{Name: "apache", Refresh: time.Second}), 160, 20)
	defer tui.Quit()
	tui.Type(":", "partitions "+topic, "enter")
	tui.WaitUntil("the remote storage in the summary", func(s string) bool {
		return regexp.MustCompile(`remote storage: [\d,]+ records in it alone`).MatchString(s)
	})
}
