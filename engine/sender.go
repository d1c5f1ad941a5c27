package engine

import (
	"cmp"
	"context"
	"fmt"
	"time"

	"github.com/kscope/kscope/model"
)

// Producer is what a Sender needs of the adapter: each record's outcome,
// in order, and whether a refusal is one Kafka says may pass.
type Producer interface {
	Produce(ctx context.Context, records []model.Record) ([]model.Produced, error)
}

// Outgoing is a record to send and where it was read: the source
// partition and offset the ledger keeps it by.
type Outgoing struct {
	Partition int32
	Offset    int64
	Record    model.Record
}

// Sender sends records read from a topic, keeping in its ledger exactly
// which of them the cluster took. It never sends a record the ledger has
// as done, so sending the same records again after a failure sends only
// the rest, and a ledger saved and resumed does the same in a later run.
type Sender struct {
	dst    Producer
	ledger *Ledger
	// Patience is how long records refused with an error Kafka calls
	// retriable (a leader moving, a coordinator loading) are sent again
	// before the refusal stands, as the Java producer's delivery timeout.
	Patience time.Duration
	chunk    int                                        // records a produce call carries at most
	sleep    func(context.Context, time.Duration) error // for tests
}

// DefaultPatience is how long a Sender sends again what Kafka refused for
// a while, unless told otherwise.
const DefaultPatience = 30 * time.Second

// NewSender sends to dst, keeping its ledger in l (a new one if nil).
func NewSender(dst Producer, l *Ledger) *Sender {
	if l == nil {
		l = NewLedger(nil)
	}
	return &Sender{dst: dst, ledger: l, Patience: DefaultPatience, chunk: sendChunk, sleep: sleepCtx}
}

// Ledger is what the sender has sent so far.
func (s *Sender) Ledger() *Ledger { return s.ledger }

// Sent is what one Send did.
type Sent struct {
	Took    []Outgoing // taken by the cluster, in the order given
	Skipped int        // done already, not sent again
	NotSent int        // refused, or not sent as ctx ended: sending again sends only these
	Err     error      // why the first of those was not sent
}

// sendChunk bounds the records one produce call carries, so a send ended
// by its context stops within a chunk and says exactly how far it got.
const sendChunk = 5000

// Send sends the records the ledger does not have as done, a chunk at a
// time, sends again within Patience those refused with a retriable error,
// and records what the cluster took and refused. It stops at the first
// refusal that stands, or when ctx ends between chunks.
func (s *Sender) Send(ctx context.Context, out []Outgoing) Sent {
	var res Sent
	pending := make([]Outgoing, 0, len(out))
	for _, o := range out {
		if s.ledger.Done(o.Partition, o.Offset) {
			res.Skipped++
			continue
		}
		pending = append(pending, o)
	}
	for rest := pending; len(rest) > 0 && res.Err == nil; {
		if err := ctx.Err(); err != nil {
			res.Err = stopped{err}
			break
		}
		n := min(len(rest), s.chunk)
		res.Err = s.sendChunk(ctx, rest[:n], &res)
		rest = rest[n:]
	}
	if res.Err != nil {
		// Whatever was not taken, refused or never sent, the ledger
		// must not let a mark pass.
		for _, o := range pending {
			if !s.ledger.Done(o.Partition, o.Offset) {
				s.ledger.Refused(o.Partition, o.Offset)
				res.NotSent++
			}
		}
	}
	return res
}

// sendChunk sends records, again within Patience while every refusal is
// retriable, and returns why the rest were not taken.
func (s *Sender) sendChunk(ctx context.Context, pending []Outgoing, res *Sent) error {
	deadline := time.Now().Add(s.Patience)
	for wait := 100 * time.Millisecond; ; wait = min(wait*2, 2*time.Second) {
		refused, retry, err := s.try(ctx, pending, res)
		switch {
		case err == nil:
			return nil
		case ctx.Err() != nil:
			return stopped{ctx.Err()}
		case !retry || time.Now().Add(wait).After(deadline) || s.sleep(ctx, wait) != nil:
			return err
		}
		pending = refused
	}
}

// try sends once, records what was taken, and returns what was not with
// the first refusal, and whether every refusal is one Kafka calls
// retriable.
func (s *Sender) try(ctx context.Context, pending []Outgoing, res *Sent) (refused []Outgoing, retry bool, err error) {
	records := make([]model.Record, len(pending))
	for i, o := range pending {
		records[i] = o.Record
	}
	results, err := s.dst.Produce(ctx, records)
	if err != nil {
		return pending, false, err
	}
	if len(results) != len(pending) {
		return pending, false, fmt.Errorf("produce answered for %d of %d records", len(results), len(pending))
	}
	retry = ctx.Err() == nil
	for i, r := range results {
		o := pending[i]
		if r.Err != nil {
			refused = append(refused, o)
			err = cmp.Or(err, r.Err)
			retry = retry && r.Retriable
			continue
		}
		s.ledger.Took(o.Partition, o.Offset)
		res.Took = append(res.Took, o)
	}
	return refused, retry && err != nil, err
}

// stopped is why records were not sent when the send's context ended: it
// is context.Canceled (or DeadlineExceeded) to errors.Is, and says so in
// words.
type stopped struct{ cause error }

func (s stopped) Error() string { return "stopped before the rest was sent" }
func (s stopped) Unwrap() error { return s.cause }

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
