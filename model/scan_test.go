package model

import (
	"context"
	"errors"
	"fmt"
	"testing"
)

// oneBatch is a stream that hands all its records at once, whatever its
// context says.
type oneBatch struct{ records []Record }

func (o oneBatch) Started() []Position { return nil }
func (o oneBatch) Close()              {}
func (o oneBatch) Next(context.Context) (Batch, error) {
	return Batch{Records: o.records}, nil
}

// A scan whose context has ended evaluates no more records, however many
// its batch holds: a costly expression cannot hold up a cancel.
func TestScanStopsMatchingWhenCancelled(t *testing.T) {
	var rs []Record
	for i := range 5000 {
		rs = append(rs, Record{Offset: int64(i), Value: fmt.Appendf(nil, `{"n":%d}`, i)})
	}
	// int("x") fails on every record, so Failed counts the evaluations.
	scan, err := NewScan(oneBatch{rs}, Query{Where: `int("x") > 0`})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	b, err := scan.Next(ctx)
	if !errors.Is(err, context.Canceled) || len(b.Records) != 0 {
		t.Fatalf("cancelled: %d matches, %v", len(b.Records), err)
	}
	if n, _ := scan.Failed(); n != 0 {
		t.Errorf("evaluated %d records after the cancel", n)
	}
	if _, err := scan.Next(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n, _ := scan.Failed(); n != 5000 {
		t.Errorf("evaluated %d of 5,000 records", n)
	}
}
