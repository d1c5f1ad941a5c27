// Package producers is the pane of the producers writing to a topic, as
// each partition's leader knows them (DescribeProducers): id and epoch,
// last sequence and write, and where a transaction of theirs is open,
// which read_committed readers wait at; A aborts an open one.
package producers

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/pane"
	"github.com/kscope/kscope/ui/table"
	"github.com/kscope/kscope/ui/theme"
)

// Lister lists a topic's producers.
type Lister interface {
	Producers(ctx context.Context, topic string, partitions ...int32) ([]model.Producer, error)
}

// Columns are a producer's, here and in the dialogs that abort one.
var Columns = []table.Column{
	{Title: "PARTITION", Width: 9, Align: table.Right},
	{Title: "PRODUCER ID", Width: 12, Align: table.Right},
	{Title: "EPOCH", Width: 5, Align: table.Right},
	{Title: "LAST SEQ", Width: 10, Align: table.Right},
	{Title: "LAST WRITE", Width: 10, Align: table.Right},
	{Title: "OPEN TXN FROM", Width: 13, Align: table.Right},
}

// New makes the producers pane of a topic.
func New(c pane.Common, l Lister, topic string) *pane.List[model.Producer] {
	return pane.NewList(c, pane.ListSpec[model.Producer]{
		Name:    "producers",
		Title:   "producers of " + topic,
		Noun:    "producers",
		Columns: Columns,
		Fetch:   func(ctx context.Context) ([]model.Producer, error) { return l.Producers(ctx, topic) },
		Row:     Row,
		Text:    func(p model.Producer) string { return fmt.Sprintf("%d %d", p.Partition, p.ID) },
		Order:   openFirst,
		Empty: fmt.Sprintf("no producer has written to %s lately: brokers forget a producer after producer.id.expiration.ms (a day by default)",
			model.Sanitize(topic)),
		Summary: summary,
		Keys:    []pane.ListKey[model.Producer]{{Binding: c.Keys.Act.Abort, Do: pane.OnSelected(abort)}},
	})
}

// Row is a producer on a partition; one with a transaction open there
// stands out.
func Row(p model.Producer, now time.Time) table.Row {
	last, open, tone := "-", "-", table.Muted
	if p.LastWrite.Unix() > 0 {
		last = model.FormatBehind(now.Sub(p.LastWrite)) + " ago"
	}
	if p.OpenFrom >= 0 {
		open, tone = strconv.FormatInt(p.OpenFrom, 10), table.Warn
	}
	return table.Row{Key: fmt.Sprintf("%d/%d", p.Partition, p.ID), Tone: tone, Cells: []string{
		strconv.Itoa(int(p.Partition)), strconv.FormatInt(p.ID, 10), strconv.Itoa(int(p.Epoch)), strconv.Itoa(int(p.LastSequence)), last, open}}
}

// openFirst puts producers with an open transaction first, then by
// partition and id.
func openFirst(ps []model.Producer, _ time.Time) {
	closed := func(p model.Producer) int {
		if p.OpenFrom >= 0 {
			return 0
		}
		return 1
	}
	slices.SortStableFunc(ps, func(a, b model.Producer) int {
		return cmp.Or(cmp.Compare(closed(a), closed(b)), cmp.Compare(a.Partition, b.Partition), cmp.Compare(a.ID, b.ID))
	})
}

func summary(ps []model.Producer, _ time.Time, th *theme.Theme) string {
	open := 0
	for _, p := range ps {
		if p.OpenFrom >= 0 {
			open++
		}
	}
	if open == 0 {
		return th.Muted.Render("no open transaction")
	}
	return th.Warn.Render(model.Plural(open, "open transaction") + ": read_committed readers wait at its first offset")
}

// abort asks to abort the selected producer's open transaction on its
// partition, after a question.
func abort(p model.Producer) tea.Msg {
	if p.OpenFrom < 0 {
		return pane.NoticeMsg{Text: fmt.Sprintf("producer %d has no transaction open on partition %d", p.ID, p.Partition)}
	}
	return pane.ActMsg{Action: pane.AbortProducer, Producer: p}
}
