package main

import (
	"encoding/json"
	"fmt"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/kscope/kscope/kafka"
	"github.com/kscope/kscope/kafka/clustertest"
)

// The partition kscope scans for a key is the one librdkafka's
// murmur2_random partitioner (kcat) writes it to, and, on the real lane,
// the one the Java client's default partitioner computes.
func TestKeyPartitionsMatchKcatAndJava(t *testing.T) {
	needKcat(t)
	clustertest.Each(t, func(t *testing.T, c *clustertest.Cluster) {
		const partitions = 12
		topic := c.Topic(t, "keys", partitions, nil)
		var keys []string
		for i := range 300 {
			keys = append(keys, fmt.Sprintf("ord-%07d", i*37))
		}
		keys = append(keys, "ünïcödé", "a", "with space", strings.Repeat("long", 100))
		var lines strings.Builder
		for _, k := range keys {
			lines.WriteString(k + "\t{}\n")
		}
		brokers := strings.Join(c.Addrs, ",")
		if _, errOut, code := run(t, lines.String(), "kcat", "-P", "-b", brokers, "-t", topic, "-K", "\t", "-X", "partitioner=murmur2_random"); code != 0 {
			t.Fatalf("kcat -P: %s", errOut)
		}
		out, errOut, code := run(t, "", "kcat", "-C", "-b", brokers, "-t", topic, "-e", "-q", "-f", "%p\t%k\n")
		if code != 0 {
			t.Fatalf("kcat -C: %s", errOut)
		}
		written := map[string]int32{}
		for line := range strings.Lines(out) {
			p, k, _ := strings.Cut(strings.TrimSuffix(line, "\n"), "\t")
			n, _ := strconv.Atoi(p)
			written[k] = int32(n)
		}
		if len(written) != len(keys) {
			t.Fatalf("kcat read %d keys back, want %d", len(written), len(keys))
		}
		for _, k := range keys {
			if got := kafka.KeyPartition([]byte(k), partitions); got != written[k] {
				t.Errorf("key %q: kscope says partition %d, librdkafka wrote it to %d", k, got, written[k])
			}
		}
		if c.Real == nil {
			return
		}
		// The Java client, from the jars the real lane runs on.
		cmd := exec.Command("java", "-cp", kafkaJars(), filepath.Join("testdata", "interop", "Partition.java"), strconv.Itoa(partitions))
		cmd.Stdin = strings.NewReader(strings.Join(keys, "\n") + "\n")
		java, err := cmd.Output()
		if err != nil {
			t.Fatalf("java Partition.java: %v", err)
		}
		for i, p := range strings.Fields(string(java)) {
			if n, _ := strconv.Atoi(p); int32(n) != kafka.KeyPartition([]byte(keys[i]), partitions) {
				t.Errorf("key %q: the Java client says %s", keys[i], p)
			}
		}
	})
}

func TestSearchCommand(t *testing.T) {
	addr, _ := serveDemo(t)
	search := func(args ...string) (string, string) {
		t.Helper()
		out, errOut, code := run(t, "", kscope, append([]string{"search", "-b", addr}, args...)...)
		if code != 0 {
			t.Fatalf("search %v: exit %d: %s", args, code, errOut)
		}
		return out, errOut
	}
	out, errOut := search("orders", "--key", "ord-0000042", "-o", "text")
	if strings.Count(out, "\n") != 1 || !strings.Contains(out, "\tord-0000042\t") {
		t.Errorf("key search found:\n%s", out)
	}
	p := kafka.KeyPartition([]byte("ord-0000042"), 6)
	for _, want := range []string{
		fmt.Sprintf("scanning partition %d of 6, where Kafka's default partitioner writes key ord-0000042", p),
		"1 match; scanned ", " records in 1 of 6 partitions (offsets " + strconv.Itoa(int(p)) + ": 0-",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("summary lacks %q:\n%s", want, errOut)
		}
	}

	// An expression finds what an independent reading of the topic finds.
	out, errOut = search("payments", "--where", `value.status == "declined" && value.amount > 50`)
	all, _, _ := run(t, "", kscope, "tail", "-b", addr, "payments", "--from", "beginning", "-e")
	want := 0
	for line := range strings.Lines(all) {
		var r struct{ Value string }
		json.Unmarshal([]byte(line), &r)
		var v struct {
			Status string
			Amount float64
		}
		json.Unmarshal([]byte(r.Value), &v)
		if v.Status == "declined" && v.Amount > 50 {
			want++
		}
	}
	if got := strings.Count(out, "\n"); got != want || want == 0 {
		t.Errorf("--where found %d, the topic holds %d", got, want)
	}
	if !strings.Contains(errOut, fmt.Sprintf("%d matches; scanned %d records in 3 of 3 partitions", want, strings.Count(all, "\n"))) {
		t.Errorf("summary: %s", errOut)
	}

	// -n stops early, and says so.
	out, errOut = search("clickstream", "--filter", "search", "-n", "3")
	if strings.Count(out, "\n") != 3 || !strings.Contains(errOut, "stopped before the end of the range") {
		t.Errorf("-n 3: %d lines; %s", strings.Count(out, "\n"), errOut)
	}
	for _, bad := range [][]string{{"orders", "--where", "value.status =="}, {"orders", "--to", "beginning"}} {
		if _, errOut, code := run(t, "", kscope, append([]string{"search", "-b", addr}, bad...)...); code != 2 {
			t.Errorf("%v: exit %d: %s", bad, code, errOut)
		}
	}
}
