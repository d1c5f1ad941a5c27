package model

import (
	"encoding/base64"
	"strconv"
	"strings"
	"unicode/utf8"
)

// timestampLayout is RFC 3339 with all nine digits of nanoseconds (unlike
// time.RFC3339Nano, which drops trailing zeros), so timestamps sort as text
// and line up.
const timestampLayout = "2006-01-02T15:04:05.000000000Z07:00"

// AmbiguousTimestamp says what a timestamp of -1 is: Kafka's "no
// timestamp", or a time more than 2⁵⁷ ms (4.5 million years) from 1970,
// which the Kafka client gives kscope only modulo 2⁵⁸: Long.MAX_VALUE,
// a common sentinel, reads as -1.
const AmbiguousTimestamp = "-1: no timestamp, or one too far from 1970 to read exactly, such as Long.MAX_VALUE (9223372036854775807)"

// AppendJSONLine appends the record as one JSON object and a newline:
//
//	{"topic":"orders","partition":0,"offset":12,
//	 "timestamp":"2026-11-25T06:40:00.123000000Z",
//	 "timestamp_ms":1795588800123,"timestamp_type":"create_time",
//	 "key":"cus-0042","value":"{\"total\":12.5}",
//	 "headers":[{"key":"trace-id","value":"ab12"}]}
//
// A key or value that is valid UTF-8 is a JSON string; any other is base64,
// flagged by "key_encoding" or "value_encoding" set to "base64" (header
// keys and values likewise, within their object). Kafka's null is JSON
// null. "timestamp_ms" is the record's timestamp exactly as it came, and
// "timestamp_type" says who stamped it (create_time or log_append_time);
// a timestamp of -1 adds "timestamp_note", as -1 may stand for a time the
// client cannot carry (see AmbiguousTimestamp);
// "transaction" appears for records written in one. Header
// order and duplicates are kept. It is written by hand, not with
// encoding/json, because a tail may encode a million of these a second.
func AppendJSONLine(dst []byte, r *Record) []byte {
	dst = append(dst, `{"topic":`...)
	dst = AppendJSONString(dst, r.Topic)
	dst = append(dst, `,"partition":`...)
	dst = strconv.AppendInt(dst, int64(r.Partition), 10)
	dst = append(dst, `,"offset":`...)
	dst = strconv.AppendInt(dst, r.Offset, 10)
	dst = append(dst, `,"timestamp":"`...)
	dst = appendTimestamp(dst, r.Timestamp)
	dst = append(dst, `","timestamp_ms":`...)
	dst = strconv.AppendInt(dst, r.Timestamp, 10)
	dst = append(dst, `,"timestamp_type":"`...)
	dst = append(dst, r.TimestampType()...)
	dst = append(dst, '"')
	if r.Timestamp == -1 {
		dst = append(dst, `,"timestamp_note":`...)
		dst = AppendJSONString(dst, AmbiguousTimestamp)
	}
	if r.Txn != TxnNone {
		dst = append(dst, `,"transaction":"`...)
		dst = append(dst, r.Txn.String()...)
		dst = append(dst, '"')
	}
	dst = appendPart(dst, "key", r.Key, r.DecodedKey)
	dst = appendPart(dst, "value", r.Value, r.DecodedValue)
	if r.CutFrom > 0 { // a buffer kept only the start of it
		dst = append(dst, `,"value_cut_from":`...)
		dst = strconv.AppendInt(dst, int64(r.CutFrom), 10)
	}
	dst = append(dst, `,"headers":[`...)
	for i, h := range r.Headers {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendHeaderKey(dst, h.Key)
		dst = appendBytesField(dst, "value", h.Value)
		dst = append(dst, '}')
	}
	return append(dst, "]}\n"...)
}

// AppendTxnEndJSON appends a transaction marker as one JSON object and a
// newline: {"topic":"t","partition":0,"offset":7,"control":"abort","producer_id":4001}.
func AppendTxnEndJSON(dst []byte, topic string, e TxnEnd) []byte {
	dst = append(dst, `{"topic":`...)
	dst = AppendJSONString(dst, topic)
	dst = append(dst, `,"partition":`...)
	dst = strconv.AppendInt(dst, int64(e.Partition), 10)
	dst = append(dst, `,"offset":`...)
	dst = strconv.AppendInt(dst, e.Offset, 10)
	dst = append(dst, `,"control":"`...)
	dst = append(dst, e.Kind()...)
	dst = append(dst, `","producer_id":`...)
	dst = strconv.AppendInt(dst, e.ProducerID, 10)
	return append(dst, "}\n"...)
}

// appendPart appends a key or value: decoded, its JSON itself and what
// read it (,"value_schema":{"id":3,"subject":"orders-value","version":1,
// "type":"AVRO"} from a registry, else ,"value_format":"protobuf" and
// "value_message" for Protobuf); else its bytes, and a note saying why
// decoding failed when it did.
func appendPart(dst []byte, name string, b []byte, d *Decoded) []byte {
	if !d.OK() {
		dst = appendBytesField(dst, name, b)
		if d != nil && d.Note != "" {
			dst = append(dst, ',', '"')
			dst = append(dst, name...)
			dst = append(dst, `_note":`...)
			dst = appendText(dst, d.Note)
		}
		return dst
	}
	dst = append(dst, ',', '"')
	dst = append(dst, name...)
	dst = append(dst, '"', ':')
	dst = append(dst, d.JSON...)
	dst = append(dst, ',', '"')
	dst = append(dst, name...)
	if s := d.Schema; s != nil {
		dst = append(dst, `_schema":{"id":`...)
		dst = strconv.AppendInt(dst, int64(s.ID), 10)
		if s.Subject != "" {
			dst = append(dst, `,"subject":`...)
			dst = appendText(dst, s.Subject)
			dst = append(dst, `,"version":`...)
			dst = strconv.AppendInt(dst, int64(s.Version), 10)
		}
		dst = append(dst, `,"type":"`...)
		dst = append(dst, s.Type...)
		dst = append(dst, '"', '}')
	} else {
		dst = append(dst, `_format":"`...)
		dst = append(dst, d.Format...)
		dst = append(dst, '"')
	}
	if d.Name != "" {
		dst = append(dst, ',', '"')
		dst = append(dst, name...)
		dst = append(dst, `_type":`...)
		dst = appendText(dst, d.Name)
	}
	if d.Note != "" {
		dst = append(dst, ',', '"')
		dst = append(dst, name...)
		dst = append(dst, `_note":`...)
		dst = appendText(dst, d.Note)
	}
	return dst
}

// appendText appends a string that may not be UTF-8 (a registry's or a
// schema's words) as a JSON string, invalid bytes replaced.
func appendText(dst []byte, s string) []byte {
	return AppendJSONString(dst, strings.ToValidUTF8(s, "\uFFFD"))
}

// appendHeaderKey opens a header's object with its key: a string when it
// is UTF-8, as Kafka's Java client requires, else base64 flagged by
// "key_encoding", since other clients write any bytes.
func appendHeaderKey(dst []byte, k string) []byte {
	if utf8.ValidString(k) {
		dst = append(dst, `{"key":`...)
		return AppendJSONString(dst, k)
	}
	dst = append(dst, `{"key":"`...)
	dst = base64.StdEncoding.AppendEncode(dst, []byte(k))
	return append(dst, `","key_encoding":"base64"`...)
}

// appendBytesField appends ,"name":VALUE and, for base64, ,"name_encoding".
func appendBytesField(dst []byte, name string, b []byte) []byte {
	dst = append(dst, ',', '"')
	dst = append(dst, name...)
	dst = append(dst, '"', ':')
	if b == nil {
		return append(dst, "null"...)
	}
	if out, utf8 := AppendJSONStringOf(dst, b); utf8 {
		return out
	}
	dst = append(dst, '"')
	dst = base64.StdEncoding.AppendEncode(dst, b)
	dst = append(dst, `","`...)
	dst = append(dst, name...)
	return append(dst, `_encoding":"base64"`...)
}
