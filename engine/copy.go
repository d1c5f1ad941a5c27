package engine

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/kscope/kscope/model"
)

// Copy sends the matching records of a scanned range to a topic, byte for
// byte, or for a redrive each to the topic its Route names. Without a
// Sender it is a dry run that only counts. Its ledger is where each
// source partition goes on from, exact after any failure: see Ledger.
type Copy struct {
	Topic                        string // the destination, without Route
	Partitions                   int32  // the destination's partitions, for KeepPartition
	KeepPartition, KeepTimestamp bool
	// Route, when set, sends each record where it says (a dead letter
	// back to its origin) rather than to Topic, and may rewrite its
	// headers; a record it has no destination for stays, counted in Left.
	Route func(r *model.Record) (topic string, ok bool)
	// Sender sends; nil for a dry run.
	Sender *Sender
	// Journal, when set, is saved as the copy goes.
	Journal *Journal
	// Progress, when set, is called after each batch.
	Progress func(*Copy)

	ledger  *Ledger
	earlier int64            // what the journal's earlier runs copied
	Copied  int64            // records the destination took, or would
	Bytes   int64            // their keys', values' and headers' bytes
	Skipped int64            // taken by an earlier run, not sent again
	Left    int64            // records Route had no destination for
	ByTopic map[string]int64 // records copied, by destination
	Scanned int64            // records read, matched or not
	// Gaps counts the offsets read past that held no record to read:
	// transaction markers, aborted records (a committed read skips them),
	// offsets compacted away. Not copied, and said so.
	Gaps int64
}

// Run copies what scan reads from where the ledger says (each partition
// as the scan started, or a resumed run's ledger) until every partition
// is caught up, ctx ends or the destination refuses a record. On a
// refusal, what the destination took is in the ledger, and Err says why.
func (c *Copy) Run(ctx context.Context, scan *model.Scan, l *Ledger) error {
	c.ledger = l
	if c.Sender != nil {
		c.Sender.ledger = l // one ledger: what the sender skips is what the copy resumes past
	}
	if c.Journal != nil {
		c.earlier = c.Journal.Copied
	}
	if model.AllCaught(scan.Started()) {
		return nil
	}
	read := Starts(scan.Started()) // how far each partition was read
	var advanced int64
	for {
		b, err := scan.Next(ctx)
		c.Scanned = scan.Scanned
		if ctx.Err() != nil {
			return ctx.Err()
		}
		out, err2 := c.outgoing(b.Records)
		if err2 != nil {
			return err2
		}
		sendErr := c.send(ctx, out)
		for _, p := range b.Positions {
			l.Reached(p.Partition, p.Next)
			advanced += max(p.Next-read[p.Partition], 0)
			read[p.Partition] = max(read[p.Partition], p.Next)
		}
		c.Gaps = max(advanced-c.Scanned, 0)
		if err := c.save(""); err != nil && sendErr == nil {
			sendErr = err
		}
		if c.Progress != nil {
			c.Progress(c)
		}
		switch {
		case sendErr != nil:
			return sendErr
		case errors.Is(err, model.ErrTopicGone):
			return err
		case model.AllCaught(b.Positions):
			return nil
		}
	}
}

// Ledger is where each source partition goes on from.
func (c *Copy) Ledger() *Ledger { return c.ledger }

// outgoing is the batch's records as they go out, each with where it was
// read; a record Route has no destination for stays, counted.
func (c *Copy) outgoing(records []model.Record) ([]Outgoing, error) {
	out := make([]Outgoing, 0, len(records))
	for _, r := range records {
		topic := c.Topic
		if c.Route != nil {
			var ok bool
			if topic, ok = c.Route(&r); !ok {
				c.Left++
				continue
			}
		}
		sent := r.Resent(topic, c.KeepPartition, c.KeepTimestamp)
		if c.Route == nil && sent.Partition >= c.Partitions {
			return nil, fmt.Errorf("partition %d: %s has %d; leave out --keep-partition to choose by key", sent.Partition, topic, c.Partitions)
		}
		out = append(out, Outgoing{Partition: r.Partition, Offset: r.Offset, Record: sent})
	}
	return out, nil
}

// send sends a batch, journaling it as in flight until the cluster has
// answered; a dry run counts it.
func (c *Copy) send(ctx context.Context, out []Outgoing) error {
	if c.Sender == nil {
		for _, o := range out {
			c.count(o)
		}
		return nil
	}
	if len(out) == 0 {
		return nil
	}
	if err := c.save(inFlight(out)); err != nil {
		return err
	}
	res := c.Sender.Send(ctx, out)
	c.Skipped += int64(res.Skipped)
	for _, o := range res.Took {
		c.count(o)
	}
	return res.Err
}

func (c *Copy) count(o Outgoing) {
	r := &o.Record
	size := int64(len(r.Key) + len(r.Value))
	for _, h := range r.Headers {
		size += int64(len(h.Key) + len(h.Value))
	}
	c.Copied, c.Bytes = c.Copied+1, c.Bytes+size
	if c.ByTopic == nil {
		c.ByTopic = map[string]int64{}
	}
	c.ByTopic[r.Topic]++
}

// save writes the journal, if there is one, with the records in flight.
func (c *Copy) save(inFlight string) error {
	if c.Journal == nil {
		return nil
	}
	c.Journal.Resume, c.Journal.InFlight, c.Journal.Copied = c.ledger.String(), inFlight, c.earlier+c.Copied
	return c.Journal.Save()
}

// inFlight names the records of a batch by partition and offset runs:
// "0:120-180,2:7".
func inFlight(out []Outgoing) string {
	by := map[int32][]int64{}
	for _, o := range out {
		by[o.Partition] = append(by[o.Partition], o.Offset)
	}
	parts := make([]string, 0, len(by))
	for _, p := range slices.Sorted(maps.Keys(by)) {
		offsets := by[p]
		slices.Sort(offsets)
		parts = append(parts, fmt.Sprintf("%d:%s", p, runsText(slices.Compact(offsets), "+")))
	}
	return strings.Join(parts, ",")
}
