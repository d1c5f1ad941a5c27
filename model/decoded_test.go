package model

import (
	"context"
	"testing"
)

// recycling counts what it is given back, as a stream and as a decoder.
type recycling struct {
	given int
}

func (r *recycling) Started() []Position                 { return nil }
func (r *recycling) Next(context.Context) (Batch, error) { return Batch{}, nil }
func (r *recycling) Close()                              {}
func (r *recycling) Decode(context.Context, []Record)    {}
func (r *recycling) Recycle(records []Record)            { r.given += len(records) }

// A decoding stream hands a batch given back to its decoder as well as to
// the stream under it: a masking decoder writes into memory it reuses.
func TestDecodeStreamRecyclesToTheDecoderToo(t *testing.T) {
	stream, decoder := &recycling{}, &recycling{}
	Recycle(DecodeStream(stream, decoder), make([]Record, 3))
	if stream.given != 3 || decoder.given != 3 {
		t.Errorf("the stream got back %d records, the decoder %d; want 3 each", stream.given, decoder.given)
	}
}
