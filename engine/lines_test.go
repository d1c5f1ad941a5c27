package engine

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/kscope/kscope/kafka/kafkatest"
	"github.com/kscope/kscope/model"
)

// Lines says exactly which lines the cluster took when a partition refuses
// partway through a batch, and stops at a line that is no record with
// every line before it sent.
func TestLinesSayExactlyWhatWasSent(t *testing.T) {
	f := cluster(t, 0)
	f.Refuse("dst", 1, kafkatest.Refusal{After: 3, Err: errors.New("NOT_ENOUGH_REPLICAS")})
	var in strings.Builder
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&in, "v%02d\n", i)
	}
	parse := func(line []byte) (model.Record, error) {
		if string(line) == "v05" {
			return model.Record{}, ErrSkipLine
		}
		return model.Record{Topic: "dst", Partition: int32(len(line)+int(line[2])) % 6, Value: line}, nil
	}
	res, err := Lines{Parse: parse, Sender: NewSender(f, nil), Batch: 16}.Run(t.Context(), strings.NewReader(in.String()))
	if err == nil || !strings.Contains(err.Error(), "NOT_ENOUGH_REPLICAS") || res.NotSent == "" {
		t.Fatalf("sent %d, not sent %q, err %v", res.Sent, res.NotSent, err)
	}
	held := delivered(t, f)
	if len(held) != res.Sent {
		t.Errorf("says it sent %d; the topic holds %d", res.Sent, len(held))
	}
	notSent, err := ParseLedger("0:1+" + strings.ReplaceAll(res.NotSent, ",", "+"))
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 16; i++ { // the first batch: every line either held or named
		v := fmt.Sprintf("v%02d", i)
		if i == 5 {
			continue
		}
		if (held[v] == 1) == notSent.Done(0, int64(i)) {
			t.Errorf("line %d: held %d times, named as not sent %v", i, held[v], notSent.Done(0, int64(i)))
		}
	}

	bad := func(line []byte) (model.Record, error) {
		if string(line) == "v07" {
			return model.Record{}, errors.New("not JSON")
		}
		return model.Record{Topic: "dst", Partition: 0, Value: line}, nil
	}
	f2 := cluster(t, 0)
	res, err = Lines{Parse: bad, Sender: NewSender(f2, nil)}.Run(t.Context(), strings.NewReader(in.String()))
	var le LineError
	if !errors.As(err, &le) || le.Line != 7 || res.Sent != 6 || len(delivered(t, f2)) != 6 {
		t.Errorf("a bad line 7: sent %d, %v", res.Sent, err)
	}
}

// NUL-terminated chunks may hold newlines: each is one record.
func TestLinesSplitAtNUL(t *testing.T) {
	f := cluster(t, 0)
	parse := func(line []byte) (model.Record, error) {
		return model.Record{Topic: "dst", Partition: 0, Value: line}, nil
	}
	res, err := Lines{Parse: parse, Sender: NewSender(f, nil), NUL: true}.Run(t.Context(), strings.NewReader("a\nb\x00c\x00d"))
	held := delivered(t, f)
	if err != nil || res.Sent != 3 || held["a\nb"] != 1 || held["c"] != 1 || held["d"] != 1 {
		t.Errorf("sent %d (%v): %v", res.Sent, err, held)
	}
	if e := (LineError{7, errors.New("not JSON")}); e.Error() != "line 7: not JSON" || errors.Unwrap(e) == nil {
		t.Errorf("%v", e)
	}
}
