package model

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
)

// What AppendJSONLine writes, ParseJSONLine reads back byte for byte:
// binary and empty keys and values, null ones, headers in order with
// duplicates, null values and a key that is not UTF-8.
func TestJSONLineRoundTrip(t *testing.T) {
	records := []Record{
		{Topic: "orders", Partition: 2, Offset: 7, Timestamp: 1795588800123, Key: []byte("cus-1"), Value: []byte(`{"total":12.5}`)},
		{Topic: "t", Partition: 0, Offset: 1, Timestamp: -1, Key: []byte{0xff, 0x00, 0x10}, Value: nil},
		{Topic: "t", Partition: 0, Offset: 2, Timestamp: 1, Key: nil, Value: []byte{}},
		{Topic: "t", Partition: 1, Offset: 3, Timestamp: 5, Key: []byte{}, Value: []byte("line\nwith \x1b[31m escape \u202e and \"quotes\""),
			Headers: []Header{{Key: "dup", Value: []byte("1")}, {Key: "dup", Value: []byte("2")}, {Key: "null", Value: nil},
				{Key: "empty", Value: []byte{}}, {Key: "\xff\xfe", Value: []byte{0x00, 0x01}}}},
	}
	for _, want := range records {
		line := AppendJSONLine(nil, &want)
		got, err := ParseJSONLine(line)
		if err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("round trip of\n%s gave %+v\nwant %+v", line, got, want)
		}
		if again := AppendJSONLine(nil, &got); !bytes.Equal(again, line) {
			t.Errorf("export → import → export differs:\n%s\n%s", line, again)
		}
	}
}

func TestJSONLineRefusals(t *testing.T) {
	for line, want := range map[string]string{
		`{"topic":"t","partition":0,"offset":7,"control":"abort","producer_id":4}`:                                               "marker",
		`{"topic":"t","partition":0,"offset":1,"timestamp_ms":1,"key":null,"value":{"id":1},"value_format":"avro","headers":[]}`: "--raw",
		`{"topic":"t","partition":0,"offset":1,"timestamp_ms":1,"key":null,"value":"ab","value_cut_from":900,"headers":[]}`:      "cut",
		`{"topic":"t","partition":0,"offset":1,"timestamp_ms":1,"key":"%%","key_encoding":"base64","value":null,"headers":[]}`:   "bad base64",
		`{"topic":"t","offset":1,"value":"x"}`: "no partition",
		`not json`:                             "not a kscope JSON line",
	} {
		_, err := ParseJSONLine([]byte(line))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v, want %q", line, err, want)
		}
		if want == "marker" && !errors.Is(err, ErrControlLine) {
			t.Errorf("a marker's line is not ErrControlLine: %v", err)
		}
	}
}

// A record an uncommitted read exported as aborted is not read back to be
// sent: it would be committed data that never was.
func TestAnAbortedRecordsLineIsNotSent(t *testing.T) {
	line := []byte(`{"topic":"t","partition":0,"offset":4,"timestamp_ms":1,"transaction":"aborted","key":null,"value":"x","headers":[]}`)
	if _, err := ParseJSONLine(line); !errors.Is(err, ErrAbortedLine) {
		t.Errorf("aborted: %v", err)
	}
	open := bytes.Replace(line, []byte(`"aborted"`), []byte(`"open"`), 1)
	if r, err := ParseJSONLine(open); err != nil || string(r.Value) != "x" {
		t.Errorf("open: %v", err)
	}
}
