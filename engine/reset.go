package engine

import (
	"context"
	"fmt"
	"time"

	"github.com/kscope/kscope/model"
)

// Resetter plans and applies resets of a group's committed offsets.
type Resetter interface {
	PlanReset(ctx context.Context, group, topic string, partitions []int32, target model.ResetTarget) (model.ResetPlan, error)
	ApplyReset(ctx context.Context, plan model.ResetPlan) error
}

// Reset moves a group's committed offsets on a topic: planned first, for
// the user to see, then applied exactly as planned.
type Reset struct {
	Group, Topic string
	Partitions   []int32 // none: every partition of the topic
	Target       model.ResetTarget
}

// ParseReset reads a reset as the command line and the TUI's form write
// it; an empty target is earliest.
func ParseReset(group, topic string, partitions []int32, to string, now time.Time) (Reset, error) {
	if to == "" {
		to = "earliest"
	}
	target, err := model.ParseResetTarget(to, now)
	return Reset{Group: group, Topic: topic, Partitions: partitions, Target: target}, err
}

// Plan asks where each partition's offset would go.
func (r Reset) Plan(ctx context.Context, c Resetter) (model.ResetPlan, error) {
	return c.PlanReset(ctx, r.Group, r.Topic, r.Partitions, r.Target)
}

// Apply commits the plan's new offsets. A plan in which every partition
// was skipped changes nothing, and says so rather than report a reset.
func Apply(ctx context.Context, c Resetter, plan model.ResetPlan) error {
	applicable := 0
	for _, r := range plan.Rows {
		if r.Err == nil {
			applicable++
		}
	}
	if applicable == 0 {
		return fmt.Errorf("nothing to reset: every partition of the plan was skipped")
	}
	return c.ApplyReset(ctx, plan)
}

// ResetTotals sums the plan's lag before and after, over the partitions
// it resets: "lag 1,200 → 0, 1 skipped".
func ResetTotals(plan model.ResetPlan) string {
	var before, after int64
	skipped := 0
	for _, r := range plan.Rows {
		if r.Err != nil {
			skipped++
			continue
		}
		if r.Current >= 0 {
			before += r.End - r.Current
		} else {
			before += r.End - r.Start // nothing committed: all of it is ahead
		}
		after += r.LagAfter()
	}
	s := fmt.Sprintf("lag %s → %s", model.Count(before), model.Count(after))
	if skipped > 0 {
		s += fmt.Sprintf(", %d skipped", skipped)
	}
	return s
}
