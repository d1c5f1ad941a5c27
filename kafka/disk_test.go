package kafka

import (
	"context"
	"crypto/rand"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kscope/kscope/kafka/clustertest"
	"github.com/kscope/kscope/model"
)

// Sizes on disk come from the brokers' log dirs: a partition's leader
// replica, and all three replicas, grow as records are written, and each
// broker's dirs account for what they hold.
func TestSizesGrowAsRecordsAreWritten(t *testing.T) {
	clustertest.Each(t, func(t *testing.T, cluster *clustertest.Cluster) {
		topic := cluster.Topic(t, "sized", 2, nil)
		c := newClient(t, cluster.Addrs, 30*time.Second)
		sized := func() model.Topic {
			t.Helper()
			ts, err := c.Topics(context.Background(), topic)
			if err != nil {
				t.Fatal(err)
			}
			usage, err := c.DiskUsage(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			usage.Fill(ts)
			return ts[0]
		}
		write := func(n int) {
			t.Helper()
			var recs []*kgo.Record
			for range n {
				value := make([]byte, 100)
				_, _ = rand.Read(value) // no compression makes it smaller
				recs = append(recs, &kgo.Record{Topic: topic, Partition: 0, Value: value})
			}
			produceRecords(t, cluster.Addrs, recs...)
		}
		var before int64
		write(10)
		clustertest.WaitFor(t, "partition 0 sized, on all three replicas", func() error {
			p := sized().Partitions[0]
			if !p.Sized || p.Bytes < 10*100 || p.ReplicaBytes != 3*p.Bytes {
				return fmt.Errorf("%+v", p)
			}
			before = p.Bytes
			return nil
		})
		write(100)
		clustertest.WaitFor(t, "partition 0 to grow by 100 records", func() error {
			tp := sized()
			p := tp.Partitions[0]
			if p.Bytes < before+100*100 || p.ReplicaBytes != 3*p.Bytes {
				return fmt.Errorf("%d bytes, %d on all replicas; had %d", p.Bytes, p.ReplicaBytes, before)
			}
			if q := tp.Partitions[1]; q.Sized && q.Bytes != 0 {
				return fmt.Errorf("the empty partition takes %d bytes", q.Bytes)
			}
			leaders, replicas, ok := tp.Bytes()
			if !ok || leaders != p.Bytes+tp.Partitions[1].Bytes || replicas != 3*leaders {
				return fmt.Errorf("topic %d / %d", leaders, replicas)
			}
			return nil
		})
		usage, err := c.DiskUsage(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		ts, err := c.Topics(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		loads := usage.Loads(ts)
		var leaders, replicas int
		for _, l := range loads {
			if !l.Answered || l.Dirs == 0 || l.Used <= 0 {
				t.Errorf("a broker's load %+v", l)
			}
			leaders, replicas = leaders+l.Leaders, replicas+l.Replicas
		}
		partitions := 0
		for _, t := range ts {
			partitions += len(t.Partitions)
		}
		if leaders != partitions || len(loads) != 3 {
			t.Errorf("%d brokers lead %d partitions of %d", len(loads), leaders, partitions)
		}
	})
}

// Sizing some topics asks the brokers for their replicas alone, as the
// topics pane does for its rows on screen: the others stay unsized.
func TestSizesOfSomeTopics(t *testing.T) {
	clustertest.Each(t, func(t *testing.T, cluster *clustertest.Cluster) {
		one := cluster.Topic(t, "sized-one", 2, nil)
		other := cluster.Topic(t, "sized-other", 1, nil)
		c := newClient(t, cluster.Addrs, 30*time.Second)
		produceRecords(t, cluster.Addrs, &kgo.Record{Topic: one, Value: []byte("v")}, &kgo.Record{Topic: other, Value: []byte("v")})
		clustertest.WaitFor(t, "the named topic sized, and only it", func() error {
			ts, err := c.Topics(context.Background(), one, other)
			if err != nil {
				return err
			}
			usage, err := c.DiskUsage(context.Background(), ts[0])
			if err != nil {
				return err
			}
			usage.Fill(ts)
			if len(ts[0].Partitions) != 2 || !ts[0].Partitions[0].Sized || !ts[0].Partitions[1].Sized || ts[1].Partitions[0].Sized {
				return fmt.Errorf("%s sized %v %v, %s sized %v", ts[0].Name, ts[0].Partitions[0].Sized, ts[0].Partitions[1].Sized, ts[1].Name, ts[1].Partitions[0].Sized)
			}
			return nil
		})
	})
}

// Watermarks lists some partitions' offsets anew, as the partitions pane
// does for its rows on screen, and leaves what else it knows of them.
func TestWatermarksOfSomePartitions(t *testing.T) {
	clustertest.Each(t, func(t *testing.T, cluster *clustertest.Cluster) {
		topic := cluster.Topic(t, "marks", 3, nil)
		c := newClient(t, cluster.Addrs, 30*time.Second)
		ts, err := c.Topics(context.Background(), topic)
		if err != nil || ts[0].Err != nil {
			t.Fatal(err, ts)
		}
		was := ts[0]
		produceRecords(t, cluster.Addrs, &kgo.Record{Topic: topic, Partition: 2, Value: []byte("a")}, &kgo.Record{Topic: topic, Partition: 2, Value: []byte("b")})
		some := model.Topic{Name: topic, Partitions: []model.Partition{was.Partitions[2]}}
		got, err := c.Watermarks(context.Background(), some)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Partitions) != 1 {
			t.Fatalf("got %d partitions, want the one asked for", len(got.Partitions))
		}
		p := got.Partitions[0]
		if p.ID != 2 || p.Low != 0 || p.High != 2 || p.Err != nil {
			t.Errorf("partition %d: %d to %d (%v), want 2: 0 to 2", p.ID, p.Low, p.High, p.Err)
		}
		if p.Leader != was.Partitions[2].Leader || !slices.Equal(p.Replicas, was.Partitions[2].Replicas) {
			t.Errorf("leader %d replicas %v, want them as they were: %d %v", p.Leader, p.Replicas, was.Partitions[2].Leader, was.Partitions[2].Replicas)
		}
		if some.Partitions[0].High != 0 {
			t.Errorf("the topic asked about became %d: it is the caller's", some.Partitions[0].High)
		}
	})
}
