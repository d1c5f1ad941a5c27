package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kscope/kscope/kafka/clustertest"
)

// resumeRecords is how many records the resume tests copy: enough that a
// copy runs for seconds, so the test can interrupt it midway.
const resumeRecords = 300_000

// fillSource writes n records with unique values "v000042" to src's six
// partitions in turn, so value i sits at partition i%6, offset i/6.
func fillSource(t *testing.T, cluster *clustertest.Cluster, src string, n int) {
	t.Helper()
	cl := cluster.Client(t, kgo.RecordPartitioner(kgo.ManualPartitioner()), kgo.ProducerLinger(5*time.Millisecond))
	records := make([]*kgo.Record, 0, 10_000)
	for i := range n {
		records = append(records, &kgo.Record{Topic: src, Partition: int32(i % 6), Key: fmt.Appendf(nil, "k%d", i%1009), Value: fmt.Appendf(nil, "v%06d", i)})
		if len(records) == cap(records) || i == n-1 {
			if err := cl.ProduceSync(t.Context(), records...).FirstErr(); err != nil {
				t.Fatal(err)
			}
			records = records[:0]
		}
	}
}

// journaled waits until a write's journal in stateDir says it copied
// some records, and returns its id. A write that ends first (done closed)
// left nothing to interrupt: the test is skipped, not failed, since how
// soon this process looks is the machine's to decide.
func journaled(t *testing.T, stateDir string, done <-chan struct{}) string {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		names, _ := filepath.Glob(filepath.Join(stateDir, "kscope", "writes", "w*.json"))
		for _, name := range names {
			data, err := os.ReadFile(name)
			if err != nil {
				continue
			}
			var j struct {
				ID     string `json:"id"`
				Copied int64  `json:"copied"`
			}
			if json.Unmarshal(data, &j) == nil && j.Copied > 0 {
				return j.ID
			}
		}
		select {
		case <-done:
			t.Skip("the copy ended before this test looked at its journal: nothing to interrupt")
		case <-time.After(2 * time.Millisecond):
		}
	}
	t.Fatal("no journal with records copied")
	return ""
}

// started runs cmd and closes the channel it returns when it has ended.
func started(t *testing.T, cmd *exec.Cmd) <-chan struct{} {
	t.Helper()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		cmd.Wait()
		close(done)
	}()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-done
	})
	return done
}

// countCopies reads dst with kcat and counts each value.
func countCopies(t *testing.T, brokers, dst string) map[string]int {
	t.Helper()
	out, errOut, code := run(t, "", "kcat", "-C", "-b", brokers, "-t", dst, "-e", "-q", "-f", "%s\n")
	if code != 0 {
		t.Fatalf("kcat: %d %s", code, errOut)
	}
	seen := map[string]int{}
	for v := range strings.Lines(out) {
		seen[strings.TrimSpace(v)]++
	}
	return seen
}

// inFlightNote reads the offsets a resume says may be doubled: "0:20-29+31,1:5".
var inFlightNote = regexp.MustCompile(`offsets ((?:\d+:[\d+-]+,?)+)`)

// mayDouble is the set of values the note names, by partition i%6 and
// offset i/6.
func mayDouble(t *testing.T, stderr string) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	m := inFlightNote.FindStringSubmatch(stderr)
	if m == nil {
		return out
	}
	for part := range strings.SplitSeq(m[1], ",") {
		p, runs, _ := strings.Cut(part, ":")
		pn, _ := strconv.Atoi(p)
		for r := range strings.SplitSeq(runs, "+") {
			from, to, isRange := strings.Cut(r, "-")
			f, _ := strconv.Atoi(from)
			l := f
			if isRange {
				l, _ = strconv.Atoi(to)
			}
			for o := f; o <= l; o++ {
				out[fmt.Sprintf("v%06d", o*6+pn)] = true
			}
		}
	}
	return out
}

// checkCopied fails unless every value 0..n-1 is in dst, and any twice is
// among those the resume named as possibly doubled.
func checkCopied(t *testing.T, seen map[string]int, n int, doubled map[string]bool) {
	t.Helper()
	var missing, twice int
	for i := range n {
		v := fmt.Sprintf("v%06d", i)
		switch c := seen[v]; {
		case c == 0:
			missing++
		case c > 1 && !doubled[v]:
			twice++
		}
	}
	if missing > 0 || twice > 0 {
		t.Fatalf("of %d records: %d missing, %d sent twice that kscope did not name", n, missing, twice)
	}
}

// kscope copy killed with SIGKILL midway refuses a fresh start over the
// unfinished copy, and resumed by the id it names, delivers every record:
// none missing, and none twice but those the resume names as possibly so.
// A closed terminal (SIGHUP) stops it cleanly with its resume printed.
func TestCopyResumesAfterKillAndHangup(t *testing.T) {
	needKcat(t)
	clustertest.Each(t, func(t *testing.T, cluster *clustertest.Cluster) {
		brokers := strings.Join(cluster.Addrs, ",")
		src := cluster.Topic(t, "resume-src", 6, nil)
		fillSource(t, cluster, src, resumeRecords)
		for _, sig := range []syscall.Signal{syscall.SIGKILL, syscall.SIGHUP} {
			t.Run(sig.String(), func(t *testing.T) {
				dst := cluster.Topic(t, "resume-dst", 6, nil)
				state := t.TempDir()
				env := append(os.Environ(), "XDG_STATE_HOME="+state)
				cmd := exec.Command(kscope, "copy", src, dst, "--execute", "-b", brokers)
				cmd.Env = env
				var out strings.Builder
				cmd.Stdout = &out
				done := started(t, cmd)
				id := journaled(t, state, done)
				cmd.Process.Signal(sig)
				<-done
				if sig == syscall.SIGHUP && !strings.Contains(out.String(), "--resume "+id) {
					t.Errorf("after SIGHUP it printed %q, want --resume %s", out.String(), id)
				}

				again := func(args ...string) (string, string, int) {
					c := exec.Command(kscope, append([]string{"copy", src, dst, "--execute", "-b", brokers}, args...)...)
					c.Env = env
					var o, e strings.Builder
					c.Stdout, c.Stderr = &o, &e
					err := c.Run()
					if _, ok := err.(*exec.ExitError); err != nil && !ok {
						t.Fatal(err)
					}
					return o.String(), e.String(), c.ProcessState.ExitCode()
				}
				if _, errOut, code := again(); code != 1 || !strings.Contains(errOut, "unfinished copy") || !strings.Contains(errOut, "--resume "+id) {
					t.Fatalf("a fresh start over the unfinished copy: %d %q", code, errOut)
				}
				outText, errOut, code := again("--resume", id)
				if code != 0 || !strings.HasPrefix(outText, "copied ") {
					t.Fatalf("resume %s: %d %q %q", id, code, outText, errOut)
				}
				doubled := mayDouble(t, errOut)
				if sig == syscall.SIGHUP && len(doubled) > 0 {
					t.Errorf("a clean stop left records in flight: %q", errOut)
				}
				checkCopied(t, countCopies(t, brokers, dst), resumeRecords, doubled)
				if names, _ := filepath.Glob(filepath.Join(state, "kscope", "writes", "*")); len(names) > 0 {
					t.Errorf("a finished copy left %v", names)
				}
			})
		}
	})
}

// The data loss of issue 27 on the real cluster: the node leading most of
// the destination's partitions is killed (SIGKILL) midway. Whether the copy rides
// it out or stops, once resumed every record is there exactly once.
func TestNodeDownDuringCopyLosesNothing(t *testing.T) {
	needKcat(t)
	cluster := clustertest.Disruptive(t)
	brokers := strings.Join(cluster.Addrs, ",")
	src := cluster.Topic(t, "nodedown-src", 6, nil)
	dst := cluster.Topic(t, "nodedown-dst", 6, nil)
	const n = 400_000
	fillSource(t, cluster, src, n)
	leaders := map[int32]int{}
	md, err := cluster.Admin(t).Metadata(t.Context(), dst)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range md.Topics[dst].Partitions {
		leaders[p.Leader]++
	}
	victim, most := int32(1), 0
	for id, n := range leaders {
		if n > most {
			victim, most = id, n
		}
	}

	state := t.TempDir()
	env := append(os.Environ(), "XDG_STATE_HOME="+state)
	// The first run's short --timeout makes a stop likelier than riding
	// the failure out; the resume waits as long as it needs.
	copyOnce := func(args ...string) (string, string, int) {
		timeout := "1s"
		if len(args) > 0 {
			timeout = "30s"
		}
		c := exec.Command(kscope, append([]string{"copy", src, dst, "--execute", "--timeout", timeout, "-b", brokers}, args...)...)
		c.Env = env
		var o, e strings.Builder
		c.Stdout, c.Stderr = &o, &e
		done := started(t, c)
		if len(args) == 0 {
			journaled(t, state, done)
			cluster.KillNode(t, int(victim))
		}
		<-done
		return o.String(), e.String(), c.ProcessState.ExitCode()
	}
	out, errOut, code := copyOnce()
	t.Logf("node %d killed during: %s", victim, strings.TrimSpace(out))
	cluster.StartNode(t, int(victim))
	notes := errOut
	if code != 0 {
		m := regexp.MustCompile(`--resume (w[0-9a-f]{8})`).FindStringSubmatch(out)
		if m == nil {
			t.Fatalf("stopped without a resume: %d %q %q", code, out, errOut)
		}
		var rout string
		clustertest.WaitFor(t, "the resumed copy to finish", func() error {
			o, e, c := copyOnce("--resume", m[1])
			rout, notes = o, notes+e
			if c != 0 {
				return fmt.Errorf("exit %d: %s %s", c, o, e)
			}
			return nil
		})
		t.Logf("resumed: %s (%s)", strings.TrimSpace(rout), strings.TrimSpace(notes))
	}
	checkCopied(t, countCopies(t, brokers, dst), n, mayDouble(t, notes))
}
