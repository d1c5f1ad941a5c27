package main

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kscope/kscope/kafka"
	"github.com/kscope/kscope/kafka/clustertest"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui"
	"github.com/kscope/kscope/ui/uitest"
)

// A topic with a committed, an aborted and an open transaction: kscope
// tail -e reads what kcat reads (committed data, ending at the last
// stable offset) and ends, where it used to wait forever one short of a
// commit marker; --uncommitted reads everything and prints the markers.
func TestTailEndsOnTransactionalTopicsAsKcatDoes(t *testing.T) {
	needKcat(t)
	clustertest.Each(t, func(t *testing.T, cluster *clustertest.Cluster) {
		topic := cluster.Topic(t, "txn", 1, nil)
		cluster.Transactions(t, topic)
		brokers := strings.Join(cluster.Addrs, ",")

		out, errOut, code := run(t, "", "kcat", "-C", "-b", brokers, "-t", topic, "-e", "-f", "%o\n", "-X", "isolation.level=read_committed")
		if code != 0 {
			t.Fatalf("kcat: exit %d: %s", code, errOut)
		}
		kcatOffsets := strings.Fields(out)

		out, errOut, code = run(t, "", kscope, "tail", topic, "--from", "beginning", "-e", "-o", "json", "-b", brokers)
		if code != 0 {
			t.Fatalf("kscope tail -e: exit %d: %s", code, errOut)
		}
		var offsets []string
		for _, r := range jsonLines[txnLine](t, out) {
			if r.Transaction != "committed" {
				t.Errorf("offset %s: transaction %q, want committed", r.Offset, r.Transaction)
			}
			offsets = append(offsets, r.Offset.String())
		}
		if want := []string{"0", "1", "2", "8"}; !slices.Equal(offsets, want) || !slices.Equal(kcatOffsets, want) {
			t.Errorf("kscope read offsets %v, kcat %v; want %v", offsets, kcatOffsets, want)
		}

		out, errOut, code = run(t, "", kscope, "tail", topic, "--from", "beginning", "-e", "--uncommitted", "-o", "json", "-b", brokers)
		if code != 0 {
			t.Fatalf("kscope tail -e --uncommitted: exit %d: %s", code, errOut)
		}
		var got []string
		for _, r := range jsonLines[txnLine](t, out) {
			got = append(got, r.Offset.String()+":"+r.Control+r.Transaction)
		}
		// In offset order, each record's transaction as its marker, read
		// in the same fetch, resolved it; the one still open is open.
		want := []string{"0:committed", "1:committed", "2:committed", "3:commit", "4:aborted", "5:aborted", "6:aborted", "7:abort", "8:committed", "9:commit", "10:open"}
		if !slices.Equal(got, want) {
			t.Errorf("uncommitted read:\n got %v\nwant %v", got, want)
		}

		// Replayed, the export sends no aborted record: they would be
		// committed data that never was.
		replay := cluster.Topic(t, "txn-replay", 1, nil)
		got2, errOut, code := run(t, out, kscope, "produce", replay, "--jsonl", "-", "-b", brokers)
		if code != 0 || !strings.Contains(got2, "produced 5 records to "+replay+" (3 transaction markers and 3 records of aborted transactions skipped)") {
			t.Errorf("replaying the uncommitted export: %d %q %q", code, got2, errOut)
		}

		// A copy reads committed data, and says what it passed over.
		dst := cluster.Topic(t, "txn-copy", 1, nil)
		got3, errOut, code := run(t, "", kscope, "copy", topic, dst, "--execute", "-b", brokers)
		if code != 0 || !strings.HasPrefix(got3, "copied 4 records") || !strings.Contains(got3, "6 offsets held no committed record (transaction markers, aborted records, or compacted away)") {
			t.Errorf("copying the transactional topic: %d %q %q", code, got3, errOut)
		}
	})
}

// txnLine is what these tests read of a line of kscope tail -o json: a
// record, or with --uncommitted a transaction marker.
type txnLine struct {
	Offset      json.Number `json:"offset"`
	Control     string      `json:"control"`
	Transaction string      `json:"transaction"`
}

// kscope transactions lists the transaction left open on Apache Kafka as
// open, with its partition and age, and not hanging within its timeout.
func TestTransactionsCommandOnApacheKafka(t *testing.T) {
	cluster := clustertest.Apache(t)
	topic := cluster.Topic(t, "txn-cli", 1, nil)
	cluster.Transactions(t, topic)
	out, errOut, code := run(t, "", kscope, "transactions", "-b", strings.Join(cluster.Addrs, ","), "-o", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var txns []struct {
		ID         string `json:"transactional_id"`
		State      string `json:"state"`
		AgeMs      *int64 `json:"age_ms"`
		Hanging    bool   `json:"hanging"`
		Partitions []struct {
			Topic string `json:"topic"`
		} `json:"partitions"`
	}
	if err := json.Unmarshal([]byte(out), &txns); err != nil {
		t.Fatal(err)
	}
	for _, tx := range txns {
		if len(tx.Partitions) == 1 && tx.Partitions[0].Topic == topic {
			if tx.State != "Ongoing" || tx.AgeMs == nil || *tx.AgeMs < 0 || tx.Hanging {
				t.Errorf("the open transaction: %+v", tx)
			}
			// Its producer, on the partition, from offset 10.
			out, errOut, code := run(t, "", kscope, "transactions", "--producers", topic, "-p", "0", "-b", strings.Join(cluster.Addrs, ","))
			if code != 0 || !strings.Contains(out, "OPEN TRANSACTION FROM") || !strings.Contains(out, " 10\n") {
				t.Errorf("producers: %d %q\n%s", code, errOut, out)
			}
			// Aborting it: a preview, a refusal in read-only mode, then the abort.
			abort := []string{"transactions", "abort", topic, "0", "10", "-b", strings.Join(cluster.Addrs, ",")}
			if out, _, code := run(t, "", kscope, abort...); code != 0 || !strings.HasPrefix(out, "would abort the transaction of producer ") {
				t.Errorf("preview: %d %q", code, out)
			}
			if _, errOut, code := run(t, "", kscope, append(abort, "--execute", "--read-only")...); code != 1 || !strings.Contains(errOut, "read-only") {
				t.Errorf("read-only: %d %q", code, errOut)
			}
			if out, errOut, code := run(t, "", kscope, append(abort, "--execute")...); code != 0 || !strings.HasPrefix(out, "aborted the transaction of producer ") {
				t.Errorf("abort: %d %q %q", code, out, errOut)
			}
			return
		}
	}
	t.Errorf("no open transaction on %s:\n%s", topic, out)
}

// On Apache Kafka, the TUI finds where an open transaction is held, from
// :transactions and from the topic's producers, and aborts it there.
func TestTUIAbortsATransactionOnApacheKafka(t *testing.T) {
	cluster := clustertest.Apache(t)
	topic := cluster.Topic(t, "txn-tui", 1, nil)
	cluster.Transactions(t, topic)
	c, err := kafka.New(kafka.Config{Brokers: cluster.Addrs})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	txns, err := c.Transactions(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(txns, func(x model.Transaction) bool {
		return x.Open() && len(x.Partitions) == 1 && x.Partitions[0].Topic == topic
	})
	if i < 0 {
		t.Fatalf("no open transaction on %s: %+v", topic, txns)
	}
	id := txns[i].ID

	d := uitest.Start(t, ui.New(c, ui.Options{Name: "apache", Refresh: 500 * time.Millisecond}), 140, 24)
	defer d.Quit()
	d.WaitFor("connected", topic)
	d.Type(":", "txn", "enter")
	d.WaitFor(id)
	d.Type("/", id, "enter")
	d.WaitFor("1 of ")
	d.Type("A")
	// The transaction's producer wrote "open" at offset 10, after 10
	// records and markers of the committed and aborted ones.
	s := d.WaitFor("abort the transaction of "+id+" on 1 partition", topic+"/0", "y applies this")
	if !strings.Contains(s, " 10\n") && !strings.Contains(s, " 10 ") {
		t.Errorf("the preview does not say it is open from offset 10:\n%s", s)
	}
	d.Type("esc")
	d.WaitUntil("the question to close", func(s string) bool { return !strings.Contains(s, "y applies this") })

	d.Type(":", "producers "+topic, "enter")
	d.WaitFor("1 open transaction")
	d.Type("A")
	d.WaitFor("abort producer ")
	d.Type("y")
	d.WaitFor("aborted on 1 partition")
	clustertest.WaitFor(t, "the transaction to be aborted", func() error {
		ps, err := c.Producers(t.Context(), topic, 0)
		if err != nil {
			return err
		}
		for _, p := range ps {
			if p.OpenFrom >= 0 {
				return fmt.Errorf("still open from %d", p.OpenFrom)
			}
		}
		return nil
	})
}
