package cli

import (
	"context"
	"errors"
	"testing"

	"github.com/kscope/kscope/model"
)

// failingAfter takes records until it has taken n of a partition, then
// refuses the rest of that partition, as an idempotent producer does.
type failingAfter struct {
	partition int32
	n         int
}

func (f *failingAfter) Produce(_ context.Context, rs []model.Record) ([]model.Produced, error) {
	out := make([]model.Produced, len(rs))
	for i, r := range rs {
		if r.Partition == f.partition {
			if f.n == 0 {
				out[i].Err = errors.New("NOT_ENOUGH_REPLICAS")
				continue
			}
			f.n--
		}
		out[i].Partition = r.Partition
	}
	return out, nil
}

// A destination that refuses midway leaves each source partition to go
// on from after its last record taken: resumed, nothing is sent twice and
// nothing is skipped.
func TestCopyResumesAfterWhatWasTaken(t *testing.T) {
	c := &copier{dst: &failingAfter{partition: 1, n: 1}, topic: "dst", partitions: 2, keepPartition: true, execute: true,
		next: map[int32]int64{0: 10, 1: 20}}
	records := []model.Record{
		{Partition: 0, Offset: 10, Value: []byte("a")}, {Partition: 1, Offset: 20, Value: []byte("b")},
		{Partition: 0, Offset: 11, Value: []byte("c")}, {Partition: 1, Offset: 21, Value: []byte("d")},
		{Partition: 1, Offset: 22, Value: []byte("e")},
	}
	err := c.send(context.Background(), records)
	if err == nil || err.Error() != "NOT_ENOUGH_REPLICAS" {
		t.Fatalf("err %v", err)
	}
	if got := c.resumeText(); got != "0:12,1:21" {
		t.Errorf("resume from %s, want 0:12,1:21", got)
	}
	if c.copied != 3 || c.bytes != 3 {
		t.Errorf("copied %d records, %d bytes; want 3, 3", c.copied, c.bytes)
	}
}
