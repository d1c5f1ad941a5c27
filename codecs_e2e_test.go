package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/kscope/kscope/kafka/clustertest"
)

// kcatRecord is one line of kcat -J.
type kcatRecord struct {
	Offset  int64     `json:"offset"`
	TSType  string    `json:"tstype"`
	TS      int64     `json:"ts"`
	Key     *string   `json:"key"`
	Payload *string   `json:"payload"`
	Headers []*string `json:"headers"` // name, value, name, value…
}

// kscopeRecord is what this test reads of kscope tail -o json.
type kscopeRecord struct {
	Offset        int64   `json:"offset"`
	TimestampMs   int64   `json:"timestamp_ms"`
	TimestampType string  `json:"timestamp_type"`
	Key           *string `json:"key"`
	Value         *string `json:"value"`
	Headers       []struct {
		Key   string  `json:"key"`
		Value *string `json:"value"`
	} `json:"headers"`
}

var codecs = []string{"none", "gzip", "snappy", "lz4", "zstd"}

// Records written by kcat and by confluent-kafka with every codec, on
// CreateTime and LogAppendTime topics of Apache Kafka, read back by kscope
// exactly as kcat -J reads them: keys, values, headers (null values
// included), timestamps and their type. kfake cannot be the reference
// here: it ignores LogAppendTime, and Debian's librdkafka sends it
// uncompressed batches.
func TestCodecsAndTimestampTypesReadAsKcatReadsThem(t *testing.T) {
	needKcat(t)
	cluster := clustertest.Apache(t)
	brokers := strings.Join(cluster.Addrs, ",")
	for _, tsType := range []string{"CreateTime", "LogAppendTime"} {
		t.Run(tsType, func(t *testing.T) {
			topic := cluster.Topic(t, "codecs", 1, map[string]*string{"message.timestamp.type": &tsType})
			for _, codec := range codecs {
				stdin := fmt.Sprintf("kcat-%s-0:{\"codec\":%q}\nkcat-%s-1:tab\there ✓\n", codec, codec, codec)
				if _, errOut, code := run(t, stdin, "kcat", "-P", "-b", brokers, "-t", topic, "-p", "0",
					"-z", codec, "-K", ":", "-H", "h=kcat", "-H", "n"); code != 0 {
					t.Fatalf("kcat -P -z %s: exit %d: %s", codec, code, errOut)
				}
			}
			clustertest.Python(t, "produce.py", "--bootstrap", brokers, "--topic", topic, "--codecs", strings.Join(codecs, ","))
			want := 5 * (2 + 3)

			out, errOut, code := run(t, "", "kcat", "-C", "-b", brokers, "-t", topic, "-e", "-J", "-X", "isolation.level=read_committed")
			if code != 0 {
				t.Fatalf("kcat -C: exit %d: %s", code, errOut)
			}
			byKcat := jsonLines[kcatRecord](t, out)

			out, errOut, code = run(t, "", kscope, "tail", topic, "--from", "beginning", "-e", "-o", "json", "-b", brokers)
			if code != 0 {
				t.Fatalf("kscope tail: exit %d: %s", code, errOut)
			}
			byKscope := jsonLines[kscopeRecord](t, out)
			if len(byKcat) != want || len(byKscope) != want {
				t.Fatalf("kcat read %d records, kscope %d; want %d", len(byKcat), len(byKscope), want)
			}
			wantType := map[string]string{"CreateTime": "create_time", "LogAppendTime": "log_append_time"}[tsType]
			for i, k := range byKcat {
				s := byKscope[i]
				kcatType := map[string]string{"create": "create_time", "logappend": "log_append_time"}[k.TSType]
				if s.Offset != k.Offset || s.TimestampMs != k.TS || s.TimestampType != kcatType || kcatType != wantType {
					t.Errorf("offset %d: kscope ts %d (%s), kcat %d (%s); want %s", k.Offset, s.TimestampMs, s.TimestampType, k.TS, k.TSType, wantType)
				}
				if str(s.Key) != str(k.Key) || str(s.Value) != str(k.Payload) {
					t.Errorf("offset %d: kscope %s=%s, kcat %s=%s", k.Offset, str(s.Key), str(s.Value), str(k.Key), str(k.Payload))
				}
				var headers []*string
				for _, h := range s.Headers {
					headers = append(headers, &h.Key, h.Value)
				}
				if fmt.Sprint(strs(headers)) != fmt.Sprint(strs(k.Headers)) {
					t.Errorf("offset %d: kscope headers %v, kcat %v", k.Offset, strs(headers), strs(k.Headers))
				}
			}
		})
	}
}

// str shows a nullable string, null as <null>.
func str(s *string) string {
	if s == nil {
		return "<null>"
	}
	return fmt.Sprintf("%q", *s)
}

func strs(ss []*string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = str(s)
	}
	return out
}

// Timestamps far from now, written by kafka-python (which keeps them as
// integers), come out of kscope tail exactly as kcat reads them: kgo's
// time.Time made 9999-12-31 into 1816-03-30.
func TestFarTimestampsReadExactly(t *testing.T) {
	needKcat(t)
	cluster := clustertest.Apache(t)
	brokers := strings.Join(cluster.Addrs, ",")
	forever := "9223372036854775807" // Kafka 4 refuses times over an hour ahead by default
	topic := cluster.Topic(t, "times", 1, map[string]*string{"message.timestamp.after.max.ms": &forever})
	stamps := map[int64]string{
		253_402_300_799_999: "9999-12-31T23:59:59.999000000Z",
		10_413_792_000_000:  "2300-01-01T00:00:00.000000000Z",
		0:                   "1970-01-01T00:00:00.000000000Z",
	}
	args := []string{"--bootstrap", brokers, "--topic", topic}
	for ms := range stamps {
		args = append(args, "--ms", fmt.Sprint(ms))
	}
	clustertest.Python(t, "produce_times.py", args...)

	out, errOut, code := run(t, "", "kcat", "-C", "-b", brokers, "-t", topic, "-e", "-f", "%T\n")
	if code != 0 {
		t.Fatalf("kcat: exit %d: %s", code, errOut)
	}
	byKcat := strings.Fields(out)
	out, errOut, code = run(t, "", kscope, "tail", topic, "--from", "beginning", "-e", "-o", "json", "-b", brokers)
	if code != 0 {
		t.Fatalf("kscope tail: exit %d: %s", code, errOut)
	}
	type timed struct {
		Timestamp   string `json:"timestamp"`
		TimestampMs int64  `json:"timestamp_ms"`
		Value       string `json:"value"`
	}
	read := jsonLines[timed](t, out)
	if len(read) != len(stamps) || len(byKcat) != len(stamps) {
		t.Fatalf("kscope read %d records, kcat %d, want %d", len(read), len(byKcat), len(stamps))
	}
	for n, r := range read {
		if r.Value != fmt.Sprint(r.TimestampMs) || stamps[r.TimestampMs] != r.Timestamp || byKcat[n] != r.Value {
			t.Errorf("record %d: kscope %s (%d ms), kcat %s ms, produced %s ms", n, r.Timestamp, r.TimestampMs, byKcat[n], r.Value)
		}
	}
}
