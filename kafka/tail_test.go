package kafka

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kscope/kscope/kafka/clustertest"
	"github.com/kscope/kscope/model"
)

// produceRecords writes records as given, partitions included.
func produceRecords(t *testing.T, addrs []string, recs ...*kgo.Record) {
	t.Helper()
	cl, err := kgo.NewClient(kgo.SeedBrokers(addrs...), kgo.RecordPartitioner(kgo.ManualPartitioner()))
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	if err := cl.ProduceSync(context.Background(), recs...).FirstErr(); err != nil {
		t.Fatal(err)
	}
}

// readAll reads until every partition has caught up with where it ended
// when the tail started.
func readAll(t *testing.T, tail model.RecordStream) []model.Record {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var out []model.Record
	if model.AllCaught(tail.Started()) {
		return nil
	}
	for {
		b, err := tail.Next(ctx)
		if err != nil {
			t.Fatalf("after %d records: %v", len(out), err)
		}
		out = append(out, b.Records...)
		if model.AllCaught(b.Positions) {
			return out
		}
	}
}

func TestTailReadsRecordsWhole(t *testing.T) {
	clustertest.Each(t, testTailReadsRecordsWhole)
}

func testTailReadsRecordsWhole(t *testing.T, cluster *clustertest.Cluster) {
	addrs := cluster.Addrs
	// The records keep a fixed time, past a week by now: a topic that
	// kept them a week would drop them at its next retention check.
	events := cluster.Topic(t, "events", 2, map[string]*string{"retention.ms": new("-1")})
	at := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	produceRecords(t, addrs,
		&kgo.Record{Topic: events, Partition: 0, Key: []byte("k1"), Value: []byte(`{"a":1}`), Timestamp: at,
			Headers: []kgo.RecordHeader{{Key: "h", Value: []byte("1")}, {Key: "h", Value: []byte("2")}, {Key: "nil"}}},
		&kgo.Record{Topic: events, Partition: 0, Key: nil, Value: nil, Timestamp: at.Add(time.Second)},
		&kgo.Record{Topic: events, Partition: 1, Key: []byte{}, Value: []byte{0xff, 0x00}, Timestamp: at.Add(2 * time.Second)},
	)
	c := newClient(t, addrs, 10*time.Second)
	tail, err := c.Tail(context.Background(), model.TailRequest{Topic: events, Start: model.Start{Kind: model.FromBeginning}})
	if err != nil {
		t.Fatal(err)
	}
	defer tail.Close()
	got := readAll(t, tail)
	if len(got) != 3 {
		t.Fatalf("got %d records, want 3", len(got))
	}
	byOffset := map[[2]int64]model.Record{}
	for _, r := range got {
		byOffset[[2]int64{int64(r.Partition), r.Offset}] = r
	}
	first := byOffset[[2]int64{0, 0}]
	if string(first.Key) != "k1" || string(first.Value) != `{"a":1}` || first.Timestamp != at.UnixMilli() || first.Topic != events {
		t.Errorf("first record %+v", first)
	}
	if len(first.Headers) != 3 || first.Headers[1].Key != "h" || string(first.Headers[1].Value) != "2" || first.Headers[2].Value != nil {
		t.Errorf("headers %+v, want h=1, h=2, nil=null in order", first.Headers)
	}
	if null := byOffset[[2]int64{0, 1}]; null.Key != nil || null.Value != nil {
		t.Errorf("null key and value came back as %q %q", null.Key, null.Value)
	}
	if bin := byOffset[[2]int64{1, 0}]; bin.Key == nil || len(bin.Key) != 0 || !bytes.Equal(bin.Value, []byte{0xff, 0}) {
		t.Errorf("empty key / binary value came back as %q %q", bin.Key, bin.Value)
	}
}

func TestTailStartPositions(t *testing.T) {
	clustertest.Each(t, testTailStartPositions)
}

func testTailStartPositions(t *testing.T, cluster *clustertest.Cluster) {
	addrs := cluster.Addrs
	log := cluster.Topic(t, "log", 1, nil)
	base := time.Now().Add(-time.Hour).Truncate(time.Millisecond)
	var recs []*kgo.Record
	for i := range 10 {
		recs = append(recs, &kgo.Record{Topic: log, Value: []byte{byte('0' + i)}, Timestamp: base.Add(time.Duration(i) * time.Minute)})
	}
	produceRecords(t, addrs, recs...)
	c := newClient(t, addrs, 10*time.Second)
	tests := []struct {
		start model.Start
		first int64 // offset of the first record read; 10 means none
	}{
		{model.Start{Kind: model.FromBeginning}, 0},
		{model.Start{Kind: model.FromEnd}, 10},
		{model.Start{Kind: model.FromOffset, Offset: 7}, 7},
		{model.Start{Kind: model.FromOffset, Offset: 99}, 10},
		{model.Start{Kind: model.FromLast, Last: 3}, 7},
		{model.Start{Kind: model.FromLast, Last: 300}, 0},
		{model.Start{Kind: model.FromTime, Time: base.Add(4*time.Minute + time.Second)}, 5},
		{model.Start{Kind: model.FromTime, Time: base.Add(time.Hour)}, 10},
	}
	for _, tt := range tests {
		tail, err := c.Tail(context.Background(), model.TailRequest{Topic: log, Start: tt.start})
		if err != nil {
			t.Fatal(err)
		}
		got := readAll(t, tail)
		tail.Close()
		if want := 10 - tt.first; int64(len(got)) != want {
			t.Errorf("from %s: read %d records, want %d", tt.start, len(got), want)
			continue
		}
		if len(got) > 0 && got[0].Offset != tt.first {
			t.Errorf("from %s: first offset %d, want %d", tt.start, got[0].Offset, tt.first)
		}
	}
}

func TestTailErrors(t *testing.T) {
	fake := newFake(t, map[string]int32{"log": 2})
	c := newClient(t, fake.ListenAddrs(), 5*time.Second)
	ctx := context.Background()
	if _, err := c.Tail(ctx, model.TailRequest{Topic: "nope"}); err == nil || !strings.Contains(err.Error(), `topic "nope" does not exist`) {
		t.Errorf("unknown topic: %v", err)
	}
	if _, err := c.Tail(ctx, model.TailRequest{Topic: "log", Partitions: []int32{5}}); err == nil || err.Error() != `topic "log" has no partition 5 (it has 2)` {
		t.Errorf("unknown partition: %v", err)
	}
}

func TestTailSurvivesItsTopicsDeletionWithAClearError(t *testing.T) {
	fake := newFake(t, map[string]int32{"doomed": 1})
	c := newClient(t, fake.ListenAddrs(), 5*time.Second)
	tail, err := c.Tail(context.Background(), model.TailRequest{Topic: "doomed", Window: 10 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer tail.Close()
	if err := fake.DeleteTopic("doomed"); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	for {
		_, err := tail.Next(ctx)
		if err != nil && err.Error() == `topic "doomed" no longer exists` && errors.Is(err, model.ErrTopicGone) {
			return
		}
		if ctx.Err() != nil {
			t.Fatalf("no clear error after the topic was deleted; last: %v", err)
		}
	}
}

// A tail from the past reads like one log: records of every partition in
// timestamp order, each partition's own in offset order, though fetches
// bring them partition by partition (each partition here is its own
// megabytes, on its own broker).
func TestTailMergesPartitionsByTime(t *testing.T) {
	clustertest.Each(t, func(t *testing.T, cluster *clustertest.Cluster) {
		topic := cluster.Topic(t, "merge", 3, nil)
		producer := cluster.Client(t, kgo.RecordPartitioner(kgo.ManualPartitioner()), kgo.ProducerBatchMaxBytes(1<<20))
		base := time.Now().Add(-time.Hour).Truncate(time.Millisecond)
		const perPartition = 1500
		value := bytes.Repeat([]byte("v"), 2000)
		var records []*kgo.Record
		for i := range perPartition {
			for p := range int32(3) {
				// Partition 2 lags the others by a minute: its records
				// interleave with theirs only part of the way.
				at := base.Add(time.Duration(3*i+int(p)) * time.Second)
				if p == 2 {
					at = at.Add(time.Minute)
				}
				records = append(records, &kgo.Record{Topic: topic, Partition: p, Timestamp: at, Value: value})
			}
		}
		if err := producer.ProduceSync(context.Background(), records...).FirstErr(); err != nil {
			t.Fatal(err)
		}
		c := newClient(t, cluster.Addrs, 30*time.Second)
		tail, err := c.Tail(context.Background(), model.TailRequest{Topic: topic, Start: model.Start{Kind: model.FromBeginning}, Window: 16 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		defer tail.Close()
		got := readAll(t, tail)
		if len(got) != 3*perPartition {
			t.Fatalf("read %d records, want %d", len(got), 3*perPartition)
		}
		next := map[int32]int64{}
		for i, r := range got {
			if i > 0 && r.Timestamp < got[i-1].Timestamp {
				t.Fatalf("record %d (partition %d offset %d, %s) comes after one from %s",
					i, r.Partition, r.Offset, r.Time().Format(time.TimeOnly), got[i-1].Time().Format(time.TimeOnly))
			}
			if r.Offset != next[r.Partition] {
				t.Fatalf("partition %d: offset %d after %d", r.Partition, r.Offset, next[r.Partition]-1)
			}
			next[r.Partition]++
		}
	})
}

// A tail whose cluster goes away says so from Next, rather than waiting
// in silence: a reader (kscope tail, the TUI) can tell why nothing comes.
func TestTailSaysWhenTheClusterIsGone(t *testing.T) {
	fake := newFake(t, map[string]int32{"orders": 1})
	c := newClient(t, fake.ListenAddrs(), 2*time.Second)
	tail, err := c.Tail(context.Background(), model.TailRequest{Topic: "orders"})
	if err != nil {
		t.Fatal(err)
	}
	defer tail.Close()
	fake.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute) // a bound for a hang
	defer cancel()
	_, err = tail.Next(ctx)
	if err == nil || ctx.Err() != nil || !strings.Contains(err.Error(), "waiting for records: list topics: cannot reach any broker") {
		t.Fatalf("Next: %v", err)
	}
}

// A batch that inflates past the bound (a compression bomb) is skipped,
// and Next says which offsets were lost; the records after it still come.
func TestTailSkipsACompressionBomb(t *testing.T) {
	fake := newFake(t, map[string]int32{"bombs": 1})
	producer, _ := independent(t, fake.ListenAddrs(), kgo.ProducerBatchCompression(kgo.ZstdCompression()),
		kgo.ProducerBatchMaxBytes(8<<20), kgo.RecordPartitioner(kgo.ManualPartitioner()))
	ctx := context.Background()
	bomb := &kgo.Record{Topic: "bombs", Value: make([]byte, 4<<20)} // zeros: a few kilobytes compressed
	if err := producer.ProduceSync(ctx, bomb).FirstErr(); err != nil {
		t.Fatal(err)
	}
	if err := producer.ProduceSync(ctx, &kgo.Record{Topic: "bombs", Value: []byte("after")}).FirstErr(); err != nil {
		t.Fatal(err)
	}
	c, err := New(Config{Brokers: fake.ListenAddrs(), Timeout: 10 * time.Second, MaxInflate: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	tail, err := c.Tail(ctx, model.TailRequest{Topic: "bombs", Start: model.Start{Kind: model.FromBeginning}})
	if err != nil {
		t.Fatal(err)
	}
	defer tail.Close()
	rctx, cancel := context.WithTimeout(ctx, time.Minute) // a bound for a hang
	defer cancel()
	var got []model.Record
	var warned error
	for !model.AllCaught(tail.Started()) && rctx.Err() == nil {
		b, err := tail.Next(rctx)
		if err != nil && warned == nil {
			warned = err
		}
		got = append(got, b.Records...)
		if model.AllCaught(b.Positions) {
			break
		}
	}
	if warned == nil || !strings.Contains(warned.Error(), "partition 0: skipped offsets 0 to 0, a batch that inflates past 1 MB") {
		t.Errorf("Next said %v", warned)
	}
	if len(got) != 1 || string(got[0].Value) != "after" {
		t.Errorf("read %d records after the bomb", len(got))
	}
}

// A topic deleted and made again under the same name looks alive and
// sends nothing to a tail of the old one: the tail says what happened and
// ends, so the user can start one on the new topic.
func TestTailSaysItsTopicWasMadeAgain(t *testing.T) {
	fake := newFake(t, map[string]int32{"reborn": 1})
	c := newClient(t, fake.ListenAddrs(), 5*time.Second)
	produce(t, fake.ListenAddrs(), "reborn", map[int32]int{0: 50})
	tail, err := c.Tail(context.Background(), model.TailRequest{Topic: "reborn"}) // from the end: offset 50
	if err != nil {
		t.Fatal(err)
	}
	defer tail.Close()
	_, adm := independent(t, fake.ListenAddrs())
	if _, err := adm.DeleteTopic(context.Background(), "reborn"); err != nil {
		t.Fatal(err)
	}
	if _, err := adm.CreateTopic(context.Background(), 1, 1, nil, "reborn"); err != nil {
		t.Fatal(err)
	}
	produce(t, fake.ListenAddrs(), "reborn", map[int32]int{0: 3})         // offsets 0-2 of the new topic
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute) // a bound for a hang
	defer cancel()
	for {
		_, err := tail.Next(ctx)
		if err != nil && errors.Is(err, model.ErrTopicGone) {
			if !strings.Contains(err.Error(), `topic "reborn" was deleted and made again`) {
				t.Errorf("error %q", err)
			}
			return
		}
		if ctx.Err() != nil {
			t.Fatalf("the tail never said its topic was made again; last: %v", err)
		}
	}
}

// An offset that retention removed before the tail read it is not a
// reason to read the partition again from its start: the tail goes on
// from the new log start and says how many records it lost.
func TestTailGoesOnFromWhereRetentionLeftIt(t *testing.T) {
	fake := newFake(t, map[string]int32{"kept": 1})
	produce(t, fake.ListenAddrs(), "kept", map[int32]int{0: 100})
	// The tail's first fetch waits until retention has moved the log
	// start past where the tail starts.
	retained := make(chan struct{})
	var once sync.Once
	fake.ControlKey(kmsg.Fetch.Int16(), func(kmsg.Request) (kmsg.Response, error, bool) {
		once.Do(func() { fake.SleepControl(func() { <-retained }) })
		return nil, nil, false
	})
	c := newClient(t, fake.ListenAddrs(), 10*time.Second)
	tail, err := c.Tail(context.Background(), model.TailRequest{Topic: "kept", Start: model.Start{Kind: model.FromOffset, Offset: 10}})
	if err != nil {
		t.Fatal(err)
	}
	defer tail.Close()
	_, adm := independent(t, fake.ListenAddrs())
	to := kadm.Offsets{}
	to.Add(kadm.Offset{Topic: "kept", Partition: 0, At: 60})
	if resp, err := adm.DeleteRecords(context.Background(), to); err != nil || resp.Error() != nil {
		t.Fatalf("delete records: %v %v", err, resp.Error())
	}
	close(retained)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute) // a bound for a hang
	defer cancel()
	var got []model.Record
	var said error
	var last []model.Position
	for ctx.Err() == nil {
		b, err := tail.Next(ctx)
		if err != nil && said == nil {
			said = err
		}
		got = append(got, b.Records...)
		last = b.Positions
		if model.AllCaught(b.Positions) {
			break
		}
	}
	if said == nil || said.Error() != "partition 0: 50 records were removed by retention before the tail read them (offsets 10 to 59); going on from 60" {
		t.Errorf("the tail said %v", said)
	}
	// A search's summary counts them as not scanned.
	if line := model.MissedLine(last); line != "partition 0: 50 records, removed by retention before they were read" {
		t.Errorf("missed: %q", line)
	}
	if len(got) != 40 || got[0].Offset != 60 {
		t.Fatalf("read %d records from offset %d, want 40 from 60", len(got), got[0].Offset)
	}
}

// A partition that holds the merge back past the patience (leader down,
// or its last offsets compacted away so it never reaches them) holds it
// back no more: later batches of the others are not each delayed.
func TestASilentPartitionHoldsTheMergeOnlyOnce(t *testing.T) {
	tl := &Tail{
		order:     []int32{0, 1},
		positions: map[int32]*model.Position{0: {Partition: 0, StartHigh: 100}, 1: {Partition: 1, StartHigh: 100}},
		fetched:   map[int32]int64{0: 10, 1: 40}, // partition 1 will never get past 40
		released:  map[int32]bool{},
		merge:     model.NewMerge(placing),
	}
	tl.merge.Add(&kgo.Record{Partition: 0, Offset: 9, Timestamp: time.UnixMilli(1)})
	if out := tl.take(10); len(out) != 0 {
		t.Fatalf("placed %d records while partition 1 could still come first", len(out))
	}
	tl.heldSince = time.Now().Add(-2 * mergePatience) // the patience has run out
	if out := tl.take(10); len(out) != 1 {
		t.Fatalf("after the patience: placed %d records", len(out))
	}
	tl.merge.Add(&kgo.Record{Partition: 0, Offset: 10, Timestamp: time.UnixMilli(2)})
	if out := tl.take(10); len(out) != 1 {
		t.Fatalf("partition 1 held the next batch back again")
	}
}

// A live tail catches up on what was there with fetches that never wait
// (one asked before a partition reached its end would hold a resumed one
// up), then reads on with a client that waits for new records, from
// exactly where it was: nothing lost, nothing twice. A range never waits.
func TestTailCatchesUpThenWaitsForNewRecords(t *testing.T) {
	clustertest.Each(t, func(t *testing.T, cluster *clustertest.Cluster) {
		topic := cluster.Topic(t, "catchup", 3, nil)
		write := func(from, n int) {
			var recs []*kgo.Record
			for i := from; i < from+n; i++ {
				recs = append(recs, &kgo.Record{Topic: topic, Partition: int32(i % 3), Value: fmt.Appendf(nil, "%d", i)})
			}
			produceRecords(t, cluster.Addrs, recs...)
		}
		write(0, 300)
		c := newClient(t, cluster.Addrs, 30*time.Second)
		wait := func(s model.RecordStream) time.Duration {
			return s.(*Tail).cl.OptValue(kgo.FetchMaxWait).(time.Duration)
		}

		tail, err := c.Tail(context.Background(), model.TailRequest{Topic: topic, Start: model.Start{Kind: model.FromBeginning}})
		if err != nil {
			t.Fatal(err)
		}
		defer tail.Close()
		if got := wait(tail); got != catchUpWait {
			t.Errorf("catching up, fetches wait %v, want %v", got, catchUpWait)
		}
		got := readAll(t, tail)
		write(300, 30)
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		for len(got) < 330 {
			b, err := tail.Next(ctx)
			if err != nil {
				t.Fatalf("after %d records: %v", len(got), err)
			}
			got = append(got, b.Records...)
		}
		if w := wait(tail); w != liveWait {
			t.Errorf("caught up, fetches wait %v, want %v", w, liveWait)
		}
		seen := map[string]bool{}
		next := map[int32]int64{}
		for _, r := range got {
			if seen[string(r.Value)] || r.Offset != next[r.Partition] {
				t.Fatalf("partition %d offset %d (%q) after offset %d: lost or read twice", r.Partition, r.Offset, r.Value, next[r.Partition]-1)
			}
			seen[string(r.Value)] = true
			next[r.Partition]++
		}
		if len(got) != 330 {
			t.Errorf("read %d records, want 330", len(got))
		}

		fromEnd, err := c.Tail(context.Background(), model.TailRequest{Topic: topic})
		if err != nil {
			t.Fatal(err)
		}
		defer fromEnd.Close()
		if w := wait(fromEnd); w != liveWait {
			t.Errorf("from the end, fetches wait %v, want %v", w, liveWait)
		}
		span, err := c.Tail(context.Background(), model.TailRequest{Topic: topic, Start: model.Start{Kind: model.FromBeginning}, Until: &model.Start{Kind: model.FromEnd}})
		if err != nil {
			t.Fatal(err)
		}
		defer span.Close()
		if n := len(readAll(t, span)); n != 330 {
			t.Errorf("the range read %d records, want 330", n)
		}
		if w := wait(span); w != catchUpWait {
			t.Errorf("a range read to its end, fetches wait %v, want %v", w, catchUpWait)
		}
	})
}

// A reader that gives a batch's records back has the next batch made in
// the same slice, emptied of what the last one held.
func TestARecycledBatchMakesTheNext(t *testing.T) {
	tl := &Tail{}
	first := tl.records([]*kgo.Record{{Offset: 1, Value: []byte("a")}, {Offset: 2, Value: []byte("b")}})
	tl.Recycle(first)
	if first[0].Value != nil || first[1].Value != nil {
		t.Error("a recycled batch still holds its records' bytes")
	}
	next := tl.records([]*kgo.Record{{Offset: 3, Value: []byte("c")}})
	if &next[0] != &first[0] || len(next) != 1 || next[0].Offset != 3 || string(next[0].Value) != "c" {
		t.Errorf("next batch %+v, in the recycled slice: %v", next, &next[0] == &first[0])
	}
	if again := tl.records([]*kgo.Record{{Offset: 4}}); &again[0] == &next[0] {
		t.Error("a slice not given back was made again")
	}
}
