package actions

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"charm.land/huh/v2"

	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/pane"
	"github.com/kscope/kscope/ui/table"
)

// Mover moves partitions between brokers: it proposes from where they
// are, and starts, follows and stops the moves.
type Mover interface {
	Cluster(ctx context.Context) (model.Cluster, error)
	Reassign(ctx context.Context, plan model.Reassignment, rate int64) error
	Reassignments(ctx context.Context) ([]model.Moving, error)
	CancelReassignments(ctx context.Context, moving []model.Moving) error
	Throttled(ctx context.Context) (model.Throttle, error)
	ClearThrottle(ctx context.Context, th model.Throttle) error
}

var moveColumns = []table.Column{
	{Title: "TOPIC", Width: 14, Flex: true},
	{Title: "P", Width: 3, Align: table.Right},
	{Title: "REPLICAS", Width: 9},
	{Title: "AFTER", Width: 9},
	{Title: "COPIES", Width: 9, Align: table.Right},
}

// Balance is the dialog that spreads topics' replicas and leaders over
// the brokers (model.PlanBalance): a form, a preview of every move, then
// the moves, throttled if asked, on a yes.
func Balance(c pane.Common, w Writer) *Dialog {
	var topics, brokers, rf, throttle string
	build := func() *huh.Form {
		return huh.NewForm(huh.NewGroup(
			huh.NewInput().Title("Topics").Placeholder("all but internal ones").Description("comma-separated").Value(&topics),
			huh.NewInput().Title("On brokers").Placeholder("all").Description("the others are emptied, e.g. 1,2,3").Value(&brokers).Validate(checkPartitionList),
			huh.NewInput().Title("Replication factor").Placeholder("keep each partition's").Value(&rf).Validate(orEmpty(model.CheckReplicas)),
			huh.NewInput().Title("Throttle").Placeholder("none").Description("the replication the moves cause, a second per broker: 50MB, 10MiB").
				Value(&throttle).Validate(func(s string) error {
				if strings.TrimSpace(s) == "" {
					return nil
				}
				_, err := model.ParseThrottle(s)
				return err
			}),
		))
	}
	plan := func(ctx context.Context) outcome {
		var names []string
		for n := range strings.SplitSeq(topics, ",") {
			if n = strings.TrimSpace(n); n != "" {
				names = append(names, n)
			}
		}
		ids, _ := partitionList(brokers)
		chosen, brokers, err := pane.Placement(ctx, w, names...)
		if err != nil {
			return outcome{err: err}
		}
		moves, err := model.PlanBalance(chosen, brokers, model.BalanceOptions{Brokers: ids, ReplicationFactor: max(orDefault(rf), 0)})
		if err != nil {
			return outcome{err: err}
		}
		if len(moves.Moves) == 0 {
			return outcome{notice: "nothing to move: the replicas and leaders are spread as evenly as they can be"}
		}
		var rate int64
		if strings.TrimSpace(throttle) != "" {
			rate, _ = model.ParseThrottle(throttle)
		}
		apply := writing(func(ctx context.Context) outcome {
			if err := w.Reassign(ctx, moves, rate); err != nil {
				return outcome{err: err}
			}
			return outcome{notice: fmt.Sprintf("started moving %s: :reassignments follows them", model.Plural(len(moves.Moves), "partition")), done: true}
		})
		rows := make([]table.Row, len(moves.Moves))
		for i, m := range moves.Moves {
			rows[i] = table.Row{Key: strconv.Itoa(i), Cells: []string{m.Topic, strconv.Itoa(int(m.Partition)), pane.IDs(m.From), pane.IDs(m.To), pane.Size(m.Copies(), m.Copies() >= 0)}}
		}
		question := fmt.Sprintf("move %s, copying %s", model.Plural(len(moves.Moves), "partition"), copiesText(moves))
		if rate > 0 {
			question += fmt.Sprintf(", throttled to %s/s", model.FormatIEC(rate))
		}
		return outcome{
			notice:   "nothing moves until you say yes",
			preview:  newPreview(c, moveColumns, rows, model.Plural(len(rows), "move")),
			question: question,
			confirm:  &apply,
		}
	}
	return newDialog(c, "balance partitions", build, step{run: plan})
}

func copiesText(r model.Reassignment) string {
	if bytes, known := r.Copies(); known {
		return pane.Bytes(int(bytes))
	}
	return "an unknown amount"
}

// CancelMove is the question that stops a partition's move: it goes back
// to the brokers it was on.
func CancelMove(c pane.Common, w Writer, m model.Moving) *Dialog {
	name := fmt.Sprintf("%s partition %d", m.Topic, m.Partition)
	cancel := writing(func(ctx context.Context) outcome {
		if err := w.CancelReassignments(ctx, []model.Moving{m}); err != nil {
			return outcome{err: err}
		}
		return outcome{notice: "cancelled the move of " + name, done: true}
	})
	return newQuestion(c, "cancel the move of "+name, outcome{
		question: fmt.Sprintf("cancel the move of %s: it goes back to brokers %s, and what was copied to %s is dropped", name, pane.IDs(m.Original()), pane.IDs(m.Adding)),
		confirm:  &cancel,
	})
}

// ClearThrottle is the question that removes the replication throttle,
// asked once nothing moves.
func ClearThrottle(c pane.Common, w Writer) *Dialog {
	return newLookup(c, "remove the replication throttle", step{run: func(ctx context.Context) outcome {
		moving, err := w.Reassignments(ctx)
		if err != nil {
			return outcome{err: err}
		}
		if len(moving) > 0 {
			return outcome{err: fmt.Errorf("%s still moving: the throttle stays until they finish", model.Plural(len(moving), "partition"))}
		}
		th, err := w.Throttled(ctx)
		if err != nil {
			return outcome{err: err}
		}
		if !th.Set() {
			return outcome{notice: "no replication throttle is set", done: true}
		}
		clear := writing(func(ctx context.Context) outcome {
			if err := w.ClearThrottle(ctx, th); err != nil {
				return outcome{err: err}
			}
			return outcome{notice: "removed the replication throttle", done: true}
		})
		return outcome{question: "remove the replication throttle: " + th.String(), confirm: &clear}
	}})
}
