package model

import (
	"cmp"
	"slices"
	"strings"
	"time"
)

// GroupOrder is a way to order groups.
type GroupOrder int

const (
	ByStatus    GroupOrder = iota // worst verdict first, then most lag
	ByLag                         // most lag first
	ByBehind                      // furthest behind in time first
	ByGroupName                   // alphabetical
	groupOrders
)

func (o GroupOrder) String() string {
	return [...]string{"status", "lag", "behind", "name"}[o]
}

// Next is the order after o, wrapping around.
func (o GroupOrder) Next() GroupOrder { return (o + 1) % groupOrders }

// JudgedGroup is a group with the verdict on it.
type JudgedGroup struct {
	Group
	Verdict Verdict
}

// GroupQuery selects, judges and orders groups: Judge once per poll,
// Apply on every change of filter or order.
type GroupQuery struct {
	Filter string // case-insensitive substring of the group's name or topics
	Topic  string // only groups consuming this topic, judged on it alone
	Order  GroupOrder
	Now    time.Time // when a group's time behind is measured, for ByBehind
}

// Judge judges the groups q's topic selects: all of them, or those that
// consume Topic, on that topic alone. Filter and Order play no part, so
// one judgement per poll serves every keystroke of a filter.
func (q GroupQuery) Judge(groups []Group, h *LagHistory) []JudgedGroup {
	out := make([]JudgedGroup, 0, len(groups))
	for _, g := range groups {
		if q.Topic != "" {
			if !g.Consumes(q.Topic) {
				continue
			}
			g = g.OnTopic(q.Topic)
		}
		out = append(out, JudgedGroup{Group: g, Verdict: JudgeGroup(g, h.Group(g.Name))})
	}
	return out
}

// Apply returns the judged groups q's filter selects, in q's order. Ties
// fall back to the name, so rows stay put between polls. The input is not
// modified.
func (q GroupQuery) Apply(judged []JudgedGroup) []JudgedGroup {
	needle := strings.ToLower(q.Filter)
	out := make([]JudgedGroup, 0, len(judged))
	for _, j := range judged {
		if needle == "" || matchesGroup(j.Group, needle) {
			out = append(out, j)
		}
	}
	slices.SortFunc(out, func(a, b JudgedGroup) int {
		var c int
		switch q.Order {
		case ByStatus:
			c = cmp.Or(cmp.Compare(b.Verdict.Status, a.Verdict.Status), cmp.Compare(b.Verdict.Lag, a.Verdict.Lag))
		case ByLag:
			c = cmp.Compare(b.Verdict.Lag, a.Verdict.Lag)
		case ByBehind:
			c = cmp.Or(cmp.Compare(b.Behind(q.Now), a.Behind(q.Now)), cmp.Compare(b.Verdict.Lag, a.Verdict.Lag))
		}
		return cmp.Or(c, strings.Compare(a.Name, b.Name))
	})
	return out
}

func matchesGroup(g Group, needle string) bool {
	if strings.Contains(strings.ToLower(g.Name), needle) {
		return true
	}
	return slices.ContainsFunc(g.Topics(), func(t string) bool { return strings.Contains(strings.ToLower(t), needle) })
}
