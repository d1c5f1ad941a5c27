package main

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
)

// tailed is one line of `kscope tail -o json`.
type tailed struct {
	Partition     int32   `json:"partition"`
	Offset        int64   `json:"offset"`
	Key           *string `json:"key"`
	KeyEncoding   string  `json:"key_encoding"`
	Value         *string `json:"value"`
	ValueEncoding string  `json:"value_encoding"`
	Headers       []struct {
		Key   string  `json:"key"`
		Value *string `json:"value"`
	} `json:"headers"`
}

func bytesOf(t *testing.T, s *string, encoding string) []byte {
	t.Helper()
	if s == nil {
		return nil
	}
	if encoding != "base64" {
		return []byte(*s)
	}
	b, err := base64.StdEncoding.DecodeString(*s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestKcatProducedRecordsTailByteForByte(t *testing.T) {
	needKcat(t)
	addr, _ := serveDemo(t)
	binary := make([]byte, 256)
	for i := range binary {
		binary[i] = byte(i)
	}
	binFile := filepath.Join(t.TempDir(), "binary.dat")
	if err := os.WriteFile(binFile, binary, 0o600); err != nil {
		t.Fatal(err)
	}
	kcat := func(stdin string, args ...string) {
		t.Helper()
		base := []string{"-P", "-b", addr, "-t", "interop", "-p", "0"}
		if _, errOut, code := run(t, stdin, "kcat", append(base, args...)...); code != 0 {
			t.Fatalf("kcat %v: exit %d: %s", args, code, errOut)
		}
	}
	kcat("k1:hello world\nk2:日本語 ünïcödé ✓\n", "-K", ":", "-H", "trace-id=abc", "-H", "dup=1", "-H", "dup=2")
	kcat("", "-k", "binkey", binFile) // a file is one record, bytes as they are
	kcat("k3:\n", "-K", ":")          // an empty value
	kcat(":\n", "-K", ":", "-Z")      // with -Z, empty means null: a tombstone with a null key

	type want struct {
		key, value []byte
		headers    []string
	}
	wants := []want{
		{[]byte("k1"), []byte("hello world"), []string{"trace-id=abc", "dup=1", "dup=2"}},
		{[]byte("k2"), []byte("日本語 ünïcödé ✓"), []string{"trace-id=abc", "dup=1", "dup=2"}},
		{[]byte("binkey"), binary, nil},
		{[]byte("k3"), []byte{}, nil},
		{nil, nil, nil},
	}

	out, errOut, code := run(t, "", kscope, "tail", "interop", "-b", addr, "--from", "beginning", "--exit-at-end", "-o", "json")
	if code != 0 {
		t.Fatalf("kscope tail: exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != len(wants) {
		t.Fatalf("kscope tail printed %d records, want %d:\n%s", len(lines), len(wants), out)
	}
	// kcat's own view of where each record is: partition, offset, key and
	// value length (-1 for null).
	positions, errOut, code := run(t, "", "kcat", "-C", "-b", addr, "-t", "interop", "-o", "beginning", "-e", "-f", "%p %o %K %S\n")
	if code != 0 {
		t.Fatalf("kcat -C: exit %d: %s", code, errOut)
	}
	kcatLines := strings.Split(strings.TrimSuffix(positions, "\n"), "\n")
	for i, line := range lines {
		var got tailed
		if err := json.Unmarshal([]byte(line), &got); err != nil {
			t.Fatalf("line %d is not JSON: %v\n%s", i, err, line)
		}
		key, value := bytesOf(t, got.Key, got.KeyEncoding), bytesOf(t, got.Value, got.ValueEncoding)
		w := wants[i]
		if string(key) != string(w.key) || (key == nil) != (w.key == nil) {
			t.Errorf("record %d: key %q, want %q", i, key, w.key)
		}
		if string(value) != string(w.value) || (value == nil) != (w.value == nil) {
			t.Errorf("record %d: value %q, want %q", i, value, w.value)
		}
		var headers []string
		for _, h := range got.Headers {
			headers = append(headers, h.Key+"="+*h.Value)
		}
		if strings.Join(headers, ",") != strings.Join(w.headers, ",") {
			t.Errorf("record %d: headers %v, want %v", i, headers, w.headers)
		}
		keyLen, valueLen := "-1", "-1"
		if key != nil {
			keyLen = strconv.Itoa(len(key))
		}
		if value != nil {
			valueLen = strconv.Itoa(len(value))
		}
		if mine := strings.Join([]string{strconv.Itoa(int(got.Partition)), strconv.Itoa(int(got.Offset)), keyLen, valueLen}, " "); mine != kcatLines[i] {
			t.Errorf("record %d: kscope says %q, kcat says %q", i, mine, kcatLines[i])
		}
	}
}

func TestTailCommandLine(t *testing.T) {
	addr, _ := serveDemo(t)
	tail := func(args ...string) (string, string, int) {
		return run(t, "", kscope, append([]string{"tail", "-b", addr}, args...)...)
	}
	if out, _, code := tail("orders", "--from", "beginning", "-n", "3"); code != 0 || strings.Count(out, "\n") != 3 {
		t.Errorf("-n 3: exit %d, %d lines", code, strings.Count(out, "\n"))
	}
	out, _, code := tail("payments", "--from", "beginning", "-e", "--filter", "~\"method\":\"sepa\"", "-o", "text")
	if code != 0 || out == "" {
		t.Fatalf("--filter: exit %d, output %q", code, out)
	}
	for line := range strings.Lines(out) {
		if !strings.Contains(line, `"method":"sepa"`) {
			t.Errorf("--filter let through %q", line)
		}
	}
	// A reader that stops early ends the tail quietly, with success.
	_, errOut, code := run(t, "", "bash", "-c", kscope+" tail clickstream -b "+addr+" --from beginning | head -1 >/dev/null; exit ${PIPESTATUS[0]}")
	if code != 0 || errOut != "" {
		t.Errorf("| head: exit %d, stderr %q", code, errOut)
	}
	if _, errOut, code := tail("nope"); code != 1 || errOut != "kscope: topic \"nope\" does not exist\n" {
		t.Errorf("unknown topic: exit %d, %q", code, errOut)
	}
	if _, errOut, code := tail("audit.log", "-p", "3"); code != 1 || errOut != "kscope: topic \"audit.log\" has no partition 3 (it has 1)\n" {
		t.Errorf("unknown partition: exit %d, %q", code, errOut)
	}
	if _, _, code := tail(); code != 2 {
		t.Errorf("no topic: exit %d, want 2", code)
	}
}

// kscope tail from the past prints every partition's records in one
// timeline, as the README promises, not partition after partition.
func TestTailFromThePastIsInTimeOrder(t *testing.T) {
	addr, _ := serveDemo(t)
	out, errOut, code := run(t, "", kscope, "tail", "orders", "-b", addr, "--from", "-30m", "-e", "-o", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	type line struct {
		Partition *int32 `json:"partition"`
		Timestamp int64  `json:"timestamp_ms"`
	}
	var prev int64
	partitions := map[int32]bool{}
	for i, l := range jsonLines[line](t, out) {
		if l.Partition == nil {
			continue // a transaction marker
		}
		if l.Timestamp < prev {
			t.Fatalf("line %d (partition %d) is older than the line before it", i, *l.Partition)
		}
		prev = l.Timestamp
		partitions[*l.Partition] = true
	}
	if len(partitions) < 2 {
		t.Fatalf("read %d partitions; the test needs several", len(partitions))
	}
}

// The CLI's text outputs escape what the cluster wrote: a hostile key,
// value and group id reach the terminal as visible escapes, never as
// control sequences.
func TestCLITextOutputIsEscaped(t *testing.T) {
	addr, _ := serveDemo(t)
	const hostile = "x\x1b]8;;https://evil.example\x07\x1b[2J\u009b31m\u202e"
	cl, err := kgo.NewClient(kgo.SeedBrokers(addr), kgo.RecordPartitioner(kgo.ManualPartitioner()))
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	ctx := context.Background()
	if err := cl.ProduceSync(ctx, &kgo.Record{Topic: "audit.log", Partition: 0, Key: []byte("k" + hostile), Value: []byte("v" + hostile)}).FirstErr(); err != nil {
		t.Fatal(err)
	}
	offsets := kadm.Offsets{}
	offsets.Add(kadm.Offset{Topic: "audit.log", Partition: 0, At: 0})
	if _, err := kadm.NewClient(cl).CommitOffsets(ctx, "g"+hostile, offsets); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"tail", "audit.log", "--from", "beginning", "-e", "-o", "text"},
		{"lag"},
		{"lag", "g" + hostile},
		{"lag", "nosuch" + hostile},
		{"group", "reset", "g" + hostile, "--topic", "audit.log", "--to", "latest"},
	} {
		out, errOut, _ := run(t, "", kscope, append(args, "-b", addr)...)
		for _, bad := range []string{"\x1b", "\x07", "\u009b", "\u202e"} {
			if strings.Contains(out+errOut, bad) {
				t.Errorf("kscope %s prints %q:\n%q\n%q", args[0], bad, out, errOut)
			}
		}
		if args[0] == "lag" && !strings.Contains(out+errOut, `\x1b`) {
			t.Errorf("kscope %s does not show the escapes:\n%s%s", args[0], out, errOut)
		}
	}
}
