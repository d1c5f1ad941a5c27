package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kscope/kscope/kafka/clustertest"
)

// Export → import → export is byte-identical: records an independent
// client wrote (binary keys, null and empty values, headers duplicated,
// null-valued and not UTF-8, across partitions, with their timestamps)
// go out as JSON lines and come back as the same bytes, in the same
// partitions at the same offsets, when the partition and timestamp are
// kept. kcat reads the copy as it reads the original.
func TestExportImportRoundTrip(t *testing.T) {
	needKcat(t)
	clustertest.Each(t, func(t *testing.T, cluster *clustertest.Cluster) {
		// The records keep a fixed time, weeks past by now: a topic that
		// kept them a week would drop them at its next retention check.
		forever := map[string]*string{"retention.ms": new("-1")}
		src := cluster.Topic(t, "export", 3, forever)
		dst := cluster.Topic(t, "import", 3, forever)
		at := time.UnixMilli(1795588800123)
		records := []*kgo.Record{
			{Topic: src, Partition: 0, Key: []byte{0xff, 0x00, 0x10}, Value: []byte(`{"total":12.5}`), Timestamp: at},
			{Topic: src, Partition: 1, Key: nil, Value: nil, Timestamp: at.Add(time.Second)},
			{Topic: src, Partition: 1, Key: []byte("k"), Value: []byte{}, Timestamp: at.Add(2 * time.Second)},
			{Topic: src, Partition: 2, Key: []byte{}, Value: []byte("tab\tand \x1b[31m escape"), Timestamp: at.Add(3 * time.Second),
				Headers: []kgo.RecordHeader{{Key: "dup", Value: []byte("1")}, {Key: "dup", Value: []byte("2")}, {Key: "null", Value: nil},
					{Key: "empty", Value: []byte{}}, {Key: "\xff\xfe", Value: []byte{0, 1}}}},
		}
		cl := cluster.Client(t, kgo.RecordPartitioner(kgo.ManualPartitioner()))
		if err := cl.ProduceSync(t.Context(), records...).FirstErr(); err != nil {
			t.Fatal(err)
		}
		brokers := strings.Join(cluster.Addrs, ",")
		export := func(topic string) string {
			t.Helper()
			out, errOut, code := run(t, "", kscope, "tail", topic, "-b", brokers, "--from", "beginning", "-e", "-o", "json")
			if code != 0 {
				t.Fatalf("export %s: %d %s", topic, code, errOut)
			}
			return out
		}
		exported := export(src)
		file := filepath.Join(t.TempDir(), "export.jsonl")
		if err := os.WriteFile(file, []byte(exported), 0o600); err != nil {
			t.Fatal(err)
		}
		out, errOut, code := run(t, "", kscope, "produce", dst, "-b", brokers, "--jsonl", file, "--keep-partition", "--keep-timestamp")
		if code != 0 || out != "produced 4 records to "+dst+"\n" {
			t.Fatalf("import: %d %q %q", code, out, errOut)
		}
		again := export(dst)
		if sorted(strings.ReplaceAll(again, `"topic":"`+dst+`"`, `"topic":"`+src+`"`)) != sorted(exported) {
			t.Errorf("export → import → export differs:\n%s\n%s", exported, again)
		}

		// kcat reads the copy as it reads the original: partition, offset,
		// timestamp, key, headers and value.
		kcat := func(topic string) string {
			out, errOut, code := run(t, "", "kcat", "-C", "-b", brokers, "-t", topic, "-e", "-q", "-f", "%p %o %T %k|%h|%s\n")
			if code != 0 {
				t.Fatalf("kcat %s: %d %s", topic, code, errOut)
			}
			return sorted(out)
		}
		if a, b := kcat(src), kcat(dst); a != b {
			t.Errorf("kcat reads the copy otherwise:\n%s\n%s", a, b)
		}

		// Re-partitioned by key, from stdin, stamped now.
		dst2 := cluster.Topic(t, "import-bykey", 1, nil)
		out, errOut, code = run(t, exported, kscope, "produce", dst2, "-b", brokers, "--jsonl", "-")
		if code != 0 || out != "produced 4 records to "+dst2+"\n" {
			t.Fatalf("import from stdin: %d %q %q", code, out, errOut)
		}
		if n := strings.Count(export(dst2), "\n"); n != 4 {
			t.Errorf("%d records by key, want 4", n)
		}
		if _, errOut, code := run(t, exported, kscope, "produce", dst2, "-b", brokers, "--jsonl", "-", "--keep-partition"); code != 2 || !strings.Contains(errOut, "partition 1: "+dst2+" has 1") {
			t.Errorf("a kept partition the topic lacks: %d %q", code, errOut)
		}
	})
}

// sorted is the lines in order, for comparing exports of several
// partitions, whose interleaving is the reader's.
func sorted(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}
