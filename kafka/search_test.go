package kafka

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kscope/kscope/kafka/clustertest"
	"github.com/kscope/kscope/model"
)

// Records planted at known offsets and times are all found, none missed
// and none extra, across partitions and ranges of offsets and times.
func TestSearchFindsExactlyWhatIsInRange(t *testing.T) {
	clustertest.Each(t, func(t *testing.T, cluster *clustertest.Cluster) {
		topic := cluster.Topic(t, "search", 3, nil)
		base := time.Now().Add(-2 * time.Hour).Truncate(time.Minute)
		var recs []*kgo.Record
		for p := range int32(3) {
			for i := range 300 {
				value := fmt.Sprintf(`{"n":%d,"status":"%s"}`, i, []string{"paid", "created", "shipped"}[i%3])
				recs = append(recs, &kgo.Record{Topic: topic, Partition: p, Key: fmt.Appendf(nil, "k%d-%d", p, i),
					Value: []byte(value), Timestamp: base.Add(time.Duration(i) * time.Second)})
			}
		}
		produceRecords(t, cluster.Addrs, recs...)
		c := newClient(t, cluster.Addrs, 10*time.Second)
		for _, tt := range []struct {
			name       string
			from, to   model.Start
			partitions []int32
			where      string
			want       func(p int32, i int) bool
		}{
			{"everything", model.Start{Kind: model.FromBeginning}, model.Start{Kind: model.FromEnd}, nil, "",
				func(int32, int) bool { return true }},
			{"offsets 100 to 200 of partition 1", model.Start{Kind: model.FromOffset, Offset: 100}, model.Start{Kind: model.FromOffset, Offset: 200}, []int32{1}, "",
				func(p int32, i int) bool { return p == 1 && i >= 100 && i < 200 }},
			{"a time range", model.Start{Kind: model.FromTime, Time: base.Add(50 * time.Second)}, model.Start{Kind: model.FromTime, Time: base.Add(60 * time.Second)}, nil, "",
				func(_ int32, i int) bool { return i >= 50 && i < 60 }},
			{"an expression", model.Start{Kind: model.FromBeginning}, model.Start{Kind: model.FromEnd}, nil, `value.status == "paid" && value.n >= 150 && partition != 2`,
				func(p int32, i int) bool { return i%3 == 0 && i >= 150 && p != 2 }},
		} {
			tail, err := c.Tail(context.Background(), model.TailRequest{Topic: topic, Partitions: tt.partitions, Start: tt.from, Until: &tt.to})
			if err != nil {
				t.Fatal(err)
			}
			scan, err := model.NewScan(tail, model.Query{Where: tt.where})
			if err != nil {
				t.Fatal(err)
			}
			got := readAll(t, scan)
			tail.Close()
			var want, have []string
			for p := range int32(3) {
				for i := range 300 {
					if tt.want(p, i) {
						want = append(want, fmt.Sprintf("k%d-%d@%d", p, i, i))
					}
				}
			}
			for _, r := range got {
				have = append(have, fmt.Sprintf("%s@%d", r.Key, r.Offset))
			}
			slices.Sort(want)
			slices.Sort(have)
			if !slices.Equal(have, want) {
				t.Errorf("%s: found %d records, want %d\nfound %v\nwant %v", tt.name, len(have), len(want), head(have), head(want))
			}
			if tt.where == "" && scan.Scanned != int64(len(want)) {
				t.Errorf("%s: scanned %d records, want %d", tt.name, scan.Scanned, len(want))
			}
		}
	})
}

func head(s []string) []string { return s[:min(len(s), 8)] }
