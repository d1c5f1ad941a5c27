package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kscope/kscope/kafka/demo"
)

// The commands run in this process against one demo cluster, as the
// binary runs them: what a user types, what they see, and the exit code.
// The end-to-end tests run the built binary; these see the statements.

var (
	cluster    *demo.Cluster
	configFile string // a context "demo" naming the cluster and its registry
)

func TestMain(m *testing.M) {
	os.Exit(runMain(m))
}

func runMain(m *testing.M) int {
	dir, err := os.MkdirTemp("", "kscope-cli")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	// The tests' own config and journals, never the user's.
	for k, v := range map[string]string{"XDG_CONFIG_HOME": filepath.Join(dir, "config"), "XDG_STATE_HOME": filepath.Join(dir, "state")} {
		os.Setenv(k, v)
	}
	for _, k := range []string{"KAFKA_BROKERS", "KSCOPE_CONTEXT"} {
		os.Unsetenv(k)
	}
	cluster, err = demo.Start(demo.Options{Seed: 1, Rate: 0, Brokers: 1})
	if err != nil {
		fmt.Fprintln(os.Stderr, "start the demo cluster:", err)
		return 1
	}
	defer cluster.Close()
	configFile = filepath.Join(dir, "config.yaml")
	yaml := fmt.Sprintf("current_context: demo\ncontexts:\n  demo:\n    brokers: [%s]\n    schema_registry:\n      url: %s\n  other:\n    brokers: [127.0.0.1:1]\n    read_only: true\n",
		cluster.Addrs()[0], cluster.RegistryURL())
	yaml += fmt.Sprintf(maskedContext, cluster.Addrs()[0], cluster.RegistryURL())
	if err := os.WriteFile(configFile, []byte(yaml), 0o600); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return m.Run()
}

// result is what a command did.
type result struct {
	stdout, stderr string
	code           int
}

// kscope runs a command on the demo cluster (through the config's demo
// context), with stdin.
func kscope(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Run(append([]string{"--config", configFile}, args...), strings.NewReader(stdin), &out, &errOut)
	return result{out.String(), errOut.String(), code}
}

// want fails the test unless the command exited with code and its stdout
// holds every one of want.
func (r result) want(t *testing.T, code int, want ...string) result {
	t.Helper()
	if r.code != code {
		t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", r.code, code, r.stdout, r.stderr)
	}
	for _, w := range want {
		if !strings.Contains(r.stdout+r.stderr, w) {
			t.Errorf("no %q in\nstdout: %s\nstderr: %s", w, r.stdout, r.stderr)
		}
	}
	return r
}
