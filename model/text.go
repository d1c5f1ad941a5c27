package model

import (
	"fmt"
	"strconv"
	"strings"
)

// Count writes n with thousands separators: 1,234,567.
func Count[N ~int | ~int32 | ~int64](n N) string {
	s := strconv.FormatInt(int64(n), 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// Plural counts n of a noun: "1 partition", "30 partitions", "2 matches".
func Plural[N ~int | ~int32 | ~int64](n N, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	for _, end := range []string{"s", "x", "ch", "sh"} {
		if strings.HasSuffix(noun, end) {
			return Count(n) + " " + noun + "es"
		}
	}
	return Count(n) + " " + noun + "s"
}

// NoneVisible is what a list of the cluster's topics or groups says when
// it is empty. Kafka lists only what the principal may describe, so it
// names whom the cluster showed nothing, when the client knows (one with
// a Principal method), never "the cluster has none".
func NoneVisible(client any, noun string) string {
	who := "this client"
	if p, ok := client.(interface{ Principal() string }); ok && p.Principal() != "" {
		who = p.Principal()
	}
	return fmt.Sprintf("no %s visible to %s (Kafka lists only those it may describe)", noun, Sanitize(who))
}
