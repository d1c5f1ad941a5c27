package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/kscope/kscope/kafka/kafkatest"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/uitest"
)

// hangingSample is a cluster where stuck-job has had a transaction open
// on orders/0 from offset 1562 for two hours, past its 15-minute timeout,
// beside a producer with nothing open.
func hangingSample() *kafkatest.Fake {
	fake := kafkatest.Sample()
	orders0 := model.TopicPartition{Topic: "orders", Partition: 0}
	fake.SetTransactions(
		model.Transaction{ID: "billing-writer", State: "CompleteCommit", ProducerID: 7, ProducerEpoch: 3, Timeout: time.Minute},
		model.Transaction{ID: "stuck-job", State: "Ongoing", ProducerID: 40, ProducerEpoch: 9, Timeout: 15 * time.Minute,
			Started: epoch.Add(-2 * time.Hour), Partitions: []model.TopicPartition{orders0}},
	)
	fake.SetProducers(
		model.Producer{TopicPartition: orders0, ID: 12, Epoch: 0, LastSequence: 99, LastWrite: epoch.Add(-time.Minute), OpenFrom: -1, CoordinatorEpoch: -1},
		model.Producer{TopicPartition: orders0, ID: 40, Epoch: 9, LastSequence: 4, LastWrite: epoch.Add(-2 * time.Hour), OpenFrom: 1562, CoordinatorEpoch: 3},
		model.Producer{TopicPartition: model.TopicPartition{Topic: "orders", Partition: 2}, ID: 12, Epoch: 0, LastSequence: 50,
			LastWrite: epoch.Add(-30 * time.Second), OpenFrom: -1, CoordinatorEpoch: -1},
	)
	return fake
}

// A in :transactions asks the partitions' leaders where the hanging
// transaction is open, shows exactly that, and aborts it on a yes; a
// transaction that is not open is refused at once.
func TestAbortAHangingTransaction(t *testing.T) {
	fake := hangingSample()
	d := startActions(t, fake, false)
	d.Type(":", "txn", "enter")
	d.WaitFor("2 of 2 transactional ids", "stuck-job")
	d.Type("A")
	preview := d.WaitFor("abort the transaction of stuck-job on 1 partition: its records there are never read by read_committed readers", "y applies this")
	t.Run("preview", func(t *testing.T) { uitest.Golden(t, preview) })
	if !strings.Contains(preview, "orders/0") || !strings.Contains(preview, "1562") || strings.Contains(preview, "within its timeout") {
		t.Fatalf("the preview:\n%s", preview)
	}
	d.Type("y")
	d.WaitFor("aborted on 1 partition: read_committed readers move past it")
	ps, _ := fake.Producers(context.Background(), "orders", 0)
	for _, p := range ps {
		if p.OpenFrom >= 0 {
			t.Fatalf("still open after the abort: %+v", p)
		}
	}

	// Now ended on its partition, a second abort says so, and changes nothing.
	d.Type("A")
	d.WaitFor("producer 40 of stuck-job has no transaction open on its partitions now: it has ended")
	d.Type("esc")
	d.WaitUntil("the dialog to close", func(s string) bool { return !strings.Contains(s, "esc closes") })
	d.Type("/", "billing", "enter")
	d.WaitFor("1 of 2 transactional ids")
	d.Type("A")
	d.WaitFor("billing-writer has no open transaction to abort")
}

// W on a topic lists its producers, open transactions first; A aborts
// the selected producer's, and refuses one with nothing open.
func TestProducersOfATopic(t *testing.T) {
	fake := hangingSample()
	d := startActions(t, fake, false)
	selectTopic(d, "orders")
	d.Type("W")
	s := d.WaitFor("3 of 3 producers", "1 open transaction")
	t.Run("list", func(t *testing.T) { uitest.Golden(t, s) })
	if strings.Index(s, "1562") > strings.Index(s, "       99") {
		t.Fatalf("the open transaction is not first:\n%s", s)
	}
	d.Type("j", "A")
	d.WaitFor("producer 12 has no transaction open on partition 0")
	d.Type("k", "A")
	d.WaitFor("abort producer 40's transaction on orders/0")
	d.Type("y")
	d.WaitFor("aborted on 1 partition", "no open transaction")
}
