package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kscope/kscope/kafka/clustertest"
)

type lagReport []struct {
	Group      string `json:"group"`
	Type       string `json:"type"`
	State      string `json:"state"`
	Members    int    `json:"members"`
	TotalLag   int64  `json:"total_lag"`
	Status     string `json:"status"`
	Judging    bool   `json:"judging"`
	Partitions []struct {
		Topic     string `json:"topic"`
		Partition int32  `json:"partition"`
		Committed *int64 `json:"committed"`
		End       *int64 `json:"end"`
		Lag       *int64 `json:"lag"`
	} `json:"partitions"`
}

func lagOf(t *testing.T, addr string, args ...string) lagReport {
	t.Helper()
	out, errOut, code := run(t, "", kscope, append([]string{"lag", "-b", addr, "-o", "json"}, args...)...)
	if code != 0 {
		t.Fatalf("kscope lag: exit %d: %s", code, errOut)
	}
	var r lagReport
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("kscope lag -o json: %v\n%s", err, out)
	}
	return r
}

// A group made by kcat's balanced consumer reads as kscope reports it. On
// the demo (kfake keeps no log of commits) one look at a memberless group
// with lag cannot tell a stopped consumer from one that assign()s and
// commits, and says so; watching tells.
func TestLagOfGroups(t *testing.T) {
	needKcat(t)
	addr, _ := serveDemo(t)
	if _, errOut, code := run(t, "a\nb\nc\nd\n", "kcat", "-P", "-b", addr, "-t", "g-topic"); code != 0 {
		t.Fatal(errOut)
	}
	// kcat reads the four records as group kcat-group and commits.
	if _, errOut, code := run(t, "", "kcat", "-b", addr, "-G", "kcat-group", "-e", "-o", "beginning", "g-topic"); code != 0 {
		t.Fatal(errOut)
	}
	r := lagOf(t, addr, "kcat-group")
	if len(r) != 1 || r[0].TotalLag != 0 || r[0].Status != "OK" || len(r[0].Partitions) != 1 {
		t.Fatalf("kcat-group: %+v", r)
	}
	if p := r[0].Partitions[0]; p.Committed == nil || *p.Committed != 4 || *p.End != 4 || *p.Lag != 0 {
		t.Errorf("kcat-group partition: committed %v end %v lag %v, want 4 4 0", p.Committed, p.End, p.Lag)
	}
	// Three more records: lag 3, the group without members, unjudged.
	if _, errOut, code := run(t, "e\nf\ng\n", "kcat", "-P", "-b", addr, "-t", "g-topic"); code != 0 {
		t.Fatal(errOut)
	}
	if r := lagOf(t, addr, "kcat-group"); r[0].TotalLag != 3 || r[0].Status != "OK" || !r[0].Judging || r[0].Members != 0 {
		t.Errorf("after more records: %+v", r)
	}
	out, _, _ := run(t, "", kscope, "lag", "-b", addr, "kcat-group")
	if !strings.Contains(out, "unjudged (one look)") {
		t.Errorf("the table does not say one look could not judge:\n%s", out)
	}

	// The demo's share group is told apart, with both its members.
	clustertest.WaitFor(t, "email-workers with two members", func() error {
		if r := lagOf(t, addr, "email-workers"); r[0].Type != "share" || r[0].Members != 2 || r[0].Status == "ERROR" {
			return fmt.Errorf("%+v", r)
		}
		return nil
	})
	if r := lagOf(t, addr, "kcat-group"); r[0].Type != "classic" {
		t.Errorf("kcat's group: type %q, want classic", r[0].Type)
	}

	all := lagOf(t, addr, "--topic", "clickstream")
	if len(all) != 1 || all[0].Group != "analytics-etl" || !all[0].Judging || len(all[0].Partitions) != 12 {
		t.Errorf("--topic clickstream: %+v", all)
	}
	if _, errOut, code := run(t, "", kscope, "lag", "-b", addr, "-o", "xml"); code != 2 || errOut == "" {
		t.Errorf("-o xml: exit %d %q", code, errOut)
	}
}

// A group that does not exist is an error, exit 1, not a healthy group
// with no lag; the groups that do exist are still reported.
func TestLagOfAMissingGroupFails(t *testing.T) {
	addr, _ := serveDemo(t)
	out, errOut, code := run(t, "", kscope, "lag", "-b", addr, "-o", "json", "order-service", "nosuchgroup")
	if code != 1 || errOut != "kscope: group \"nosuchgroup\" does not exist\n" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	var r lagReport
	if err := json.Unmarshal([]byte(out), &r); err != nil || len(r) != 2 || r[0].Status != "ERROR" || r[1].Group != "order-service" || r[1].Status == "ERROR" {
		t.Fatalf("report %+v (%v)", r, err)
	}
}

// For scripts: --fail-on exits 3 and names the groups, --changes prints a
// line per change of verdict.
func TestLagAlertsForScripts(t *testing.T) {
	addr, _ := serveDemo(t)
	// The demo keeps no log of commits: its stopped group is known once
	// 20 s of watching show its commits still, and not at the first look,
	// where it would be a false alarm for a consumer that assign()s.
	start := time.Now()
	_, errOut, code := run(t, "", kscope, "lag", "-b", addr, "--watch", "500ms", "--fail-on", "stalled,STOPPED")
	if code != 3 || !strings.Contains(errOut, "kscope: alert: analytics-etl is STOPPED (lag ") || !strings.Contains(errOut, "reached a --fail-on verdict") {
		t.Errorf("--fail-on STOPPED: exit %d: %s", code, errOut)
	}
	if took := time.Since(start); took < 20*time.Second {
		t.Errorf("STOPPED after %s of watching: judged on less than 20 s of evidence", took)
	}
	if _, errOut, code := run(t, "", kscope, "lag", "-b", addr, "order-service", "--fail-on", "STALLED"); code != 0 {
		t.Errorf("--fail-on STALLED on a healthy group: exit %d: %s", code, errOut)
	}
	for _, bad := range [][]string{{"--fail-on", "OK"}, {"--fail-on", "LATE"}, {"--changes"}} {
		if _, _, code := run(t, "", kscope, append([]string{"lag", "-b", addr}, bad...)...); code != 2 {
			t.Errorf("%v: exit %d, want 2", bad, code)
		}
	}
	// Watching: each group's first verdict comes once, then only changes.
	cmd := exec.Command(kscope, "lag", "-b", addr, "--watch", "200ms", "--changes", "-o", "json")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Wait()
	defer cmd.Process.Kill()
	lines := make(chan string)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
	}()
	first := map[string]int{}
	bound := time.After(time.Minute) // for a hang, not for speed
	for len(first) < 7 {
		select {
		case line, ok := <-lines:
			if !ok {
				t.Fatalf("kscope lag --changes ended; first verdicts %v", first)
			}
			var c struct{ Group, From, To string }
			if err := json.Unmarshal([]byte(line), &c); err != nil {
				t.Fatalf("%v: %q", err, line)
			}
			if c.From == "" {
				first[c.Group]++
			}
		case <-bound:
			t.Fatalf("first verdicts after a minute: %v", first)
		}
	}
	for g, n := range first {
		if n != 1 {
			t.Errorf("%s: %d first verdicts", g, n)
		}
	}
}

// On Apache Kafka a single look judges from the log of commits: a group
// whose member is alive but whose commit has not moved in the window
// (here 1m, of which the commit is older than 25 s, enough for the 20 s of
// evidence a verdict needs) is STALLED at once, where without the log it
// would be "judging".
func TestLagSingleLookJudgesFromTheLogOfCommits(t *testing.T) {
	cluster := clustertest.Apache(t)
	topic := cluster.Topic(t, "stalled", 1, nil)
	group := clustertest.Unique("stalled-group")
	var offsets kadm.Offsets
	offsets.AddOffset(topic, 0, 0, -1)
	if err := cluster.Admin(t).CommitAllOffsets(context.Background(), group, offsets); err != nil {
		t.Fatal(err)
	}
	// Beside it, a group nobody consumes (memberless, its commit old) and
	// one a consumer that assign()s partitions commits on every second:
	// memberless too, but at work.
	idle, assigned := clustertest.Unique("idle-group"), clustertest.Unique("assigned-group")
	if err := cluster.Admin(t).CommitAllOffsets(context.Background(), idle, offsets); err != nil {
		t.Fatal(err)
	}
	read := cluster.Topic(t, "assigned", 1, nil)
	var backlog []*kgo.Record
	for range 100 {
		backlog = append(backlog, &kgo.Record{Topic: read, Value: []byte("r")})
	}
	if err := cluster.Client(t).ProduceSync(context.Background(), backlog...).FirstErr(); err != nil {
		t.Fatal(err)
	}
	stopCommits := make(chan struct{})
	defer close(stopCommits)
	go func() {
		adm := cluster.Admin(t)
		for i := int64(0); ; i++ {
			var at kadm.Offsets
			at.AddOffset(read, 0, min(i, 100), -1)
			adm.CommitAllOffsets(context.Background(), assigned, at)
			select {
			case <-stopCommits:
				return
			case <-time.After(time.Second):
			}
		}
	}()
	committed := time.Now()
	// A member that joins and never polls: alive, making no progress.
	member := cluster.Client(t, kgo.ConsumerGroup(group), kgo.ConsumeTopics(topic), kgo.DisableAutoCommit())
	member.AllowRebalance()
	cl := cluster.Client(t)
	if err := cl.ProduceSync(context.Background(), &kgo.Record{Topic: topic, Value: []byte("x")}, &kgo.Record{Topic: topic, Value: []byte("y")}).FirstErr(); err != nil {
		t.Fatal(err)
	}
	var r lagReport
	clustertest.WaitFor(t, "the member in the group", func() error {
		r = lagOf(t, cluster.Addrs[0], "--lag-window", "1m", group)
		if r[0].Members != 1 {
			return fmt.Errorf("%+v", r)
		}
		return nil
	})
	for time.Since(committed) < 26*time.Second {
		time.Sleep(time.Second) // the commit must age; the clock is the condition
	}
	r = lagOf(t, cluster.Addrs[0], "--lag-window", "1m", group, idle, assigned)
	by := map[string]int{}
	for i, g := range r {
		by[g.Group] = i
	}
	if len(r) != 3 || r[by[idle]].Status != "STOPPED" || r[by[group]].Status != "STALLED" || r[by[group]].TotalLag != 2 ||
		r[by[assigned]].Status != "OK" || r[by[assigned]].Members != 0 || r[by[assigned]].TotalLag == 0 {
		t.Fatalf("single look: %+v", r)
	}
}
