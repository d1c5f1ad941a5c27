package engine

import (
	"strings"
	"testing"

	"github.com/kscope/kscope/kafka/kafkatest"
	"github.com/kscope/kscope/model"
)

// A send is refused before its preview when its topic does not exist, or,
// keeping partitions, has fewer than the records came from.
func TestCheckDestination(t *testing.T) {
	fake := kafkatest.New(model.Cluster{}, kafkatest.Topic("one", 1, 1, 0, 0), kafkatest.Topic("three", 3, 1, 0, 0))
	records := []model.Record{{Partition: 0}, {Partition: 2}}
	if err := CheckDestination(t.Context(), fake, "three", true, records); err != nil {
		t.Errorf("three partitions for partitions 0 and 2: %v", err)
	}
	if err := CheckDestination(t.Context(), fake, "one", false, records); err != nil {
		t.Errorf("partitions chosen by key: %v", err)
	}
	err := CheckDestination(t.Context(), fake, "one", true, records)
	if err == nil || !strings.Contains(err.Error(), "one has 1 partition, and the records come from partitions up to 2") {
		t.Errorf("keeping partitions on a smaller topic: %v", err)
	}
	if err := CheckDestination(t.Context(), fake, "none", false, records); err == nil || !strings.Contains(err.Error(), "none: ") {
		t.Errorf("a missing topic: %v", err)
	}
}
