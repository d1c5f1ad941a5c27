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

// Chores are the operator's previewed writes on a topic's partitions and a
// group's commits.
type Chores interface {
	PlanPurge(ctx context.Context, topic string, partitions []int32, to model.Start) (model.Purge, error)
	Purge(ctx context.Context, plan model.Purge) error
	PlanOffsetDelete(ctx context.Context, group, topic string, partitions []int32) (model.OffsetDeletion, error)
	DeleteOffsets(ctx context.Context, plan model.OffsetDeletion) error
	Elect(ctx context.Context, plan model.Election) error
}

var purgeColumns = []table.Column{
	{Title: "P", Width: 3, Align: table.Right},
	{Title: "LOG START", Width: 11, Align: table.Right},
	{Title: "AFTER", Width: 11, Align: table.Right},
	{Title: "RECORDS", Width: 11, Align: table.Right},
	{Title: "BYTES", Width: 9, Align: table.Right},
	{Title: "NOTE", Width: 12, Flex: true},
}

// DeleteRecords is the dialog that deletes a topic's oldest records up to
// the end, an offset or a time: a form, a preview of every partition and
// the groups whose commits lie in what goes, then the deletion on a yes.
func DeleteRecords(c pane.Common, w Writer, topic string) *Dialog {
	var to, partitions string
	build := func() *huh.Form {
		return huh.NewForm(huh.NewGroup(
			huh.NewInput().Title("Delete the records before").Placeholder("end").
				Description("end (all of them), an offset, -24h, or an RFC 3339 time").
				Value(&to).Validate(func(s string) error {
				_, err := model.ParsePurgeTarget(or(s, "end"), c.Now())
				return err
			}),
			huh.NewInput().Title("Partitions").Placeholder("all").Description("e.g. 0,3,7").Value(&partitions).Validate(checkPartitionList),
		))
	}
	plan := func(ctx context.Context) outcome {
		target, err := model.ParsePurgeTarget(or(to, "end"), c.Now())
		if err != nil {
			return outcome{err: err}
		}
		ps, _ := partitionList(partitions)
		purge, err := w.PlanPurge(ctx, topic, ps, target)
		if err != nil {
			return outcome{err: err}
		}
		if records, _, _ := purge.Totals(); records == 0 {
			return outcome{notice: "nothing to delete: every partition already starts there"}
		}
		apply := writing(func(ctx context.Context) outcome {
			if err := w.Purge(ctx, purge); err != nil {
				return outcome{err: err}
			}
			return outcome{notice: fmt.Sprintf("deleted %s from %s", purge.Summary(), topic), done: true}
		})
		question := fmt.Sprintf("delete %s for good", purge.Summary())
		if n := len(purge.Inside); n > 0 {
			question += fmt.Sprintf(" (%s inside it)", model.Plural(n, "group commit"))
		}
		return outcome{
			notice:   topic + ": nothing is deleted until you say yes",
			preview:  purgePreview(c, purge),
			question: question,
			confirm:  &apply,
		}
	}
	return newDialog(c, "delete records of "+topic, build, step{run: plan})
}

// purgePreview is each partition of a purge, then each group commit that
// lies inside what goes, warned.
func purgePreview(c pane.Common, plan model.Purge) *preview {
	var rows []table.Row
	for _, r := range plan.Rows {
		row := table.Row{Key: strconv.Itoa(int(r.Partition)), Cells: []string{strconv.Itoa(int(r.Partition)), model.Count(r.Low), "-", "-", "-", ""}}
		if r.Err != nil {
			row.Cells[5], row.Tone = "skipped: "+r.Err.Error(), table.Warn
		} else {
			row.Cells[2], row.Cells[3], row.Cells[4] = model.Count(r.New), model.Count(r.Records()), pane.Size(r.Bytes, r.Bytes >= 0)
		}
		rows = append(rows, row)
	}
	for i, in := range plan.Inside {
		rows = append(rows, table.Row{Key: "commit " + strconv.Itoa(i), Tone: table.Warn,
			Cells: []string{strconv.Itoa(int(in.Partition)), "", "", "", "", fmt.Sprintf("group %s committed %d here: it jumps ahead", in.Group, in.Committed)}})
	}
	return newPreview(c, purgeColumns, rows, model.Plural(len(plan.Rows), "partition"))
}

var offsetDeleteColumns = []table.Column{
	{Title: "P", Width: 3, Align: table.Right},
	{Title: "COMMITTED", Width: 11, Align: table.Right},
	{Title: "AFTER", Width: 40, Flex: true},
}

// DeleteOffsets is the dialog that deletes a group's commits on one of its
// topics (OffsetDelete): the partitions a member consumes stay.
func DeleteOffsets(c pane.Common, w Writer, group string, topics []string) *Dialog {
	var topic, partitions string
	build := func() *huh.Form {
		return huh.NewForm(huh.NewGroup(
			groupTopic(topics, &topic),
			huh.NewInput().Title("Partitions").Placeholder("all").Description("e.g. 0,3,7").Value(&partitions).Validate(checkPartitionList),
		))
	}
	plan := func(ctx context.Context) outcome {
		ps, _ := partitionList(partitions)
		del, err := w.PlanOffsetDelete(ctx, group, topic, ps)
		if err != nil {
			return outcome{err: err}
		}
		rows := make([]table.Row, len(del.Rows))
		for i, r := range del.Rows {
			rows[i] = table.Row{Key: strconv.Itoa(int(r.Partition)), Cells: []string{strconv.Itoa(int(r.Partition)), model.Count(r.Committed), "deleted"}}
			if r.Err != nil {
				rows[i].Cells[2], rows[i].Tone = "stays: "+r.Err.Error(), table.Warn
			}
		}
		gone := del.Deletable()
		if len(gone) == 0 {
			return outcome{err: fmt.Errorf("every commit of %s on %s is on a partition a member consumes: stop it first", group, topic)}
		}
		apply := writing(func(ctx context.Context) outcome {
			if err := w.DeleteOffsets(ctx, del); err != nil {
				return outcome{err: err}
			}
			return outcome{notice: fmt.Sprintf("deleted %s of %s on %s", model.Plural(len(gone), "committed offset"), group, topic), done: true}
		})
		return outcome{
			notice:   fmt.Sprintf("%s on %s: nothing is deleted until you say yes", group, topic),
			preview:  newPreview(c, offsetDeleteColumns, rows, model.Plural(len(rows), "partition")),
			question: fmt.Sprintf("delete %s: the group starts those partitions by its auto.offset.reset", model.Plural(len(gone), "commit")),
			confirm:  &apply,
		}
	}
	return newDialog(c, "delete committed offsets of "+group, build, step{run: plan})
}

var electColumns = []table.Column{
	{Title: "P", Width: 3, Align: table.Right},
	{Title: "LEADER", Width: 6, Align: table.Right},
	{Title: "AFTER", Width: 40, Flex: true},
}

// ElectLeaders is the dialog that holds a leader election on a topic's
// partitions: preferred, or unclean with its loss stated.
func ElectLeaders(c pane.Common, w Writer, topic string) *Dialog {
	var partitions string
	unclean := false
	build := func() *huh.Form {
		return huh.NewForm(huh.NewGroup(
			huh.NewSelect[bool]().Title("Election").Options(
				huh.NewOption("preferred: each partition's first replica leads again", false),
				huh.NewOption("unclean: any live replica leads a partition without a leader, LOSING what it missed", true),
			).Value(&unclean),
			huh.NewInput().Title("Partitions").Placeholder("all").Description("e.g. 0,3,7").Value(&partitions).Validate(checkPartitionList),
		))
	}
	plan := func(ctx context.Context) outcome {
		ps, _ := partitionList(partitions)
		topics, err := w.Topics(ctx, topic)
		if err != nil {
			return outcome{err: err}
		}
		if topics[0].Err != nil {
			return outcome{err: topics[0].Err}
		}
		election := model.PlanElection(topics[0], ps, unclean)
		rows := make([]table.Row, len(election.Rows))
		for i, r := range election.Rows {
			after := "any live replica"
			if r.Next >= 0 {
				after = strconv.Itoa(int(r.Next))
			}
			if r.Stays != "" {
				after = "stays: " + r.Stays
			}
			rows[i] = table.Row{Key: strconv.Itoa(int(r.Partition)), Cells: []string{strconv.Itoa(int(r.Partition)), leaderText(r.Leader), after}}
		}
		moving := election.Moving()
		if len(moving) == 0 {
			return outcome{notice: "nothing to elect: " + electedText(election)}
		}
		apply := writing(func(ctx context.Context) outcome {
			if err := w.Elect(ctx, election); err != nil {
				return outcome{err: err}
			}
			return outcome{notice: fmt.Sprintf("elected leaders of %s of %s", model.Plural(len(moving), "partition"), topic), done: true}
		})
		question := fmt.Sprintf("elect new leaders of %s", model.Plural(len(moving), "partition"))
		if unclean {
			question = fmt.Sprintf("elect ANY live replica for %s: the records it missed are LOST", model.Plural(len(moving), "partition"))
		}
		return outcome{
			notice:   topic + ": no leader moves until you say yes",
			preview:  newPreview(c, electColumns, rows, model.Plural(len(rows), "partition")),
			question: question,
			confirm:  &apply,
		}
	}
	return newDialog(c, "elect leaders of "+topic, build, step{run: plan})
}

// electedText says why an election moves nothing.
func electedText(e model.Election) string {
	if e.Unclean {
		return "every partition has a leader"
	}
	return "each partition's preferred replica leads, or is out of sync"
}

func leaderText(id int32) string {
	if id < 0 {
		return "none"
	}
	return strconv.Itoa(int(id))
}

// or is s, or def when s is blank.
func or(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return strings.TrimSpace(s)
}
