package model

import (
	"cmp"
	"slices"
	"strings"
)

// TopicOrder is a way to order a list of topics.
type TopicOrder int

const (
	ByName TopicOrder = iota
	ByPartitions
	ByMessages
	BySize
	ByRate      // most records a second coming in first
	ByURP       // most under-replicated partitions first
	topicOrders // the number of orders, for cycling
)

// String names the order as the UI shows it.
func (o TopicOrder) String() string {
	switch o {
	case ByPartitions:
		return "partitions"
	case ByMessages:
		return "messages"
	case BySize:
		return "size"
	case ByRate:
		return "in/s"
	case ByURP:
		return "urp"
	default:
		return "name"
	}
}

// Next is the order after o, wrapping around.
func (o TopicOrder) Next() TopicOrder {
	return (o + 1) % topicOrders
}

// TopicQuery selects and orders topics for display.
type TopicQuery struct {
	Filter   string // case-insensitive substring of the name; empty matches all
	Internal bool   // include internal topics
	Order    TopicOrder
	// Rate is a topic's records a second coming in, for ByRate; nil, or
	// a topic it knows no rate of, counts as none.
	Rate func(topic string) (float64, bool)
}

func (q TopicQuery) rate(topic string) float64 {
	if q.Rate == nil {
		return -1
	}
	if r, ok := q.Rate(topic); ok {
		return r
	}
	return -1
}

// Apply returns the topics q selects, in q's order. Counts sort largest
// first, and ties fall back to the name so the order is stable between polls.
// The input is not modified.
func (q TopicQuery) Apply(topics []Topic) []Topic {
	needle := strings.ToLower(q.Filter)
	out := make([]Topic, 0, len(topics))
	for _, t := range topics {
		if t.Internal && !q.Internal {
			continue
		}
		if needle != "" && !strings.Contains(strings.ToLower(t.Name), needle) {
			continue
		}
		out = append(out, t)
	}
	slices.SortFunc(out, func(a, b Topic) int {
		var c int
		switch q.Order {
		case ByPartitions:
			c = cmp.Compare(len(b.Partitions), len(a.Partitions))
		case ByMessages:
			c = cmp.Compare(b.Messages(), a.Messages())
		case BySize:
			x, _, _ := a.Bytes()
			y, _, _ := b.Bytes()
			c = cmp.Compare(y, x)
		case ByRate:
			c = cmp.Compare(q.rate(b.Name), q.rate(a.Name))
		case ByURP:
			c = cmp.Or(cmp.Compare(b.Leaderless(), a.Leaderless()), cmp.Compare(b.UnderReplicated(), a.UnderReplicated()))
		}
		if c != 0 {
			return c
		}
		return strings.Compare(a.Name, b.Name)
	})
	return out
}
