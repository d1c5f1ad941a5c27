package main

import (
	"context"
	"fmt"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kscope/kscope/kafka"
	"github.com/kscope/kscope/ui"
	"github.com/kscope/kscope/ui/uitest"
)

// A broker that dies in the middle of a tail and comes back: the header
// says so and retries, the tail keeps what it had and where the user was,
// and reading resumes by itself where it stopped, nothing lost.
func TestBrokerRestartMidTail(t *testing.T) {
	dir := t.TempDir()
	broker := func(port int) *kfake.Cluster {
		t.Helper()
		c, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.Ports(port), kfake.DataDir(dir))
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	fake := broker(0)
	addr := fake.ListenAddrs()[0]
	_, p, _ := net.SplitHostPort(addr)
	port, _ := strconv.Atoi(p)
	if err := fake.CreateTopic("events", 1, nil); err != nil {
		t.Fatal(err)
	}
	produce := func(from, n int) {
		t.Helper()
		cl, err := kgo.NewClient(kgo.SeedBrokers(addr), kgo.DefaultProduceTopic("events"))
		if err != nil {
			t.Fatal(err)
		}
		defer cl.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		for i := from; i < from+n; i++ {
			if err := cl.ProduceSync(ctx, &kgo.Record{Key: fmt.Appendf(nil, "key-%02d", i), Value: []byte("v")}).FirstErr(); err != nil {
				t.Fatal(err)
			}
		}
	}
	produce(0, 5)

	client, err := kafka.New(kafka.Config{Brokers: []string{addr}, Timeout: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	app := ui.New(client, ui.Options{Name: "restartable", Refresh: 200 * time.Millisecond, Location: time.UTC})
	d := uitest.Start(t, app, 120, 16)
	d.Type(":", "tail events beginning", "enter")
	d.WaitFor("seen 5", "key-04")
	d.Type("k", "k") // the user scrolls up: their place is two rows above the newest

	fake.Close()
	down := d.WaitUntil("the broker down", func(s string) bool {
		return strings.Contains(s, "✕ unreachable, retrying") && strings.Contains(s, "cannot reach any broker at "+addr)
	})
	// The tail says the cluster is gone rather than that it follows or
	// scrolls; the place is checked when the cluster is back.
	if !strings.Contains(down, "key-00") || !strings.Contains(down, "seen 5") || !strings.Contains(down, "✕ cluster unreachable") {
		t.Fatalf("the tail lost its records or place while the broker was down:\n%s", down)
	}

	fake = broker(port)
	defer fake.Close()
	produce(5, 3)
	up := d.WaitUntil("recovery", func(s string) bool {
		return strings.Contains(s, "● connected") && strings.Contains(s, "seen 8")
	})
	if !strings.Contains(up, "▲ scrolled") {
		t.Errorf("the user's place was lost:\n%s", up)
	}
	d.Type("G")
	all := d.WaitFor("key-07", "● following")
	for i := range 8 {
		if !strings.Contains(all, fmt.Sprintf("key-%02d", i)) {
			t.Errorf("key-%02d is missing after the restart:\n%s", i, all)
		}
	}
}
