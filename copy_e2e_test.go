package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kscope/kscope/kafka/clustertest"
)

// kscope copy says what it would copy, copies exactly that with
// --execute (kcat reads the copy as the source's matches), goes on from
// a printed --resume position, reaches another context's cluster, and is
// refused in read-only mode.
func TestCopyBetweenTopics(t *testing.T) {
	needKcat(t)
	clustertest.Each(t, func(t *testing.T, cluster *clustertest.Cluster) {
		src := cluster.Topic(t, "copy-src", 3, nil)
		dst := cluster.Topic(t, "copy-dst", 3, nil)
		var records []*kgo.Record
		for i := range 90 {
			status := []string{"paid", "failed", "shipped"}[i%3]
			records = append(records, &kgo.Record{Topic: src, Partition: int32(i % 3), Key: fmt.Appendf(nil, "k%02d", i),
				Value: fmt.Appendf(nil, `{"i":%d,"status":%q}`, i, status), Headers: []kgo.RecordHeader{{Key: "h", Value: []byte("v")}}})
		}
		cl := cluster.Client(t, kgo.RecordPartitioner(kgo.ManualPartitioner()))
		if err := cl.ProduceSync(t.Context(), records...).FirstErr(); err != nil {
			t.Fatal(err)
		}
		brokers := strings.Join(cluster.Addrs, ",")
		ks := func(args ...string) (string, string, int) {
			return run(t, "", kscope, append(args, "-b", brokers)...)
		}
		kcat := func(topic string) string {
			out, errOut, code := run(t, "", "kcat", "-C", "-b", brokers, "-t", topic, "-e", "-q", "-f", "%p %T %k|%h|%s\n")
			if code != 0 {
				t.Fatalf("kcat %s: %d %s", topic, code, errOut)
			}
			return sorted(out)
		}
		failed := `value.status == "failed"`

		out, errOut, code := ks("copy", src, dst, "--where", failed)
		if code != 0 || !strings.HasPrefix(out, "would copy 30 records (") || !strings.Contains(out, "of 90 scanned") || !strings.Contains(out, "nothing is copied without --execute") {
			t.Fatalf("dry run: %d %q %q", code, out, errOut)
		}
		if got := kcat(dst); got != "" {
			t.Fatalf("a dry run copied:\n%s", got)
		}
		if _, errOut, code := ks("copy", src, dst, "--where", failed, "--execute", "--read-only"); code != 1 || !strings.Contains(errOut, "read-only") {
			t.Errorf("read-only: %d %q", code, errOut)
		}
		out, errOut, code = ks("copy", src, dst, "--where", failed, "--execute", "--keep-partition", "--keep-timestamp")
		if code != 0 || !strings.HasPrefix(out, "copied 30 records (") {
			t.Fatalf("copy: %d %q %q", code, out, errOut)
		}
		var want []string
		for _, l := range strings.Split(kcat(src), "\n") {
			if strings.Contains(l, `"failed"`) {
				want = append(want, l)
			}
		}
		if got := kcat(dst); got != strings.Join(want, "\n") {
			t.Errorf("the copy, as kcat reads it:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
		}

		// From a printed position: each partition from offset 25 of 30.
		rest := cluster.Topic(t, "copy-rest", 3, nil)
		if out, errOut, code := ks("copy", src, rest, "--resume", "0:25,1:25,2:25", "--execute"); code != 0 || !strings.HasPrefix(out, "copied 15 records") {
			t.Errorf("resume: %d %q %q", code, out, errOut)
		}

		// To another context's cluster (here the same one, by name).
		cfg := filepath.Join(t.TempDir(), "config.yaml")
		if err := os.WriteFile(cfg, fmt.Appendf(nil, "contexts:\n  other:\n    brokers: [%s]\n", brokers), 0o600); err != nil {
			t.Fatal(err)
		}
		far := cluster.Topic(t, "copy-far", 1, nil)
		if out, errOut, code := ks("copy", src, far, "--config", cfg, "--to-context", "other", "--execute"); code != 0 || !strings.HasPrefix(out, "copied 90 records") {
			t.Errorf("to another context: %d %q %q", code, out, errOut)
		}
		if _, errOut, code := ks("copy", src, src); code != 2 || !strings.Contains(errOut, "onto itself") {
			t.Errorf("onto itself: %d %q", code, errOut)
		}
	})
}
