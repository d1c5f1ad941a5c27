package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/twmb/franz-go/pkg/kadm"

	"github.com/kscope/kscope/kafka/clustertest"
)

// TAB completes topic and group names from the cluster the flags choose,
// and context names from the config; with no cluster chosen it offers
// nothing rather than start the embedded demo.
func TestCompletionNamesFromTheCluster(t *testing.T) {
	clustertest.Each(t, func(t *testing.T, cluster *clustertest.Cluster) {
		topic := cluster.Topic(t, "complete-me", 1, nil)
		group := clustertest.Unique("complete-group")
		offsets := kadm.Offsets{}
		offsets.Add(kadm.Offset{Topic: topic, Partition: 0, At: 0})
		if _, err := cluster.Admin(t).CommitOffsets(t.Context(), group, offsets); err != nil {
			t.Fatal(err)
		}
		brokers := strings.Join(cluster.Addrs, ",")
		complete := func(args ...string) []string {
			t.Helper()
			out, errOut, code := run(t, "", kscope, append([]string{"__complete", "-b", brokers}, args...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			return strings.Split(strings.TrimSpace(out), "\n")
		}
		for _, c := range []struct {
			args []string
			want string
		}{
			{[]string{"tail", "complete-me"}, topic},
			{[]string{"topic", "delete", "complete-me"}, topic},
			{[]string{"lag", "--topic", "complete-me"}, topic},
			{[]string{"lag", "complete-group"}, group},
			{[]string{"group", "reset", "complete-group"}, group},
		} {
			got := complete(c.args...)
			if !containsLine(got, c.want) || containsLine(got, "orders") {
				t.Errorf("%v: %q, want %s", c.args, got, c.want)
			}
		}
		if got := complete("tail", topic, ""); len(got) != 1 || !strings.HasPrefix(got[0], ":") {
			t.Errorf("a second argument to tail: %q", got)
		}
	})
}

func TestCompletionOfContextsAndWithoutACluster(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(cfg, []byte("current_context: local\ncontexts:\n  local:\n    brokers: [127.0.0.1:1]\n  prod-eu:\n    brokers: [127.0.0.1:2]\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out, _, _ := run(t, "", kscope, "__complete", "--config", cfg, "--context", "pr")
	if lines := strings.Split(strings.TrimSpace(out), "\n"); lines[0] != "prod-eu" || len(lines) != 2 {
		t.Errorf("--context: %q", out)
	}
	out, _, _ = run(t, "", kscope, "__complete", "--config", cfg, "config", "use", "")
	if !strings.HasPrefix(out, "local\nprod-eu\n") {
		t.Errorf("config use: %q", out)
	}
	// No cluster named: nothing, and no demo started for it.
	t.Setenv("KAFKA_BROKERS", "")
	out, errOut, _ := run(t, "", kscope, "__complete", "--config", filepath.Join(t.TempDir(), "none.yaml"), "tail", "")
	if strings.Contains(out, "orders") || strings.Contains(errOut, "demo") {
		t.Errorf("without a cluster: %q %q", out, errOut)
	}
}

func containsLine(lines []string, want string) bool {
	for _, l := range lines {
		if l == want {
			return true
		}
	}
	return false
}
