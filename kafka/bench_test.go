package kafka

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kscope/kscope/model"
)

// BenchmarkTailPipeline is the live tail's whole path for a topic of
// 200-byte records on a kfake broker over loopback TCP: fetch, decode,
// filter and insert into the bounded buffer, as the TUI does. One op reads
// the whole topic; records/s is the figure to watch.
func BenchmarkTailPipeline(b *testing.B) {
	const records, partitions = 500_000, 6
	c := benchOrders(b, partitions, records)
	filter, _ := model.ParseFilter("cus-0042")

	b.ResetTimer()
	for b.Loop() {
		tail, err := c.Tail(context.Background(), model.TailRequest{Topic: "bench", Start: model.Start{Kind: model.FromBeginning}, Window: 16 * time.Millisecond})
		if err != nil {
			b.Fatal(err)
		}
		buf := model.NewBuffer(10_000, 64<<20)
		sel := model.NewSelection(buf, filter)
		read := 0
		for read < records {
			batch, err := tail.Next(context.Background())
			if err != nil {
				b.Fatal(err)
			}
			buf.Push(batch.Records...)
			sel.Update(buf)
			read += len(batch.Records)
		}
		tail.Close()
	}
	b.ReportMetric(float64(b.N*records)/b.Elapsed().Seconds(), "records/s")
}

// BenchmarkTailRange reads a range of a topic to its end, as `kscope tail
// -e`, search and copy do: one partition, where there is nothing to
// merge, and 12, merged by time, with the fetches the merge pauses and
// resumes. records/s is the figure to watch; peak memory is
// scripts/bench-tail.sh's.
func BenchmarkTailRange(b *testing.B) {
	const records = 300_000
	for _, partitions := range []int32{1, 12} {
		b.Run(fmt.Sprintf("partitions=%d", partitions), func(b *testing.B) {
			c := benchOrders(b, partitions, records)
			b.ResetTimer()
			for b.Loop() {
				tail, err := c.Tail(context.Background(), model.TailRequest{Topic: "bench", Start: model.Start{Kind: model.FromBeginning}, Until: &model.Start{Kind: model.FromEnd}})
				if err != nil {
					b.Fatal(err)
				}
				read := 0
				for read < records {
					batch, err := tail.Next(context.Background())
					if err != nil {
						b.Fatal(err)
					}
					read += len(batch.Records)
				}
				tail.Close()
			}
			b.ReportMetric(float64(b.N*records)/b.Elapsed().Seconds(), "records/s")
		})
	}
}

// BenchmarkGroupsLag is one lag poll of 1,000 groups each committed on all
// 50 partitions of a topic: list, describe, fetch commits and list end
// offsets, as the groups pane does every refresh.
func BenchmarkGroupsLag(b *testing.B) {
	const groups, partitions = 1000, 50
	fake, err := kfake.NewCluster(kfake.NumBrokers(3), kfake.SeedTopics(partitions, "events"))
	if err != nil {
		b.Fatal(err)
	}
	defer fake.Close()
	cl, err := kgo.NewClient(kgo.SeedBrokers(fake.ListenAddrs()...))
	if err != nil {
		b.Fatal(err)
	}
	defer cl.Close()
	var offsets kadm.Offsets
	for p := range int32(partitions) {
		offsets.AddOffset("events", p, 0, -1)
	}
	c := committedGroups(b, fake, cl, groups, func(int) kadm.Offsets { return offsets })

	b.ResetTimer()
	for b.Loop() {
		gs, err := c.Groups(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		if len(gs) != groups || len(gs[0].Partitions) != partitions {
			b.Fatalf("%d groups, %d partitions", len(gs), len(gs[0].Partitions))
		}
	}
}

// BenchmarkGroupsLagAtScale is one lag poll of 5,000 groups over 200
// topics of 10 partitions, every group lagging on all its topic's
// partitions, as the groups pane does every refresh: list, describe,
// fetch commits, list offsets, and the time-behind fetches, which stay
// within their budget of 256 partitions a poll and are kept by offset.
// The first poll, with nothing kept, is reported as cold-ms.
func BenchmarkGroupsLagAtScale(b *testing.B) {
	const groups, topics, partitions = 5000, 200, 10
	names := make([]string, topics)
	for i := range names {
		names[i] = fmt.Sprintf("topic-%03d", i)
	}
	fake, err := kfake.NewCluster(kfake.NumBrokers(3), kfake.SeedTopics(partitions, names...))
	if err != nil {
		b.Fatal(err)
	}
	defer fake.Close()
	cl, err := kgo.NewClient(kgo.SeedBrokers(fake.ListenAddrs()...), kgo.RecordPartitioner(kgo.ManualPartitioner()))
	if err != nil {
		b.Fatal(err)
	}
	defer cl.Close()
	var recs []*kgo.Record
	for _, t := range names {
		for p := range int32(partitions) {
			recs = append(recs, &kgo.Record{Topic: t, Partition: p, Value: []byte("v")}, &kgo.Record{Topic: t, Partition: p, Value: []byte("v")})
		}
	}
	if err := cl.ProduceSync(context.Background(), recs...).FirstErr(); err != nil {
		b.Fatal(err)
	}
	c := committedGroups(b, fake, cl, groups, func(i int) kadm.Offsets {
		var offsets kadm.Offsets
		for p := range int32(partitions) {
			offsets.AddOffset(names[i%topics], p, int64(i%2), -1) // lag 2 or 1
		}
		return offsets
	})
	poll := func() {
		gs, err := c.Groups(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		if len(gs) != groups || len(gs[0].Partitions) != partitions || gs[0].TotalLag() != 2*partitions {
			b.Fatalf("%d groups, %d partitions, lag %d", len(gs), len(gs[0].Partitions), gs[0].TotalLag())
		}
	}
	start := time.Now()
	poll()
	cold := time.Since(start)
	b.ResetTimer()
	for b.Loop() {
		poll()
	}
	b.ReportMetric(float64(cold.Milliseconds()), "cold-ms")
}

// BenchmarkSizesAtScale is one poll of the brokers pane on 10,000 topics
// of 10 partitions (100,000 partitions, three brokers): every topic's
// metadata and watermarks, every broker's log dirs, each partition sized
// and each broker's leaders and replicas counted.
func BenchmarkSizesAtScale(b *testing.B) {
	const topics, partitions = 10_000, 10
	names := make([]string, topics)
	for i := range names {
		names[i] = fmt.Sprintf("topic-%05d", i)
	}
	fake, err := kfake.NewCluster(kfake.NumBrokers(3), kfake.SeedTopics(partitions, names...))
	if err != nil {
		b.Fatal(err)
	}
	defer fake.Close()
	c, err := New(Config{Brokers: fake.ListenAddrs()})
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	for b.Loop() {
		// At the same time, as the panes ask.
		var usage model.DiskUsage
		var usageErr error
		var wg sync.WaitGroup
		wg.Go(func() { usage, usageErr = c.DiskUsage(context.Background()) })
		ts, err := c.Topics(context.Background())
		wg.Wait()
		if err != nil || usageErr != nil {
			b.Fatal(err, usageErr)
		}
		usage.Fill(ts)
		loads := usage.Loads(ts)
		if len(ts) != topics || !ts[0].Partitions[0].Sized || loads[0].Leaders+loads[1].Leaders+loads[2].Leaders != topics*partitions {
			b.Fatalf("%d topics, sized %v, loads %+v", len(ts), ts[0].Partitions[0].Sized, loads)
		}
	}
}

// committedGroups makes n groups, group-0000 on, each committing what
// offsets gives it, and returns a kscope client of the cluster.
func committedGroups(b *testing.B, fake *kfake.Cluster, cl *kgo.Client, n int, offsets func(i int) kadm.Offsets) *Client {
	adm := kadm.NewClient(cl)
	for i := range n {
		if err := adm.CommitAllOffsets(context.Background(), fmt.Sprintf("group-%04d", i), offsets(i)); err != nil {
			b.Fatal(err)
		}
	}
	c, err := New(Config{Brokers: fake.ListenAddrs()})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(c.Close)
	return c
}

// BenchmarkSearch is kscope search's path over a one-partition topic of
// 200-byte JSON records on a kfake broker: a bounded tail, decoding and
// the query, by substring or by expression.
func BenchmarkSearch(b *testing.B) {
	const records = 500_000
	fake := benchTopic(b, 1, records, func(i int) *kgo.Record {
		return &kgo.Record{Value: fmt.Appendf(nil, `{"id":%d,"status":"paid","total":%d,"tag":"plain","pad":"%0130d"}`, i, i%1000, i)}
	})
	c, err := New(Config{Brokers: fake.ListenAddrs(), Decoder: serdeless{}})
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	filter, _ := model.ParseFilter("needle")
	for name, q := range map[string]model.Query{"filter": {Filter: filter}, "where": {Where: `value.tag == "needle"`}} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				tail, err := c.Tail(context.Background(), model.TailRequest{Topic: "bench", Start: model.Start{Kind: model.FromBeginning}, Until: &model.Start{Kind: model.FromEnd}})
				if err != nil {
					b.Fatal(err)
				}
				scan, err := model.NewScan(tail, q)
				if err != nil {
					b.Fatal(err)
				}
				for {
					batch, err := scan.Next(context.Background())
					if err != nil {
						b.Fatal(err)
					}
					if model.AllCaught(batch.Positions) {
						break
					}
				}
				tail.Close()
			}
			b.ReportMetric(float64(b.N*records)/b.Elapsed().Seconds(), "records/s")
		})
	}
}

// serdeless decodes nothing, as a connection with no formats.
type serdeless struct{}

func (serdeless) Decode(context.Context, []model.Record) {}

// benchTopic is a one-broker kfake cluster, closed when the benchmark
// ends, whose topic "bench" of partitions holds records made by record.
// benchOrders serves a topic of 200-byte records keyed by 500 customers,
// and a client of it.
func benchOrders(b *testing.B, partitions int32, records int) *Client {
	fake := benchTopic(b, partitions, records, func(i int) *kgo.Record {
		return &kgo.Record{Key: fmt.Appendf(nil, "cus-%04d", i%500), Value: fmt.Appendf(nil, "%0200d", i)}
	})
	c, err := New(Config{Brokers: fake.ListenAddrs()})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(c.Close)
	return c
}

func benchTopic(b *testing.B, partitions int32, records int, record func(i int) *kgo.Record) *kfake.Cluster {
	b.Helper()
	fake, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.SeedTopics(partitions, "bench"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(fake.Close)
	producer, err := kgo.NewClient(kgo.SeedBrokers(fake.ListenAddrs()...), kgo.DefaultProduceTopic("bench"), kgo.ProducerLinger(5*time.Millisecond))
	if err != nil {
		b.Fatal(err)
	}
	defer producer.Close()
	recs := make([]*kgo.Record, records)
	for i := range recs {
		recs[i] = record(i)
	}
	if err := producer.ProduceSync(context.Background(), recs...).FirstErr(); err != nil {
		b.Fatal(err)
	}
	return fake
}
