package actions

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"charm.land/huh/v2"

	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/pane"
)

// produceValues are the produce form's fields, kept across sends, and the
// parts of a copied record the form cannot hold as they are.
type produceValues struct {
	key, value, headers, partition string
	tombstone                      bool
	// schema is a registry subject or schema id, and for Protobuf the
	// message after a space: the value is JSON to encode with it.
	schema string
	// A copied key or value the form cannot hold byte for byte (binary,
	// control characters, tabs, carriage returns) is kept here, non-nil,
	// and sent unchanged while its field is left empty; typing in the
	// field replaces it.
	keptKey, keptValue []byte
	keptHeaders        []model.Header // nil: none kept
}

// SchemaEncoder encodes JSON in a registry schema's wire format: the
// subject's latest version, or the schema of an id; message picks a
// Protobuf message (empty: the first).
type SchemaEncoder interface {
	Encode(ctx context.Context, schema, message string, json []byte) ([]byte, model.Schema, error)
}

// Produce is the dialog that sends one record to topic, starting from a
// copy of from when given. It stays open after sending, so the record can
// be sent again, as it is or edited. With enc, a value schema can be
// named, and a copied record read through the registry is copied as its
// JSON, to be encoded again.
func Produce(c pane.Common, w Writer, enc SchemaEncoder, topic string, from *model.Record) *Dialog {
	v := &produceValues{}
	keyHelp, valueHelp, headersHelp := "", "alt+enter for a new line", "key=value, one a line"
	if from != nil {
		keyHelp, valueHelp, headersHelp = v.copyFrom(from, enc != nil, valueHelp, headersHelp)
	}
	build := func() *huh.Form {
		fields := []huh.Field{
			huh.NewInput().Title("Key").Placeholder("none (null)").Description(keyHelp).Value(&v.key),
		}
		if enc != nil {
			fields = append(fields, huh.NewInput().Key("schema").Title("Value schema").Placeholder("none: the value is sent as typed").
				Description("a subject ("+topic+"-value) or schema id, and for Protobuf the message: the value is JSON to encode").Value(&v.schema))
		}
		return huh.NewForm(huh.NewGroup(append(fields,
			huh.NewText().Key("value").Title("Value").Description(valueHelp).Lines(5).Value(&v.value),
			huh.NewConfirm().Title("Send a null value (a tombstone)?").
				Description("on a compacted topic it deletes the key").Affirmative("Tombstone").Negative("No").Value(&v.tombstone),
			huh.NewText().Title("Headers").Description(headersHelp).Lines(2).Value(&v.headers).Validate(checkHeaders),
			huh.NewInput().Title("Partition").Placeholder("chosen by key").Value(&v.partition).Validate(checkPartition),
		)...))
	}
	send := writing(func(ctx context.Context) outcome {
		r, err := v.record(topic)
		if err != nil {
			return outcome{err: err, field: "value"}
		}
		if v.schema != "" && r.Value != nil {
			schema, message, _ := strings.Cut(strings.TrimSpace(v.schema), " ")
			if r.Value, _, err = enc.Encode(ctx, schema, strings.TrimSpace(message), r.Value); err != nil {
				return outcome{err: fmt.Errorf("value schema %s: %w", schema, err), field: "schema"}
			}
		}
		res, err := w.Produce(ctx, []model.Record{r})
		if err == nil && len(res) == 1 {
			err = res[0].Err
		}
		if err != nil {
			return outcome{err: err}
		}
		what := "sent"
		if r.Value == nil {
			what = "sent a tombstone"
		}
		return outcome{notice: fmt.Sprintf("%s to partition %d at offset %s; submit again to resend", what, res[0].Partition, model.Count(res[0].Offset))}
	})
	return newDialog(c, "produce to "+topic, build, send)
}

// copyFrom fills the fields from a record, keeping aside what the form
// would change, and says so in the fields' help. A value the registry
// decoded is copied as its JSON with its schema, when it can be encoded
// again.
func (v *produceValues) copyFrom(r *model.Record, encodes bool, valueHelp, headersHelp string) (keyHelp, _, _ string) {
	switch {
	case r.Key == nil:
	case editable(r.Key, false):
		v.key = string(r.Key)
	default:
		v.keptKey = r.Key
		keyHelp = keptHelp("key", r.Key)
	}
	d := r.DecodedValue
	switch {
	case r.Value == nil:
		v.tombstone = true
	case encodes && d.OK() && d.Schema != nil && d.Schema.Subject != "":
		v.value, v.schema = string(d.JSON), d.Schema.Subject
		if d.Format == "protobuf" {
			v.schema += " " + d.Name
		}
	case editable(r.Value, true):
		v.value = string(r.Value)
	default:
		v.keptValue = r.Value
		valueHelp = keptHelp("value", r.Value)
	}
	if headersEditable(r.Headers) {
		v.headers = headersText(r.Headers)
	} else {
		v.keptHeaders = r.Headers
		headersHelp = fmt.Sprintf("the copied %s kept as they are (not text the form can hold); type here to replace them", model.Plural(len(r.Headers), "header"))
	}
	return keyHelp, valueHelp, headersHelp
}

func keptHelp(part string, b []byte) string {
	what := "bytes a form field would change"
	if model.Classify(b) == model.Binary {
		what = "binary"
	}
	return fmt.Sprintf("the copied %s (%s, %s) is sent as it is; type here to replace it", part, model.Plural(len(b), "byte"), what)
}

// editable reports whether b goes through a form field and comes back the
// same: UTF-8 text without control characters (a field turns tabs into
// spaces, \r\n into two lines, drops escapes), newlines only where the
// field has lines, and not empty (an empty field means "none").
func editable(b []byte, lines bool) bool {
	if len(b) == 0 || !utf8.Valid(b) {
		return false
	}
	for _, r := range string(b) {
		if r == '\n' && lines {
			continue
		}
		if unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Cf, r) {
			return false
		}
	}
	return true
}

func headersEditable(hs []model.Header) bool {
	for _, h := range hs {
		// A null value would come back empty: not the same bytes on the wire.
		if strings.Contains(h.Key, "=") || !editable([]byte(h.Key), false) || h.Value == nil || (len(h.Value) > 0 && !editable(h.Value, false)) {
			return false
		}
	}
	return true
}

// record is the record the fields describe. An empty value is sent as a
// tombstone only when one was chosen.
func (v *produceValues) record(topic string) (model.Record, error) {
	r := model.Record{Topic: topic, Partition: -1}
	switch {
	case v.key != "":
		r.Key = []byte(v.key)
	case v.keptKey != nil:
		r.Key = v.keptKey
	}
	switch {
	case v.tombstone && (v.value != "" || v.keptValue != nil):
		return r, errors.New("a tombstone has no value: clear the value, or answer No to the tombstone")
	case v.tombstone:
	case v.value != "":
		r.Value = []byte(v.value)
	case v.keptValue != nil:
		r.Value = v.keptValue
	default:
		return r, errors.New("the value is empty: type one, or choose to send a tombstone")
	}
	if v.headers == "" && v.keptHeaders != nil {
		r.Headers = v.keptHeaders
	} else {
		r.Headers, _ = parseHeaderLines(v.headers)
	}
	if p, err := strconv.Atoi(strings.TrimSpace(v.partition)); err == nil {
		r.Partition = int32(p)
	}
	return r, nil
}

func headersText(hs []model.Header) string {
	lines := make([]string, len(hs))
	for i, h := range hs {
		lines[i] = h.Key + "=" + string(h.Value)
	}
	return strings.Join(lines, "\n")
}

func parseHeaderLines(s string) ([]model.Header, error) {
	var out []model.Header
	for line := range strings.Lines(s) {
		line = strings.TrimRight(line, "\r\n")
		if strings.TrimSpace(line) == "" {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok || k == "" {
			return nil, fmt.Errorf("header %q: want key=value", line)
		}
		out = append(out, model.Header{Key: k, Value: []byte(v)})
	}
	return out, nil
}

func checkHeaders(s string) error {
	_, err := parseHeaderLines(s)
	return err
}

func checkPartition(s string) error {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	if p, err := strconv.Atoi(strings.TrimSpace(s)); err != nil || p < 0 {
		return errors.New("a partition number, or empty to choose by key")
	}
	return nil
}
