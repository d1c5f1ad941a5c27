package main

// End-to-end tests of the kscope binary: it serves its demo cluster to
// kcat, a real outside client, and both must see the same cluster.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

var kscope string // the binary under test

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "kscope-e2e")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	kscope = filepath.Join(dir, "kscope")
	// Copies journal where they are under the state folder: the tests'
	// own, never the user's, and none left from an earlier run.
	os.Setenv("XDG_STATE_HOME", filepath.Join(dir, "state"))
	build := exec.Command("go", "build", "-o", kscope, ".")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "build kscope:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// kscopeOn runs the built kscope against the brokers at addr and fails
// the test unless it exits 0; its stdout.
func kscopeOn(t *testing.T, addr string, args ...string) string {
	t.Helper()
	out, errOut, code := run(t, "", kscope, append(args, "-b", addr)...)
	if code != 0 {
		t.Fatalf("%v: exit %d\n%s%s", args, code, out, errOut)
	}
	return out
}

// needKcat finds kcat. CI installs it, so there its absence is a failure.
func needKcat(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("kcat"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("kcat is not installed; .ci/run installs it")
		}
		t.Skip("kcat is not installed (apt-get install kcat)")
	}
}

// serveDemo runs `kscope demo` and returns its bootstrap address.
func serveDemo(t *testing.T, args ...string) (addr string, proc *exec.Cmd) {
	t.Helper()
	d := startDemo(t, args...)
	return d.addr, d.proc
}

// demoServer is a running `kscope demo`: its bootstrap address and the
// URL of its schema registry.
type demoServer struct {
	addr, registry string
	proc           *exec.Cmd
}

func startDemo(t *testing.T, args ...string) demoServer {
	t.Helper()
	cmd := exec.Command(kscope, append([]string{"demo", "--seed", "1", "--rate", "0"}, args...)...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	out := bufio.NewReader(stdout)
	line, err := out.ReadString('\n')
	if err != nil {
		t.Fatalf("kscope demo printed no bootstrap line: %v", err)
	}
	addr, ok := strings.CutPrefix(strings.TrimSpace(line), "bootstrap: ")
	if !ok {
		t.Fatalf("first line %q, want bootstrap: HOST:PORT", line)
	}
	line, err = out.ReadString('\n')
	registry, ok := strings.CutPrefix(strings.TrimSpace(line), "schema registry: ")
	if err != nil || !ok {
		t.Fatalf("second line %q (%v), want schema registry: URL", line, err)
	}
	// Then its Kafka Connect API, which lists the demo's connectors.
	line, err = out.ReadString('\n')
	connect, ok := strings.CutPrefix(strings.TrimSpace(line), "kafka connect: ")
	if err != nil || !ok {
		t.Fatalf("third line %q (%v), want kafka connect: URL", line, err)
	}
	if resp, err := http.Get(connect + "/connectors"); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("the demo's Connect API at %s: %v %v", connect, resp, err)
	} else {
		resp.Body.Close()
	}
	// Then a command line that reads the registry's topics, no config needed.
	line, err = out.ReadString('\n')
	if want := "try: kscope -b " + addr + " --schema-registry " + registry + " tail payments.avro\n"; err != nil || line != want {
		t.Fatalf("fourth line %q (%v), want %q", line, err, want)
	}
	return demoServer{addr: addr, registry: registry, proc: cmd}
}

// run runs a command with a time limit and returns its stdout, stderr and
// exit code.
func run(t *testing.T, stdin string, name string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(name, args...)
	var out, errOut bytes.Buffer
	cmd.Stdin, cmd.Stdout, cmd.Stderr = strings.NewReader(stdin), &out, &errOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	timer := time.AfterFunc(60*time.Second, func() { cmd.Process.Kill() })
	defer timer.Stop()
	err := cmd.Wait()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatal(err)
	}
	return out.String(), errOut.String(), cmd.ProcessState.ExitCode()
}

type shape struct{ partitions, rf int }

// kscopeTopics is what `kscope topics -o json --internal` sees.
func kscopeTopics(t *testing.T, addr string) map[string]shape {
	t.Helper()
	out, errOut, code := run(t, "", kscope, "topics", "-o", "json", "--internal", "-b", addr)
	if code != 0 {
		t.Fatalf("kscope topics: exit %d: %s", code, errOut)
	}
	var topics []struct {
		Name              string `json:"name"`
		Partitions        int    `json:"partitions"`
		ReplicationFactor int    `json:"replication_factor"`
		Messages          int64  `json:"messages"`
	}
	if err := json.Unmarshal([]byte(out), &topics); err != nil {
		t.Fatalf("kscope topics -o json: %v\n%s", err, out)
	}
	seen := map[string]shape{}
	for _, tp := range topics {
		seen[tp.Name] = shape{tp.Partitions, tp.ReplicationFactor}
	}
	return seen
}

// kcatTopics is what `kcat -L -J` sees.
func kcatTopics(t *testing.T, addr string) (topics map[string]shape, brokers int) {
	t.Helper()
	out, errOut, code := run(t, "", "kcat", "-L", "-J", "-b", addr)
	if code != 0 {
		t.Fatalf("kcat -L: exit %d: %s", code, errOut)
	}
	var md struct {
		Brokers []struct{ ID int } `json:"brokers"`
		Topics  []struct {
			Topic      string `json:"topic"`
			Partitions []struct {
				Replicas []struct{ ID int } `json:"replicas"`
			} `json:"partitions"`
		} `json:"topics"`
	}
	if err := json.Unmarshal([]byte(out), &md); err != nil {
		t.Fatalf("kcat -L -J: %v\n%s", err, out)
	}
	topics = map[string]shape{}
	for _, tp := range md.Topics {
		rf := 0
		for _, p := range tp.Partitions {
			rf = max(rf, len(p.Replicas))
		}
		topics[tp.Topic] = shape{len(tp.Partitions), rf}
	}
	return topics, len(md.Brokers)
}

func TestKcatSeesWhatKscopeShows(t *testing.T) {
	needKcat(t)
	addr, _ := serveDemo(t)
	want, brokers := kcatTopics(t, addr)
	if brokers != 3 {
		t.Errorf("kcat sees %d brokers, want 3", brokers)
	}
	got := kscopeTopics(t, addr)
	if len(got) < 7 {
		t.Errorf("kscope lists only %d topics: %v", len(got), got)
	}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("%s: kscope shows %+v, kcat %+v", name, got[name], w)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("kscope lists %s, kcat does not", name)
		}
	}
}

func TestKcatProduceCreatesTopic(t *testing.T) {
	needKcat(t)
	addr, _ := serveDemo(t, "--nodes", "1")
	if _, errOut, code := run(t, "a\nb\nc\n", "kcat", "-P", "-b", addr, "-t", "made-by-kcat"); code != 0 {
		t.Fatalf("kcat -P: exit %d: %s", code, errOut)
	}
	out, errOut, code := run(t, "", kscope, "topics", "-b", addr)
	if code != 0 {
		t.Fatalf("kscope topics: exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "made-by-kcat") {
		t.Fatalf("the topic kcat created is not listed:\n%s", out)
	}
	for line := range strings.Lines(out) {
		if f := strings.Fields(line); len(f) == 5 && f[0] == "made-by-kcat" && (f[1] != "1" || f[3] != "3") {
			t.Errorf("made-by-kcat: %q, want 1 partition holding 3 messages", line)
		}
	}
}

func TestDemoStopsOnInterrupt(t *testing.T) {
	_, cmd := serveDemo(t)
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("kscope demo ended with %v after an interrupt, want exit 0", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("kscope demo did not stop on interrupt")
	}
}

func TestCommandLineErrors(t *testing.T) {
	tests := []struct {
		args    []string
		code    int
		message string
	}{
		{[]string{"--bogus"}, 2, "kscope: unknown flag: --bogus\n"},
		{[]string{"wibble"}, 2, "kscope: unknown command \"wibble\" for \"kscope\"\n"}, // near no command: no "Did you mean"
		{[]string{"tpoics"}, 2, "kscope: unknown command \"tpoics\" for \"kscope\"\n\nDid you mean this?\n    topics\n"},
		{[]string{"topic", "create", "huge", "-p", "2147483647"}, 2, "kscope: 2147483647 partitions: want 1 to 50,000\n"},
		{[]string{"topic", "partitions", "orders", "99999999"}, 2, "kscope: 99999999 partitions: want 1 to 50,000\n"},
		{[]string{"topic", "create", "none", "-r", "0"}, 2, "kscope: replication factor 0: want 1 or more, at most the brokers there are\n"},
		{[]string{"group"}, 2, "kscope: kscope group needs a subcommand: delete, offsets-delete, reset (see kscope group --help)\n"},
		{[]string{"group", "list"}, 2, "kscope: unknown command \"list\" for \"kscope group\"\n"},
		{[]string{"topic", "partiton"}, 2, "kscope: unknown command \"partiton\" for \"kscope topic\"\n\nDid you mean this?\n    partitions\n"},
		{[]string{"topics", "-o", "yaml"}, 2, "kscope: -o \"yaml\": want table or json\n"},
		{[]string{"--refresh", "1ms"}, 2, "kscope: --refresh 1ms is too short; use 100ms or more\n"},
		{[]string{"--timeout", "soon"}, 2, "kscope: invalid argument \"soon\" for \"--timeout\" flag: time: invalid duration \"soon\"\n"},
		{[]string{"demo", "--listen", "0.0.0.0:9092"}, 2, "kscope: demo: listen address \"0.0.0.0:9092\": brokers advertise this host, so give one clients can reach, e.g. 127.0.0.1, or --advertise the host they reach: bad listen address\n"},
		{[]string{"topics", "-b", "127.0.0.1:1", "--timeout", "2s"}, 1, "kscope: list topics: cannot reach any broker at 127.0.0.1:1: connection refused\n"},
	}
	for _, tt := range tests {
		_, errOut, code := run(t, "", kscope, tt.args...)
		if code != tt.code || errOut != tt.message {
			t.Errorf("kscope %s: exit %d, stderr %q; want exit %d, %q", strings.Join(tt.args, " "), code, errOut, tt.code, tt.message)
		}
	}
}

func TestHelpAndCompletion(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"topics", "--help"}, {"demo", "--help"}, {"completion", "bash"}} {
		out, errOut, code := run(t, "", kscope, args...)
		if code != 0 || out == "" {
			t.Errorf("kscope %v: exit %d, %d bytes out, stderr %q", args, code, len(out), errOut)
		}
	}
}

// jsonLines decodes output of one JSON object per line, as kscope tail
// -o json and kcat -J print it.
func jsonLines[T any](t *testing.T, out string) []T {
	t.Helper()
	var lines []T
	for line := range strings.Lines(out) {
		var v T
		if err := json.Unmarshal([]byte(line), &v); err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		lines = append(lines, v)
	}
	return lines
}

// A hangup or SIGQUIT ends the TUI with the terminal put back: out of the
// alternate screen, cursor shown. Before, only SIGINT and SIGTERM did.
func TestSignalsRestoreTheTerminal(t *testing.T) {
	if _, err := exec.LookPath("script"); err != nil {
		t.Skip("needs script(1) for a pseudo-terminal")
	}
	for _, sig := range []syscall.Signal{syscall.SIGHUP, syscall.SIGQUIT} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			pidFile, out := filepath.Join(dir, "pid"), filepath.Join(dir, "typescript")
			cmd := exec.Command("script", "-qfec", "echo $$ > "+pidFile+"; exec "+kscope+" --rate 0", out)
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			deadline := time.Now().Add(time.Minute)
			for {
				screen, _ := os.ReadFile(out)
				if bytes.Contains(screen, []byte("\x1b[?1049h")) && bytes.Contains(screen, []byte("topics")) {
					break
				}
				if time.Now().After(deadline) {
					cmd.Process.Kill()
					t.Fatalf("the TUI never drew:\n%q", screen)
				}
				time.Sleep(50 * time.Millisecond) // polling a condition, bounded by the deadline
			}
			pid, err := os.ReadFile(pidFile)
			if err != nil {
				t.Fatal(err)
			}
			n, _ := strconv.Atoi(strings.TrimSpace(string(pid)))
			syscall.Kill(n, sig)
			select {
			case <-done:
			case <-time.After(time.Minute):
				cmd.Process.Kill()
				t.Fatalf("kscope did not end on %v", sig)
			}
			screen, _ := os.ReadFile(out)
			last := bytes.LastIndex(screen, []byte("\x1b[?1049h"))
			if !bytes.Contains(screen[last:], []byte("\x1b[?1049l")) {
				t.Errorf("%v left the terminal in the alternate screen:\n%q", sig, screen[max(len(screen)-200, 0):])
			}
		})
	}
}

// A reader that goes away (| head) ends kscope quietly with 0, as it
// ends kcat and grep: not SIGPIPE's 141, and no error about it.
func TestAClosedPipeEndsQuietly(t *testing.T) {
	addr, _ := serveDemo(t)
	for _, args := range [][]string{
		{"lag", "--watch", "100ms"},
		{"tail", "orders", "--from", "beginning"},
	} {
		cmd := exec.Command(kscope, append(args, "-b", addr)...)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		var errOut bytes.Buffer
		cmd.Stderr = &errOut
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		if _, err := bufio.NewReader(out).ReadString('\n'); err != nil {
			t.Fatalf("kscope %v printed no line: %v", args, err)
		}
		out.Close() // as head does once it has its lines
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(time.Minute):
			cmd.Process.Kill()
			t.Fatalf("kscope %v went on writing to a closed pipe", args)
		}
		if code := cmd.ProcessState.ExitCode(); code != 0 || errOut.Len() > 0 {
			t.Errorf("kscope %v: exit %d, stderr %q; want 0 and nothing", args, code, errOut.String())
		}
	}
}
