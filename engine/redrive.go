package engine

import (
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
