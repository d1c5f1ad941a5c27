package actions

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"charm.land/huh/v2"

	"github.com/kscope/kscope/engine"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/pane"
	"github.com/kscope/kscope/ui/table"
)

var resetColumns = []table.Column{
	{Title: "TOPIC", Width: 14, Flex: true},
	{Title: "P", Width: 3, Align: table.Right},
	{Title: "CURRENT", Width: 11, Align: table.Right},
	{Title: "NEW", Width: 11, Align: table.Right},
	{Title: "LAG AFTER", Width: 11, Align: table.Right},
	{Title: "NOTE", Width: 12, Flex: true},
}

// ResetOffsets is the dialog that resets a group's offsets on one of its
// topics: a form, then a preview of every partition (current, new, lag
// after), then the reset, only on a yes.
func ResetOffsets(c pane.Common, w Writer, group string, topics []string) *Dialog {
	var topic, partitions, to string
	build := func() *huh.Form {
		return huh.NewForm(huh.NewGroup(
			groupTopic(topics, &topic),
			huh.NewInput().Title("Partitions").Placeholder("all").Description("e.g. 0,3,7").Value(&partitions).Validate(checkPartitionList),
			huh.NewInput().Title("Reset to").Placeholder("earliest").
				Description("earliest, latest, an offset, +N or -N to shift, -15m, or an RFC 3339 time").
				Value(&to).Validate(func(s string) error {
				_, err := engine.ParseReset(group, topic, nil, strings.TrimSpace(s), c.Now())
				return err
			}),
		))
	}
	plan := func(ctx context.Context) outcome {
		ps, _ := partitionList(partitions)
		reset, err := engine.ParseReset(group, topic, ps, strings.TrimSpace(to), c.Now())
		if err != nil {
			return outcome{err: err}
		}
		target := reset.Target
		plan, err := reset.Plan(ctx, w)
		if err != nil {
			return outcome{err: err}
		}
		apply := writing(func(ctx context.Context) outcome {
			if err := engine.Apply(ctx, w, plan); err != nil {
				return outcome{err: err}
			}
			return outcome{notice: fmt.Sprintf("reset %s on %s to %s: %s", group, topic, target, engine.ResetTotals(plan)), done: true}
		})
		return outcome{
			notice:   fmt.Sprintf("%s on %s to %s: nothing changes until you say yes", group, topic, target),
			preview:  resetPreview(c, plan),
			question: fmt.Sprintf("reset the %s above: %s", model.Plural(len(plan.Rows), "partition"), engine.ResetTotals(plan)),
			confirm:  &apply,
		}
	}
	return newDialog(c, "reset offsets of "+group, build, step{run: plan})
}

// resetPreview is every partition of the plan, in a table that scrolls.
func resetPreview(c pane.Common, plan model.ResetPlan) *preview {
	rows := make([]table.Row, len(plan.Rows))
	for i, r := range plan.Rows {
		current := "no commit"
		if r.Current >= 0 {
			current = model.Count(r.Current)
		}
		row := table.Row{Key: strconv.Itoa(i), Cells: []string{r.Topic, strconv.Itoa(int(r.Partition)), current, "-", "-", ""}}
		if r.Err != nil {
			row.Cells[5], row.Tone = "skipped: "+r.Err.Error(), table.Warn
		} else {
			row.Cells[3], row.Cells[4] = model.Count(r.New), model.Count(r.LagAfter())
		}
		rows[i] = row
	}
	return newPreview(c, resetColumns, rows, model.Plural(len(rows), "partition"))
}

// groupTopic is the field that picks one of a group's topics, the first
// at first.
func groupTopic(topics []string, topic *string) *huh.Select[string] {
	options := make([]huh.Option[string], len(topics))
	for i, t := range topics {
		options[i] = huh.NewOption(model.Sanitize(t), t)
	}
	if len(topics) > 0 && *topic == "" {
		*topic = topics[0]
	}
	return huh.NewSelect[string]().Title("Topic").Options(options...).Value(topic)
}

func partitionList(s string) ([]int32, error) {
	var out []int32
	for f := range strings.SplitSeq(s, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		n, err := strconv.Atoi(f)
		if err != nil || n < 0 {
			return nil, fmt.Errorf("%q is not a partition number", f)
		}
		out = append(out, int32(n))
	}
	return out, nil
}

func checkPartitionList(s string) error {
	_, err := partitionList(s)
	return err
}
