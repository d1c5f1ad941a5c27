package main

import (
	"strings"
	"testing"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kscope/kscope/kafka/clustertest"
)

// Dead letters written as Spring Kafka and Kafka Connect write them go
// back to their origins: previewed by destination, sent byte for byte
// with --execute, their error headers stripped when asked, and those
// naming no origin left where they are.
func TestRedriveADeadLetterTopic(t *testing.T) {
	needKcat(t)
	clustertest.Each(t, func(t *testing.T, cluster *clustertest.Cluster) {
		dlq := cluster.Topic(t, "orders.DLT", 1, nil)
		orders := cluster.Topic(t, "orders", 2, nil)
		payments := cluster.Topic(t, "payments", 1, nil)
		spring := func(key, value string) *kgo.Record {
			return &kgo.Record{Topic: dlq, Key: []byte(key), Value: []byte(value), Headers: []kgo.RecordHeader{
				{Key: "trace", Value: []byte("t-" + key)},
				{Key: "kafka_dlt-original-topic", Value: []byte(orders)},
				{Key: "kafka_dlt-original-partition", Value: []byte{0, 0, 0, 1}},
				{Key: "kafka_dlt-exception-message", Value: []byte("timeout talking to stock")},
			}}
		}
		connect := &kgo.Record{Topic: dlq, Key: []byte("p1"), Value: []byte(`{"paid":true}`), Headers: []kgo.RecordHeader{
			{Key: "__connect.errors.topic", Value: []byte(payments)},
			{Key: "__connect.errors.exception.message", Value: []byte("Converting byte[] to Kafka Connect data failed")},
		}}
		orphan := &kgo.Record{Topic: dlq, Key: []byte("x"), Value: []byte("no origin")}
		cl := cluster.Client(t)
		if err := cl.ProduceSync(t.Context(), spring("o1", `{"id":1}`), spring("o2", `{"id":2}`), connect, orphan).FirstErr(); err != nil {
			t.Fatal(err)
		}
		brokers := strings.Join(cluster.Addrs, ",")
		ks := func(args ...string) (string, string, int) { return run(t, "", kscope, append(args, "-b", brokers)...) }
		kcat := func(topic string) string {
			out, _, _ := run(t, "", "kcat", "-C", "-b", brokers, "-t", topic, "-e", "-q", "-f", "%k|%h|%s\n")
			return sorted(out)
		}

		out, errOut, code := ks("redrive", dlq)
		if code != 0 || !strings.Contains(out, "would copy 3 records") || !strings.Contains(out, orders+" (2), "+payments+" (1)") ||
			!strings.Contains(out, "1 record without an origin header left where they are") {
			t.Fatalf("preview: %d %q %q", code, out, errOut)
		}
		if kcat(orders) != "" {
			t.Fatal("a preview sent records")
		}
		if _, errOut, code := ks("redrive", dlq, "--execute", "--read-only"); code != 1 || !strings.Contains(errOut, "read-only") {
			t.Errorf("read-only: %d %q", code, errOut)
		}
		if out, errOut, code := ks("redrive", dlq, "--strip-headers", "--execute"); code != 0 || !strings.HasPrefix(out, "copied 3 records") {
			t.Fatalf("redrive: %d %q %q", code, out, errOut)
		}
		if got, want := kcat(orders), "o1|trace=t-o1|{\"id\":1}\no2|trace=t-o2|{\"id\":2}"; got != want {
			t.Errorf("orders got back:\n%s\nwant:\n%s", got, want)
		}
		if got, want := kcat(payments), `p1||{"paid":true}`; got != want {
			t.Errorf("payments got back:\n%s\nwant:\n%s", got, want)
		}
		if n := strings.Count(kcat(dlq), "\n") + 1; n != 4 {
			t.Errorf("the DLQ holds %d records, want all 4: a redrive copies, it does not delete", n)
		}

		// An origin that does not exist is named in the preview, and
		// refuses the redrive before anything is sent.
		dlq2 := cluster.Topic(t, "mixed.DLT", 1, nil)
		fresh := cluster.Topic(t, "fresh", 1, nil)
		missing := clustertest.Unique("gone")
		to := func(topic, v string) *kgo.Record {
			return &kgo.Record{Topic: dlq2, Value: []byte(v), Headers: []kgo.RecordHeader{{Key: "kafka_dlt-original-topic", Value: []byte(topic)}}}
		}
		if err := cl.ProduceSync(t.Context(), to(fresh, "a"), to(fresh, "b"), to(missing, "c")).FirstErr(); err != nil {
			t.Fatal(err)
		}
		out, errOut, code = ks("redrive", dlq2)
		if code != 0 || !strings.Contains(out, missing+" (1, which it cannot take: topic \""+missing+"\" does not exist)") {
			t.Errorf("preview with a missing origin: %d %q %q", code, out, errOut)
		}
		out, errOut, code = ks("redrive", dlq2, "--execute")
		if code != 1 || !strings.Contains(errOut, "nothing was sent: 1 record for topic \""+missing+"\" does not exist") {
			t.Errorf("redrive with a missing origin: %d %q %q", code, out, errOut)
		}
		if got := kcat(fresh); got != "" {
			t.Errorf("records were sent before the missing origin refused the redrive:\n%s", got)
		}
	})
}
