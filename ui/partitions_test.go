package ui

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/kscope/kscope/kafka/kafkatest"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/uitest"
)

// askedWatermarks records which partitions each Watermarks call names.
type askedWatermarks struct {
	*kafkatest.Fake
	asked[int32]
}

func (c *askedWatermarks) Watermarks(ctx context.Context, t model.Topic) (model.Topic, error) {
	ids := make([]int32, len(t.Partitions))
	for i, p := range t.Partitions {
		ids[i] = p.ID
	}
	c.add(ids)
	return c.Fake.Watermarks(ctx, t)
}

// On a topic of many partitions, each refresh lists the watermarks of
// the partitions on screen alone, and what it learns shows.
func TestPartitionsRefreshThePartitionsOnScreen(t *testing.T) {
	big := model.Topic{Name: "big"}
	for id := range int32(2000) {
		big.Partitions = append(big.Partitions, model.Partition{ID: id, Leader: 1, Replicas: []int32{1}, ISR: []int32{1}, Low: 0, High: 7})
	}
	fake := &askedWatermarks{Fake: kafkatest.Sample()}
	fake.SetTopics(big)
	app := New(fake, Options{Name: "test", Refresh: 20 * time.Millisecond, Now: func() time.Time { return epoch }, Location: time.UTC})
	d := uitest.Start(t, app, 120, 14)
	d.Type(":", "topic big", "enter")
	d.WaitFor("2,000 partitions", "14,000 messages")
	last := fake.latest(d, "a refresh of the partitions on screen")
	if len(last) == 0 || len(last) > 14 || last[0] != 0 {
		t.Errorf("a refresh named %d partitions (%v), want the few on screen from 0", len(last), last)
	}
	big.Partitions = slices.Clone(big.Partitions) // the fake holds the old ones
	big.Partitions[0].High = 4242
	fake.SetTopics(big)
	d.WaitFor("4,242")
}
