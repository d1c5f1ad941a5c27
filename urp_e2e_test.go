package main

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kscope/kscope/kafka"
	"github.com/kscope/kscope/kafka/clustertest"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui"
	"github.com/kscope/kscope/ui/uitest"
)

// Stopping a node of the real cluster shows up as under-replication and a
// missing broker, in kscope topics -o json, in the adapter and in the
// TUI's brokers and partitions panes, and all recover when it returns. kfake never shows
// this: its ISR always equals the replicas.
func TestNodeDownShowsAsUnderReplicationUntilItReturns(t *testing.T) {
	cluster := clustertest.Disruptive(t)
	topic := cluster.Topic(t, "urp", 6, nil)
	brokers := strings.Join(cluster.Addrs, ",")
	urp := func() (int, error) {
		out, errOut, code := run(t, "", kscope, "topics", "-o", "json", "-b", brokers)
		if code != 0 {
			return 0, fmt.Errorf("exit %d: %s", code, errOut)
		}
		type listed struct {
			Name            string `json:"name"`
			UnderReplicated int    `json:"under_replicated"`
		}
		var topics []listed
		if err := json.Unmarshal([]byte(out), &topics); err != nil {
			return 0, err
		}
		i := slices.IndexFunc(topics, func(tp listed) bool { return tp.Name == topic })
		if i < 0 {
			return 0, fmt.Errorf("%s not listed", topic)
		}
		return topics[i].UnderReplicated, nil
	}

	waitURP := func(want int) {
		t.Helper()
		clustertest.WaitFor(t, fmt.Sprintf("%d partitions of %s under-replicated", want, topic), func() error {
			n, err := urp()
			if err == nil && n != want {
				err = fmt.Errorf("%d of 6 partitions under-replicated", n)
			}
			return err
		})
	}

	// The TUI, on the real adapter, watches the brokers from before.
	c, err := kafka.New(kafka.Config{Brokers: cluster.Addrs})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	tui := uitest.Start(t, ui.New(c, ui.Options{Name: "apache", Refresh: 500 * time.Millisecond}), 120, 30)
	defer tui.Quit()
	tui.Type(":", "brokers", "enter")
	tui.WaitFor("3 of 3 brokers up")

	cluster.StopNode(t, 3)
	waitURP(6)
	screen := tui.WaitFor("2 of 3 brokers up")
	if !regexp.MustCompile(`(?m)^\s*3\s+127\.0\.0\.1:\d+\s+-\s+down`).MatchString(screen) {
		t.Errorf("the brokers pane does not show node 3 down:\n%s", screen)
	}
	tui.Type(":", "partitions "+topic, "enter")
	tui.WaitUntil("partitions without node 3 in their ISR", func(screen string) bool {
		rows := 0
		for line := range strings.Lines(screen) {
			f := strings.Fields(line)
			if len(f) < 4 || f[0] < "0" || f[0] > "5" || len(f[0]) != 1 {
				continue
			}
			if f[1] == "3" || strings.Contains(f[3], "3") || strings.Count(f[3], ",") != 1 {
				return false
			}
			rows++
		}
		return rows == 6
	})
	// The adapter sees the shrunk ISR and the leaders moved off node 3.
	if cl, err := c.Cluster(t.Context()); err != nil || len(cl.Brokers) != 2 || slices.ContainsFunc(cl.Brokers, func(b model.Broker) bool { return b.ID == 3 }) {
		t.Errorf("with node 3 stopped the cluster lists %+v (%v)", cl.Brokers, err)
	}
	topics, err := c.Topics(t.Context(), topic)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range topics[0].Partitions {
		if p.Leader == 3 || slices.Contains(p.ISR, 3) || len(p.ISR) != 2 {
			t.Errorf("partition %d: leader %d, ISR %v; want node 3 out", p.ID, p.Leader, p.ISR)
		}
	}

	cluster.StartNode(t, 3)
	waitURP(0)
	// The partitions pane, left open, shows the ISR whole again without
	// ctrl+r: its rows on screen ask for their health at every refresh.
	tui.WaitUntil("every partition with node 3 back in its ISR", func(screen string) bool {
		rows := 0
		for line := range strings.Lines(screen) {
			f := strings.Fields(line)
			if len(f) >= 4 && len(f[0]) == 1 && f[0] >= "0" && f[0] <= "5" && strings.Count(f[3], ",") == 2 {
				rows++
			}
		}
		return rows == 6
	})
	tui.Type(":", "brokers", "enter")
	tui.WaitFor("3 of 3 brokers up")
}
