package engine

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/kscope/kscope/model"
)

// OriginHeaders name where a dead letter came from, as the common
// dead-letter writers put it: Spring Kafka's DeadLetterPublishingRecoverer
// and Kafka Connect's errors.deadletterqueue.context.headers.enable.
var OriginHeaders = []string{"kafka_dlt-original-topic", "__connect.errors.topic"}

// errorHeaderPrefixes are the headers those writers add about the error,
// which a redrive may strip.
var errorHeaderPrefixes = []string{"kafka_dlt-", "__connect.errors."}

// Origin routes a dead letter of dlq to the topic its first origin header
// names, stripping the error headers when asked. A record naming no
// topic, or dlq itself (which would loop), has nowhere to go back to.
func Origin(headers []string, dlq string, strip bool) func(r *model.Record) (string, bool) {
	return func(r *model.Record) (string, bool) {
		topic := ""
		for _, name := range headers {
			if i := slices.IndexFunc(r.Headers, func(h model.Header) bool { return h.Key == name }); i >= 0 {
				topic = string(r.Headers[i].Value)
				break
			}
		}
		if topic == "" || topic == dlq {
			return "", false
		}
		if strip {
			r.Headers = slices.DeleteFunc(slices.Clone(r.Headers), func(h model.Header) bool {
				return slices.ContainsFunc(errorHeaderPrefixes, func(p string) bool { return strings.HasPrefix(h.Key, p) })
			})
		}
		return topic, true
	}
}

// CheckOrigins previews a redrive of the range, from where resume says,
// and refuses it before anything is sent when a topic its records would
// go back to cannot take them: one missing origin must not stop a
// redrive partway.
func CheckOrigins(ctx context.Context, src Tailer, r Range, resume *Ledger, route func(*model.Record) (string, bool), dest TopicLister) error {
	tail, scan, err := r.Open(ctx, src, model.TailRequest{Raw: true}, resume)
	if err != nil {
		return err
	}
	defer tail.Close()
	ledger := NewLedger(Starts(tail.Started()))
	if resume != nil {
		ledger = resume.Clone()
	}
	preview := &Copy{Route: route}
	if err := preview.Run(ctx, scan, ledger); err != nil {
		return err
	}
	bad, err := Unsendable(ctx, dest, slices.Sorted(maps.Keys(preview.ByTopic)))
	if err != nil || len(bad) == 0 {
		return err
	}
	var parts []string
	for _, t := range slices.Sorted(maps.Keys(bad)) {
		parts = append(parts, fmt.Sprintf("%s for %s", model.Plural(preview.ByTopic[t], "record"), bad[t]))
	}
	return fmt.Errorf("redrive: nothing was sent: %s", strings.Join(parts, "; "))
}
