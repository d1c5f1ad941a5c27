package demo

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/kscope/kscope/connect"
	"github.com/kscope/kscope/webclient"
	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
)

func startDemo(t *testing.T, opts Options) (*Cluster, *kadm.Client) {
	t.Helper()
	c, err := Start(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	cl, err := kgo.NewClient(kgo.SeedBrokers(c.Addrs()...))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cl.Close)
	return c, kadm.NewClient(cl)
}

func TestDemoHasTopicsWithHistory(t *testing.T) {
	c, adm := startDemo(t, Options{Seed: 7})
	if len(c.Addrs()) != 3 {
		t.Fatalf("got %d brokers, want 3", len(c.Addrs()))
	}
	ctx := context.Background()
	md, err := adm.Metadata(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ends, err := adm.ListEndOffsets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range topics {
		td, ok := md.Topics[want.name]
		if !ok {
			t.Errorf("topic %s missing", want.name)
			continue
		}
		if len(td.Partitions) != int(want.partitions) || td.IsInternal {
			t.Errorf("%s: %d partitions internal=%v, want %d", want.name, len(td.Partitions), td.IsInternal, want.partitions)
		}
		var total int64
		ends.Each(func(o kadm.ListedOffset) {
			if o.Topic == want.name {
				total += o.Offset
			}
		})
		if total != int64(want.backlog) {
			t.Errorf("%s holds %d records, want its backlog %d", want.name, total, want.backlog)
		}
	}
	if td := md.Topics["__consumer_offsets"]; !td.IsInternal {
		t.Error("__consumer_offsets is not internal")
	}
}

var rfc3339 = regexp.MustCompile(`\d{4}-\d\d-\d\dT[0-9:.]+Z`)

func TestDemoIsDeterministicPerSeed(t *testing.T) {
	first := func() []string {
		c, _ := startDemo(t, Options{Seed: 42})
		cl, err := kgo.NewClient(kgo.SeedBrokers(c.Addrs()...),
			kgo.ConsumePartitions(map[string]map[int32]kgo.Offset{"orders": {0: kgo.NewOffset().AtStart()}}))
		if err != nil {
			t.Fatal(err)
		}
		defer cl.Close()
		var keys []string
		for len(keys) < 5 {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			fs := cl.PollRecords(ctx, 5-len(keys))
			cancel()
			if err := fs.Err0(); err != nil {
				t.Fatal(err)
			}
			for _, r := range fs.Records() {
				// Timestamps are relative to the start; all else must repeat.
				value := rfc3339.ReplaceAllString(string(r.Value), "TIME")
				keys = append(keys, string(r.Key)+"="+value)
			}
		}
		return keys
	}
	a, b := first(), first()
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("record %d differs between runs with one seed:\n%s\n%s", i, a[i], b[i])
		}
	}
}

// The groups are meant to look different from one another; check what a
// lag tool would see, through kadm rather than kscope's own code.
func TestDemoGroupsHaveDistinctHealth(t *testing.T) {
	_, adm := startDemo(t, Options{Seed: 1})
	ctx := context.Background()
	type health struct {
		members   int
		lag       int64
		committed bool
	}
	lagOf := func(group string) (health, error) {
		l, err := adm.Lag(ctx, group)
		if err != nil {
			return health{}, err
		}
		gl := l[group]
		if err := gl.Error(); err != nil {
			return health{}, err
		}
		h := health{members: len(gl.Members), lag: gl.Lag.Total()}
		for _, ps := range gl.Lag {
			for _, p := range ps {
				h.committed = h.committed || p.Commit.At >= 0
			}
		}
		return h, nil
	}
	// A group that keeps up reaches zero lag once it has read the history.
	deadline := time.Now().Add(30 * time.Second)
	for {
		h, err := lagOf("order-service")
		if err == nil && h.members == 1 && h.committed && h.lag == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("order-service: %+v %v; want it caught up", h, err)
		}
		time.Sleep(100 * time.Millisecond) // polling for a condition, bounded by the deadline
	}
	// Half of each of 12 partitions, rounded down per partition.
	if h, err := lagOf("analytics-etl"); err != nil || h.members != 0 || h.lag < 3000 || h.lag > 3012 {
		t.Errorf("analytics-etl: %+v %v, want stopped with half of 6000 behind", h, err)
	}
	// Without live traffic its pace is zero: a member, and a tenth of the
	// history still unread.
	if h, err := lagOf("payment-reconciler"); err != nil || !h.committed || h.lag < 90 {
		t.Errorf("payment-reconciler: %+v %v, want behind", h, err)
	}
}

func TestDemoCreatesTopicsOnProduce(t *testing.T) {
	c, adm := startDemo(t, Options{Seed: 1})
	cl, err := kgo.NewClient(kgo.SeedBrokers(c.Addrs()...), kgo.AllowAutoTopicCreation())
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := cl.ProduceSync(ctx, &kgo.Record{Topic: "brand-new", Value: []byte("x")}).FirstErr(); err != nil {
		t.Fatal(err)
	}
	md, err := adm.Metadata(ctx, "brand-new")
	if err != nil || len(md.Topics["brand-new"].Partitions) != 1 {
		t.Fatalf("brand-new: %v %+v", err, md.Topics["brand-new"])
	}
}

func TestListenAddress(t *testing.T) {
	for _, bad := range []string{"9092", "0.0.0.0:9092", ":9092", "127.0.0.1:x", "127.0.0.1:65535"} {
		if _, _, _, err := listenOpts(bad, "", 3); err == nil {
			t.Errorf("listen %q accepted", bad)
		}
	}
	if _, err := Start(Options{Rate: -1}); err == nil {
		t.Error("negative rate accepted")
	}
}

// Listening on every interface, as in a container, the brokers advertise
// the host clients reach them at, and a client that bootstraps there
// reaches every broker.
func TestAdvertise(t *testing.T) {
	c, err := Start(Options{Listen: "0.0.0.0:0", Advertise: "localhost", Brokers: 2, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	for _, a := range append(c.Addrs(), strings.TrimPrefix(c.RegistryURL(), "http://"), strings.TrimPrefix(c.ConnectURL(), "http://")) {
		if !strings.HasPrefix(a, "localhost:") {
			t.Errorf("advertised %s, want localhost:PORT", a)
		}
	}
	cl, err := kgo.NewClient(kgo.SeedBrokers(c.Addrs()...))
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	md, err := kadm.NewClient(cl).Metadata(ctx)
	if err != nil || len(md.Brokers) != 2 || md.Brokers[0].Host != "localhost" {
		t.Fatalf("metadata %+v, %v", md.Brokers, err)
	}
}

// The demo's Kafka Connect API serves its connectors, marked as the
// demo's, one of them with a failed task.
func TestDemoConnectors(t *testing.T) {
	c, err := Start(Options{Brokers: 1, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	cl, err := connect.New("demo", webclient.Config{URL: c.ConnectURL(), Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	cs, err := cl.Connectors(context.Background())
	if err != nil || len(cs) != 3 {
		t.Fatalf("%d connectors, %v", len(cs), err)
	}
	failed := 0
	for _, con := range cs {
		if !strings.HasPrefix(con.Name, "demo-") {
			t.Errorf("%s is not named as the demo's", con.Name)
		}
		if con.Failed() {
			failed++
		}
	}
	if failed != 1 {
		t.Errorf("%d failing connectors, want 1", failed)
	}
}
