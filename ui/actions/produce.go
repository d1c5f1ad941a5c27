package actions

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"charm.land/huh/v2"

	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/pane"
)

// produceValues are the produce form's fields, kept across sends.
type produceValues struct {
	key, value, headers, partition string
	raw                            []byte // a binary value to send again unchanged
}

// Produce is the dialog that sends one record to topic, starting from a
// copy of from when given. It stays open after sending, so the record can
// be sent again, as it is or edited.
func Produce(c pane.Common, w Writer, topic string, from *model.Record) *Dialog {
	v := &produceValues{}
	valueHelp := "empty sends null, a tombstone; alt+enter for a new line"
	if from != nil {
		v.key = string(from.Key)
		v.headers = headersText(from.Headers)
		if model.Classify(from.Value) == model.Binary {
			v.raw = from.Value
			valueHelp = fmt.Sprintf("the copied value is %d bytes of binary: leave this empty to send them unchanged", len(from.Value))
		} else {
			v.value = string(from.Value)
		}
	}
	build := func() *huh.Form {
		return huh.NewForm(huh.NewGroup(
			huh.NewInput().Title("Key").Placeholder("none (null)").Value(&v.key),
			huh.NewText().Title("Value").Description(valueHelp).Lines(6).Value(&v.value),
			huh.NewText().Title("Headers").Description("key=value, one a line").Lines(3).Value(&v.headers).Validate(checkHeaders),
			huh.NewInput().Title("Partition").Placeholder("chosen by key").Value(&v.partition).Validate(checkPartition),
		))
	}
	run := func() outcome {
		r := v.record(topic)
		res, err := w.Produce(context.Background(), []model.Record{r})
		if err == nil && len(res) == 1 {
			err = res[0].Err
		}
		if err != nil {
			return outcome{err: err}
		}
		return outcome{notice: fmt.Sprintf("sent to partition %d at offset %s; submit again to resend", res[0].Partition, pane.Count(res[0].Offset))}
	}
	return newDialog(c, "produce to "+model.Sanitize(topic), build, run)
}

func (v *produceValues) record(topic string) model.Record {
	r := model.Record{Topic: topic, Partition: -1}
	if v.key != "" {
		r.Key = []byte(v.key)
	}
	switch {
	case v.value != "":
		r.Value = []byte(v.value)
	case v.raw != nil:
		r.Value = v.raw
	}
	r.Headers, _ = parseHeaderLines(v.headers)
	if p, err := strconv.Atoi(strings.TrimSpace(v.partition)); err == nil {
		r.Partition = int32(p)
	}
	return r
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
