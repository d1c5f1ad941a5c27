package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/kscope/kscope/kafka/clustertest"
	"github.com/kscope/kscope/report"
)

// kafkaJars is the classpath of the jars the real lane runs on, where
// scripts/apache-kafka.sh keeps them.
func kafkaJars() string {
	cache := os.Getenv("XDG_CACHE_HOME")
	if cache == "" {
		cache = filepath.Join(os.Getenv("HOME"), ".cache")
	}
	jars := filepath.Join(cache, "kscope", "kafka-jars", "4.4.0")
	if v := os.Getenv("KSCOPE_KAFKA_JARS"); v != "" {
		jars = v
	}
	return filepath.Join(jars, "*")
}

// kafkaTool runs one of Apache Kafka's own command-line tools from the
// jars the real lane runs on.
func kafkaTool(t *testing.T, class string, args ...string) string {
	t.Helper()
	out, err := exec.Command("java", append([]string{"-Xmx256m", "-cp", kafkaJars(), class}, args...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", class, args, err, out)
	}
	return string(out)
}

// kscope cluster says what kafka-features.sh and kafka-metadata-quorum.sh
// say of Apache Kafka 4.4: each feature's finalized level and supported
// range, the quorum's leader, epoch and voters.
func TestClusterFeaturesAndQuorumAsKafkasToolsSayThem(t *testing.T) {
	c := clustertest.Apache(t)
	addr := c.Addrs[0]
	out, errOut, code := run(t, "", kscope, "cluster", "-o", "json", "-b", strings.Join(c.Addrs, ","))
	if code != 0 {
		t.Fatalf("kscope cluster: %d %s", code, errOut)
	}
	var got report.Cluster
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	features := map[string]report.Feature{}
	for _, f := range got.Features {
		features[f.Name] = f
	}
	// Feature: group.version  SupportedMinVersion: 0  SupportedMaxVersion: 1  FinalizedVersionLevel: 1  Epoch: 251
	line := regexp.MustCompile(`Feature: (\S+)\s+SupportedMinVersion: (\S+)\s+SupportedMaxVersion: (\S+)\s+FinalizedVersionLevel: (\S+)`)
	tool := line.FindAllStringSubmatch(kafkaTool(t, "org.apache.kafka.tools.FeatureCommand", "--bootstrap-server", addr, "describe"), -1)
	if len(tool) < 6 || len(tool) != len(got.Features) {
		t.Fatalf("kafka-features.sh describes %d features, kscope %d", len(tool), len(got.Features))
	}
	for _, m := range tool {
		f, ok := features[m[1]]
		if !ok {
			t.Errorf("kscope lacks feature %s", m[1])
			continue
		}
		if m[1] == "metadata.version" { // named after releases by the tool
			if f.Level < 20 || f.SupportedMax != f.Level {
				t.Errorf("metadata.version: %+v (the tool: %s)", f, m[4])
			}
			continue
		}
		if strconv.Itoa(int(f.SupportedMin)) != m[2] || strconv.Itoa(int(f.SupportedMax)) != m[3] || strconv.Itoa(int(f.Level)) != m[4] {
			t.Errorf("%s: kscope %+v, kafka-features.sh %v", m[1], f, m[2:])
		}
	}

	status := kafkaTool(t, "org.apache.kafka.tools.MetadataQuorumCommand", "--bootstrap-server", addr, "describe", "--status")
	field := func(name string) string {
		m := regexp.MustCompile(name + `:\s+(\S+)`).FindStringSubmatch(status)
		if m == nil {
			t.Fatalf("no %s in:\n%s", name, status)
		}
		return m[1]
	}
	q := got.Quorum
	if q == nil {
		t.Fatalf("no quorum: %s", got.QuorumError)
	}
	voters := regexp.MustCompile(`CurrentVoters:\s+(\[.*\])`).FindStringSubmatch(status)
	if voters == nil || strconv.Itoa(int(q.Leader)) != field("LeaderId") || strconv.Itoa(int(q.Epoch)) != field("LeaderEpoch") || len(q.Voters) != strings.Count(voters[1], `"id"`) {
		t.Errorf("quorum: kscope %+v, kafka-metadata-quorum.sh:\n%s", q, status)
	}
}

// On kfake, which has no KRaft quorum, kscope cluster says so and shows
// the rest.
func TestClusterWithoutAQuorum(t *testing.T) {
	addr, _ := serveDemo(t)
	out, errOut, code := run(t, "", kscope, "cluster", "-b", addr)
	if code != 0 || !strings.Contains(out, "quorum: not described") || !strings.Contains(out, "metadata.version") {
		t.Errorf("exit %d\n%s%s", code, out, errOut)
	}
}

// subscription is one in kscope client-metrics list -o json.
type subscription struct {
	Name       string   `json:"name"`
	Metrics    []string `json:"metrics"`
	IntervalMs int      `json:"interval_ms"`
	Match      []string `json:"match"`
}

// Client-metrics subscriptions kscope sets are what kafka-client-metrics.sh
// describes, and the other way round; on kfake, kscope reads back what it
// set. A config change reaches each broker through the metadata log, so
// each look waits for it.
func TestClientMetricsSubscriptions(t *testing.T) {
	clustertest.Each(t, func(t *testing.T, c *clustertest.Cluster) {
		addr := strings.Join(c.Addrs, ",")
		name := clustertest.Unique("subs")
		ks := func(args ...string) string { t.Helper(); return kscopeOn(t, addr, args...) }
		if out := ks("client-metrics", "set", name, "--metrics", "org.apache.kafka.producer.", "--interval", "30s", "--match", "client_id=app-1"); !strings.Contains(out, "before: none (new)") || strings.Contains(ks("client-metrics", "list"), name) {
			t.Fatalf("the preview set it already:\n%s", out)
		}
		ks("client-metrics", "set", name, "--metrics", "org.apache.kafka.producer.", "--interval", "30s", "--match", "client_id=app-1", "--execute")
		clustertest.WaitFor(t, "the subscription to be listed", func() error {
			var listed []subscription
			if err := json.Unmarshal([]byte(ks("client-metrics", "list", "-o", "json")), &listed); err != nil {
				return err
			}
			i := slices.IndexFunc(listed, func(s subscription) bool { return s.Name == name })
			if i < 0 || listed[i].IntervalMs != 30000 || listed[i].Metrics[0] != "org.apache.kafka.producer." || listed[i].Match[0] != "client_id=app-1" {
				return fmt.Errorf("listed: %+v", listed)
			}
			return nil
		})
		if c.Real != nil {
			tool := func(args ...string) string {
				return kafkaTool(t, "org.apache.kafka.tools.ClientMetricsCommand", append([]string{"--bootstrap-server", c.Addrs[0]}, args...)...)
			}
			clustertest.WaitFor(t, "kafka-client-metrics.sh to describe it", func() error {
				described := tool("--describe", "--name", name)
				for _, want := range []string{"interval.ms=30000", "match=client_id=app-1", "metrics=org.apache.kafka.producer."} {
					if !strings.Contains(described, want) {
						return fmt.Errorf("kafka-client-metrics.sh lacks %q:\n%s", want, described)
					}
				}
				return nil
			})
			other := name + "-tool"
			tool("--alter", "--name", other, "--metrics", "org.apache.kafka.consumer.", "--interval", "60000")
			clustertest.WaitFor(t, "the tool's subscription to be listed", func() error {
				if out := ks("client-metrics", "list"); !strings.Contains(out, other) || !strings.Contains(out, "1m0s") {
					return fmt.Errorf("listed:\n%s", out)
				}
				return nil
			})
			ks("client-metrics", "delete", other, "--execute")
			clustertest.WaitFor(t, "kafka-client-metrics.sh to list it no more", func() error {
				if strings.Contains(tool("--list"), other) {
					return fmt.Errorf("still listed after kscope deleted it")
				}
				return nil
			})
		}
		ks("client-metrics", "delete", name, "--execute")
		clustertest.WaitFor(t, "the deleted subscription to go", func() error {
			if strings.Contains(ks("client-metrics", "list"), name) {
				return fmt.Errorf("%s is still listed after its deletion", name)
			}
			return nil
		})
	})
}
