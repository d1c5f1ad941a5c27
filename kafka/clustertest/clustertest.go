// Package clustertest gives integration tests the clusters they run
// against: the embedded kfake broker always, and a real Apache Kafka
// cluster when scripts/apache-kafka.sh has started one and the environment
// variable KSCOPE_APACHE_KAFKA names its folder. One test body, two
// clusters: where they differ, Apache Kafka is the reference.
//
// Without the variable the real lane is skipped; with CI=true a missing
// cluster fails the test instead, so CI cannot pass by skipping it.
package clustertest

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"
)

// EnvVar names the folder of a running Apache Kafka test cluster.
const EnvVar = "KSCOPE_APACHE_KAFKA"

// Cluster is one cluster a test runs against.
type Cluster struct {
	Name  string   // "kfake" or "apache"
	Addrs []string // PLAINTEXT bootstrap, whose principal is a super user
	Fake  *kfake.Cluster
	Real  *Real // nil on kfake
}

// Real is what only the Apache Kafka cluster has: secured listeners,
// users, certificates, and nodes that can be stopped.
type Real struct {
	SASLAddrs, TLSAddrs []string
	Admin, User         Credentials // SCRAM-SHA-512; User has no ACLs
	CA                  string      // files, PEM
	ClientCert          string
	ClientKey           string
	UntrustedCert       string // signed by a CA the brokers do not trust
	UntrustedKey        string
	dir                 string
}

// Credentials are a SCRAM user's name and password.
type Credentials struct{ User, Password string }

// Each runs fn once on a fresh kfake cluster and once on Apache Kafka, as
// subtests named after the cluster.
func Each(t *testing.T, fn func(t *testing.T, c *Cluster)) {
	t.Helper()
	t.Run("kfake", func(t *testing.T) { fn(t, Fake(t)) })
	t.Run("apache", func(t *testing.T) { fn(t, Apache(t)) })
}

// Fake starts a 3-broker kfake cluster for this test.
func Fake(t *testing.T, opts ...kfake.Opt) *Cluster {
	t.Helper()
	opts = append([]kfake.Opt{kfake.NumBrokers(3), kfake.ClusterID("test-cluster")}, opts...)
	f, err := kfake.NewCluster(opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(f.Close)
	return &Cluster{Name: "kfake", Addrs: f.ListenAddrs(), Fake: f}
}

// DisruptEnv, set to 1, lets tests stop nodes of the real cluster. Such
// tests are named TestNodeDown… and run alone, after the rest (.ci/run
// does this): a stopped node would fail the tests of other packages that
// go test runs beside them.
const DisruptEnv = "KSCOPE_APACHE_KAFKA_DISRUPT"

// Disruptive returns the real cluster for a test that stops its nodes,
// skipping the test unless DisruptEnv allows it.
func Disruptive(t *testing.T) *Cluster {
	t.Helper()
	if os.Getenv(DisruptEnv) != "1" {
		t.Skipf("stops nodes of the real cluster: run alone with %s=1 -run TestNodeDown", DisruptEnv)
	}
	return Apache(t)
}

// Apache returns the real cluster, skipping the test when there is none
// (failing it under CI).
func Apache(t *testing.T) *Cluster {
	t.Helper()
	dir := lane(t, EnvVar, "the Apache Kafka lane", "scripts/apache-kafka.sh")
	kv, err := readClusterFile(filepath.Join(dir, "cluster.txt"))
	if err != nil {
		t.Fatalf("%s=%s: %v", EnvVar, dir, err)
	}
	pair := func(k string) Credentials {
		u, p, _ := strings.Cut(kv[k], " ")
		return Credentials{User: u, Password: p}
	}
	return &Cluster{
		Name:  "apache",
		Addrs: strings.Split(kv["bootstrap"], ","),
		Real: &Real{
			SASLAddrs:     strings.Split(kv["sasl_bootstrap"], ","),
			TLSAddrs:      strings.Split(kv["ssl_bootstrap"], ","),
			Admin:         pair("sasl_admin"),
			User:          pair("sasl_user"),
			CA:            kv["ca"],
			ClientCert:    kv["client_cert"],
			ClientKey:     kv["client_key"],
			UntrustedCert: kv["untrusted_cert"],
			UntrustedKey:  kv["untrusted_key"],
			dir:           dir,
		},
	}
}

func readClusterFile(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	kv := make(map[string]string)
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), ": "); ok {
			kv[k] = v
		}
	}
	if kv["bootstrap"] == "" {
		return nil, fmt.Errorf("%s names no bootstrap", path)
	}
	return kv, sc.Err()
}

// Unique is a name no other test, nor an earlier run against the same
// long-lived cluster, has used.
func Unique(prefix string) string {
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return prefix + "-" + hex.EncodeToString(b)
}

// Admin is a kadm client on the cluster's super-user listener, closed when
// the test ends.
func (c *Cluster) Admin(t *testing.T, opts ...kgo.Opt) *kadm.Client {
	t.Helper()
	cl := c.Client(t, opts...)
	return kadm.NewClient(cl)
}

// Client is an independent franz-go client on the cluster, closed when the
// test ends.
func (c *Cluster) Client(t *testing.T, opts ...kgo.Opt) *kgo.Client {
	t.Helper()
	cl, err := kgo.NewClient(append([]kgo.Opt{kgo.SeedBrokers(c.Addrs...)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cl.Close)
	return cl
}

// Topic creates a topic with a unique name starting with prefix, with
// replication factor 3, and deletes it when the test ends. It returns once
// every broker knows the topic's leaders.
func (c *Cluster) Topic(t *testing.T, prefix string, partitions int32, configs map[string]*string) string {
	t.Helper()
	name := Unique(prefix)
	adm := c.Admin(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	resp, err := adm.CreateTopic(ctx, partitions, 3, configs, name)
	if err == nil {
		err = resp.Err
	}
	if err != nil {
		t.Fatalf("create topic %s: %v", name, err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		_, _ = adm.DeleteTopics(ctx, name)
	})
	// Every broker must know the topic and its leaders, not only the one
	// that answers first: a group's coordinator that has not heard of it
	// yet refuses a commit to it (UNKNOWN_TOPIC_OR_PARTITION).
	cl := c.Client(t)
	WaitFor(t, "every broker to know "+name, func() error {
		md, err := adm.BrokerMetadata(ctx)
		if err != nil {
			return err
		}
		for _, b := range md.Brokers {
			if err := knows(ctx, cl.Broker(int(b.NodeID)), name, partitions); err != nil {
				return fmt.Errorf("broker %d: %w", b.NodeID, err)
			}
		}
		return nil
	})
	return name
}

// knows reports, as nil, whether broker b has the topic's partitions, each
// with a leader, in its metadata.
func knows(ctx context.Context, b *kgo.Broker, topic string, partitions int32) error {
	req := kmsg.NewPtrMetadataRequest()
	rt := kmsg.NewMetadataRequestTopic()
	rt.Topic = kmsg.StringPtr(topic)
	req.Topics = append(req.Topics, rt)
	resp, err := req.RequestWith(ctx, b)
	if err != nil {
		return err
	}
	if len(resp.Topics) != 1 {
		return fmt.Errorf("%d topics in its answer", len(resp.Topics))
	}
	td := resp.Topics[0]
	if err := kerr.ErrorForCode(td.ErrorCode); err != nil || len(td.Partitions) != int(partitions) {
		return fmt.Errorf("topic %s: %v, %d partitions", topic, err, len(td.Partitions))
	}
	for _, p := range td.Partitions {
		if p.Leader < 0 || p.ErrorCode != 0 {
			return fmt.Errorf("partition %d has no leader yet", p.Partition)
		}
	}
	return nil
}

// Transactions writes to a one-partition topic, with one producer:
//
//	0 1 2  committed       3 commit marker
//	4 5 6  aborted         7 abort marker
//	8      committed       9 commit marker
//
// and, from a second producer, offset 10 in a transaction left open until
// the test ends.
func (c *Cluster) Transactions(t *testing.T, topic string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	txn := func(id string, values []string, end *kgo.TransactionEndTry) *kgo.Client {
		cl := c.Client(t, kgo.TransactionalID(id), kgo.DefaultProduceTopic(topic), kgo.TransactionTimeout(time.Minute))
		if err := cl.BeginTransaction(); err != nil {
			t.Fatal(err)
		}
		for _, v := range values {
			if err := cl.ProduceSync(ctx, &kgo.Record{Value: []byte(v)}).FirstErr(); err != nil {
				t.Fatal(err)
			}
		}
		if end != nil {
			if err := cl.EndTransaction(ctx, *end); err != nil {
				t.Fatal(err)
			}
		}
		return cl
	}
	id := Unique("txn")
	commit := kgo.TryCommit
	writer := txn(id, []string{"a", "b", "c"}, &commit)
	for _, step := range []struct {
		values []string
		end    kgo.TransactionEndTry
	}{{[]string{"x", "y", "z"}, kgo.TryAbort}, {[]string{"d"}, kgo.TryCommit}} {
		if err := writer.BeginTransaction(); err != nil {
			t.Fatal(err)
		}
		for _, v := range step.values {
			if err := writer.ProduceSync(ctx, &kgo.Record{Value: []byte(v)}).FirstErr(); err != nil {
				t.Fatal(err)
			}
		}
		if err := writer.EndTransaction(ctx, step.end); err != nil {
			t.Fatal(err)
		}
	}
	txn(id+"-open", []string{"open"}, nil)
}

// StopNode stops node n (1-3) of the real cluster, and starts it again
// when the test ends if the test did not.
func (c *Cluster) StopNode(t *testing.T, n int) {
	t.Helper()
	c.script(t, "stop-node", n)
	t.Cleanup(func() { c.script(t, "start-node", n) })
}

// KillNode kills node n (1-3) of the real cluster with SIGKILL, with no
// controlled shutdown, and starts it again when the test ends if the test
// did not.
func (c *Cluster) KillNode(t *testing.T, n int) {
	t.Helper()
	c.script(t, "kill-node", n)
	t.Cleanup(func() { c.script(t, "start-node", n) })
}

// StartNode starts node n of the real cluster again and waits until it
// serves.
func (c *Cluster) StartNode(t *testing.T, n int) {
	t.Helper()
	c.script(t, "start-node", n)
}

func (c *Cluster) script(t *testing.T, verb string, n int) {
	t.Helper()
	if c.Real == nil {
		t.Fatalf("%s: only the Apache Kafka cluster has nodes to stop", verb)
	}
	cmd := exec.Command("bash", scriptPath(t), verb, fmt.Sprint(n))
	cmd.Env = append(os.Environ(), "KSCOPE_KAFKA_DIR="+c.Real.dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("apache-kafka.sh %s %d: %v\n%s", verb, n, err, out)
	}
}

// scriptPath finds scripts/apache-kafka.sh above the test's folder.
func scriptPath(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		p := filepath.Join(dir, "scripts", "apache-kafka.sh")
		if _, err := os.Stat(p); err == nil {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("scripts/apache-kafka.sh not found above the test's folder")
		}
		dir = parent
	}
}

// WaitFor polls cond until it returns nil, failing the test with cond's
// last error after a bound meant for hangs, not for speed: a real cluster
// on two loaded cores can take many seconds to move leaders.
func WaitFor(t *testing.T, what string, cond func() error) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		err := cond()
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("waiting for %s: %v", what, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// Python runs a script of testdata/interop with python3 until it prints
// "ready". It stops it (closing its standard input; a script that has
// nothing more to do simply exits) when stop is called or the test ends.
// It is skipped where the Python clients are missing, failed under CI.
func Python(t *testing.T, script string, args ...string) (stop func()) {
	t.Helper()
	if err := exec.Command("python3", "-c", "import confluent_kafka, kafka").Run(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("the Python Kafka clients are not installed; .ci/run installs them")
		}
		t.Skip("the Python Kafka clients are not installed (pip install -r scripts/python-requirements.txt)")
	}
	path := filepath.Join(filepath.Dir(filepath.Dir(scriptPath(t))), "testdata", "interop", script)
	cmd := exec.Command("python3", append([]string{path}, args...)...)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	stop = sync.OnceFunc(func() {
		stdin.Close()
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(time.Minute):
			cmd.Process.Kill()
			<-done
		}
	})
	t.Cleanup(stop)
	ready := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(stdout).ReadString('\n')
		ready <- line
	}()
	select {
	case line := <-ready:
		if strings.TrimSpace(line) != "ready" {
			cmd.Process.Kill()
			cmd.Wait() // stderr is complete, and no longer written
			t.Fatalf("%s %v: %q\n%s", script, args, line, stderr.String())
		}
	case <-time.After(2 * time.Minute):
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("%s %v did not get ready\n%s", script, args, stderr.String())
	}
	return stop
}

// RegistryEnv holds the URL of a real Schema Registry for tests, as
// scripts/schema-registry.sh start prints it.
const RegistryEnv = "KSCOPE_SCHEMA_REGISTRY"

// Registry is the URL of the real Schema Registry, skipping the test when
// there is none (failing it under CI).
func Registry(t *testing.T) string {
	t.Helper()
	return lane(t, RegistryEnv, "the schema registry lane", "scripts/schema-registry.sh")
}

// ConnectEnv holds the URL of a real Kafka Connect worker on the Apache
// Kafka lane, as scripts/kafka-connect.sh start prints it.
const ConnectEnv = "KSCOPE_KAFKA_CONNECT"

// Connect is the URL of the real Kafka Connect worker, skipping the test
// when there is none (failing it under CI).
func Connect(t *testing.T) string {
	t.Helper()
	return lane(t, ConnectEnv, "the Kafka Connect lane", "scripts/kafka-connect.sh")
}

// lane is the value of the variable that turns a lane of tests on: the
// test is skipped without it, and failed under CI, which must run them.
func lane(t *testing.T, env, name, script string) string {
	t.Helper()
	v := os.Getenv(env)
	if v == "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not set: CI must run %s (%s start)", env, name, script)
		}
		t.Skipf("%s is off: run %s start and set %s", name, script, env)
	}
	return v
}
