package engine

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/kscope/kscope/kafka/kafkatest"
	"github.com/kscope/kscope/model"
)

// cluster is a fake with a source topic of six partitions holding n
// records with unique values, and an empty destination of six.
func cluster(t *testing.T, n int) *kafkatest.Fake {
	t.Helper()
	f := kafkatest.New(model.Cluster{}, kafkatest.Topic("src", 6, 1, 0, 0), kafkatest.Topic("dst", 6, 1, 0, 0))
	var rs []model.Record
	for i := range n {
		rs = append(rs, model.Record{Topic: "src", Partition: int32(i % 6), Key: fmt.Appendf(nil, "key-%d", i%97),
			Value: fmt.Appendf(nil, "v%06d", i), Timestamp: int64(i)})
	}
	f.Append(rs...)
	return f
}

// copyRun copies src to dst from where resume says (nil: the start), as
// the command line does, in batches of 60.
func copyRun(t *testing.T, f *kafkatest.Fake, resume *Ledger, j *Journal) (*Copy, error) {
	t.Helper()
	var offsets map[int32]int64
	if resume != nil {
		offsets = resume.Marks()
	}
	to := model.Start{Kind: model.FromEnd}
	tail, err := f.Tail(t.Context(), model.TailRequest{Topic: "src", Start: model.Start{Kind: model.FromBeginning}, Offsets: offsets, Until: &to, MaxBatch: 60})
	if err != nil {
		t.Fatal(err)
	}
	scan, err := model.NewScan(tail, model.Query{})
	if err != nil {
		t.Fatal(err)
	}
	l := resume
	if l == nil {
		l = NewLedger(map[int32]int64{})
		for _, p := range tail.Started() {
			l.Reached(p.Partition, p.Next)
		}
	}
	c := &Copy{Topic: "dst", Partitions: 6, Sender: NewSender(f, nil), Journal: j}
	return c, c.Run(t.Context(), scan, l)
}

// delivered counts each source value in dst: a missing one is absent, a
// doubled one counts 2.
func delivered(t *testing.T, f *kafkatest.Fake) map[string]int {
	t.Helper()
	to := model.Start{Kind: model.FromEnd}
	tail, err := f.Tail(t.Context(), model.TailRequest{Topic: "dst", Start: model.Start{Kind: model.FromBeginning}, Until: &to})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	if model.AllCaught(tail.Started()) {
		return seen
	}
	for {
		b, err := tail.Next(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range b.Records {
			seen[string(r.Value)]++
		}
		if model.AllCaught(b.Positions) {
			return seen
		}
	}
}

func checkExactlyOnce(t *testing.T, f *kafkatest.Fake, n int) {
	t.Helper()
	seen := delivered(t, f)
	var missing, doubled []string
	for i := range n {
		v := fmt.Sprintf("v%06d", i)
		switch seen[v] {
		case 1:
		case 0:
			missing = append(missing, v)
		default:
			doubled = append(doubled, v)
		}
	}
	if len(missing) > 0 || len(doubled) > 0 || len(seen) != n {
		t.Fatalf("%d of %d delivered; missing %d %v, doubled %d %v", len(seen), n, len(missing), head(missing), len(doubled), head(doubled))
	}
}

func head(s []string) []string { return s[:min(len(s), 5)] }

// The data loss of issue 27: records of one source partition spread over
// every destination partition, one of which fails midway while the others
// take later records. Resumed from the printed position, every source
// record is in the destination exactly once.
func TestCopyResumesExactlyAfterOneDestinationPartitionFails(t *testing.T) {
	const n = 3000
	f := cluster(t, n)
	f.Refuse("dst", 2, kafkatest.Refusal{After: 100, Err: errors.New("NOT_ENOUGH_REPLICAS")})
	c, err := copyRun(t, f, nil, nil)
	if err == nil || !strings.Contains(err.Error(), "NOT_ENOUGH_REPLICAS") {
		t.Fatalf("the copy went on past a refusal: %v", err)
	}
	printed := c.Ledger().String()
	if c.Ledger().Ahead() == 0 || !strings.Contains(printed, "+") {
		t.Fatalf("no record past a refusal was taken, so this test shows nothing: %s", printed)
	}
	if got := len(delivered(t, f)); int64(got) != c.Copied {
		t.Errorf("it says it copied %d; the destination holds %d", c.Copied, got)
	}
	f.Heal()
	resume, err := ParseLedger(printed)
	if err != nil {
		t.Fatal(err)
	}
	c2, err := copyRun(t, f, resume, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c2.Skipped == 0 || c.Copied+c2.Copied != n {
		t.Errorf("copied %d, then %d skipping %d; want %d in all", c.Copied, c2.Copied, c2.Skipped, n)
	}
	checkExactlyOnce(t, f, n)
}

// Refusals Kafka calls retriable are sent again within the sender's
// patience, and the copy never stops.
func TestCopySendsAgainWhatKafkaCallsRetriable(t *testing.T) {
	const n = 600
	f := cluster(t, n)
	f.Refuse("dst", 4, kafkatest.Refusal{After: 10, Times: 3, Err: errors.New("COORDINATOR_LOAD_IN_PROGRESS"), Retriable: true})
	tail, _ := f.Tail(t.Context(), model.TailRequest{Topic: "src", Start: model.Start{Kind: model.FromBeginning}, Until: &model.Start{Kind: model.FromEnd}})
	scan, _ := model.NewScan(tail, model.Query{})
	s := NewSender(f, nil)
	s.Patience = time.Hour
	var slept int
	s.sleep = func(context.Context, time.Duration) error { slept++; return nil }
	c := &Copy{Topic: "dst", Partitions: 6, Sender: s}
	if err := c.Run(t.Context(), scan, NewLedger(map[int32]int64{})); err != nil {
		t.Fatalf("a retriable refusal stopped the copy: %v", err)
	}
	if slept != 3 {
		t.Errorf("waited %d times, want 3: once before each send again", slept)
	}
	checkExactlyOnce(t, f, n)

	// Past its patience the refusal stands, and says what Kafka said.
	f2 := cluster(t, n)
	f2.Refuse("dst", 4, kafkatest.Refusal{Err: errors.New("NOT_LEADER_OR_FOLLOWER"), Retriable: true})
	tail, _ = f2.Tail(t.Context(), model.TailRequest{Topic: "src", Start: model.Start{Kind: model.FromBeginning}, Until: &model.Start{Kind: model.FromEnd}})
	scan, _ = model.NewScan(tail, model.Query{})
	s = NewSender(f2, nil)
	s.Patience = 0
	c = &Copy{Topic: "dst", Partitions: 6, Sender: s}
	if err := c.Run(t.Context(), scan, NewLedger(map[int32]int64{})); err == nil || !strings.Contains(err.Error(), "NOT_LEADER") {
		t.Errorf("with no patience the refusal should stand: %v", err)
	}
}

// The journal is saved before each batch goes out, naming it in flight:
// kscope killed before the cluster answered leaves exactly those offsets
// to say may be doubled, and the resume sends them again, missing none.
func TestJournalNamesWhatWasInFlight(t *testing.T) {
	const n = 600
	dir := t.TempDir()
	f := cluster(t, n)
	job := Job{Kind: "copy", SourceCluster: "a", Source: "src", DestCluster: "a", Dest: "dst"}
	b, err := Begin(dir, job, "", false, true)
	if err != nil || b.Journal == nil {
		t.Fatalf("begin: %v", err)
	}
	// Killed mid-send: the third batch reaches the cluster, the answer
	// never reaches kscope.
	kill := &killedAfter{Fake: f, calls: 3, journal: b.Journal.Path()}
	tail, _ := f.Tail(t.Context(), model.TailRequest{Topic: "src", Start: model.Start{Kind: model.FromBeginning}, Until: &model.Start{Kind: model.FromEnd}, MaxBatch: 60})
	scan, _ := model.NewScan(tail, model.Query{})
	c := &Copy{Topic: "dst", Partitions: 6, Sender: NewSender(kill, nil), Journal: b.Journal}
	if err := c.Run(t.Context(), scan, NewLedger(startsAt0())); !errors.Is(err, errKilled) {
		t.Fatalf("run: %v", err)
	}
	if kill.inFlight != "0:20-29,1:20-29,2:20-29,3:20-29,4:20-29,5:20-29" {
		t.Errorf("in flight when killed: %q", kill.inFlight)
	}
	// What the dead process left on disk is the journal as saved then.
	if err := os.WriteFile(b.Journal.Path(), kill.saved, 0o600); err != nil {
		t.Fatal(err)
	}

	again, err := Begin(dir, job, "", false, true)
	var unfinished UnfinishedError
	if !errors.As(err, &unfinished) || unfinished.Journal.ID != b.Journal.ID {
		t.Fatalf("a fresh start over an unfinished copy: %v", err)
	}
	again, err = Begin(dir, job, b.Journal.ID, false, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Notes) != 1 || !strings.Contains(again.Notes[0], "0:20-29,1:20-29") || !strings.Contains(again.Notes[0], "twice") {
		t.Errorf("notes %q: want the offsets that may be doubled", again.Notes)
	}
	c2, err := copyRun(t, f, again.Resume, again.Journal)
	if err != nil {
		t.Fatal(err)
	}
	if err := c2.Journal.Finish(); err != nil {
		t.Fatal(err)
	}
	seen := delivered(t, f)
	for i := range n {
		v := fmt.Sprintf("v%06d", i)
		inFlight := i/6 >= 20 && i/6 <= 29
		if seen[v] == 0 || seen[v] > 1 && !inFlight {
			t.Fatalf("%s delivered %d times", v, seen[v])
		}
	}
	if got := Unfinished(dir, job); len(got) != 0 {
		t.Errorf("a finished copy left its journal: %v", got)
	}
}

var errKilled = errors.New("killed")

// killedAfter passes produce calls to the fake; at call number calls it
// reads the journal as it is on disk, lets the cluster take the batch,
// and fails as a killed process would never hear.
type killedAfter struct {
	*kafkatest.Fake
	calls    int
	journal  string
	saved    []byte
	inFlight string
}

func (k *killedAfter) Produce(ctx context.Context, rs []model.Record) ([]model.Produced, error) {
	if k.calls--; k.calls > 0 {
		return k.Fake.Produce(ctx, rs)
	}
	var err error
	if k.saved, err = os.ReadFile(k.journal); err != nil {
		return nil, err
	}
	j := &Journal{}
	if err := json.Unmarshal(k.saved, &j.Entry); err != nil {
		return nil, err
	}
	k.inFlight = j.InFlight
	k.Fake.Produce(ctx, rs)
	return nil, errKilled
}

func startsAt0() map[int32]int64 { return map[int32]int64{0: 0, 1: 0, 2: 0, 3: 0, 4: 0, 5: 0} }

// cancelAfter passes produce calls to the fake and cancels the send's
// context after the nth, as a signal arriving mid-send does.
type cancelAfter struct {
	*kafkatest.Fake
	n      int
	cancel context.CancelFunc
}

func (c *cancelAfter) Produce(ctx context.Context, rs []model.Record) ([]model.Produced, error) {
	out, err := c.Fake.Produce(ctx, rs)
	if c.n--; c.n == 0 {
		c.cancel()
	}
	return out, err
}

// A send stopped between chunks, or refused in an early chunk of a large
// batch, leaves every record of the later chunks to the resume: the
// found-on-the-real-lane loss of 10,000 records after SIGHUP.
func TestCopyStoppedMidBatchLeavesTheRestToResume(t *testing.T) {
	const n = 3000
	for _, how := range []string{"stopped", "refused"} {
		t.Run(how, func(t *testing.T) {
			f := cluster(t, n)
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			var dst Producer = f
			if how == "stopped" {
				dst = &cancelAfter{Fake: f, n: 2, cancel: cancel}
			} else {
				f.Refuse("dst", 3, kafkatest.Refusal{After: 20, Err: errors.New("RECORD_TOO_LARGE")})
			}
			tail, _ := f.Tail(ctx, model.TailRequest{Topic: "src", Start: model.Start{Kind: model.FromBeginning}, Until: &model.Start{Kind: model.FromEnd}})
			scan, _ := model.NewScan(tail, model.Query{})
			s := NewSender(dst, nil)
			s.chunk = 200
			c := &Copy{Topic: "dst", Partitions: 6, Sender: s}
			if err := c.Run(ctx, scan, NewLedger(startsAt0())); err == nil {
				t.Fatal("the copy did not stop")
			}
			if got := len(delivered(t, f)); int64(got) != c.Copied || got >= n {
				t.Fatalf("copied %d, the destination holds %d of %d", c.Copied, got, n)
			}
			f.Heal()
			resume, err := ParseLedger(c.Ledger().String())
			if err != nil {
				t.Fatal(err)
			}
			if _, err := copyRun(t, f, resume, nil); err != nil {
				t.Fatal(err)
			}
			checkExactlyOnce(t, f, n)
		})
	}
}
