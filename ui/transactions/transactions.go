// Package transactions is the pane of the cluster's transactional ids:
// their state, producer, and for an open transaction its age and what it
// writes to, hanging ones first and in red; A aborts one.
package transactions

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/pane"
	"github.com/kscope/kscope/ui/table"
	"github.com/kscope/kscope/ui/theme"
)

// Lister lists the cluster's transactional ids.
type Lister interface {
	Transactions(ctx context.Context) ([]model.Transaction, error)
}

// Columns are the pane's columns, as the config's columns: names them.
var Columns = []table.Column{
	{Title: "TRANSACTIONAL ID", Width: 20, Flex: true},
	{Title: "STATE", Width: 18},
	{Title: "PRODUCER", Width: 12, Align: table.Right},
	{Title: "AGE", Width: 7, Align: table.Right},
	{Title: "TIMEOUT", Width: 7, Align: table.Right},
	{Title: "PARTITIONS", Width: 20, Flex: true},
}

// New makes the transactions pane.
func New(c pane.Common, l Lister) *pane.List[model.Transaction] {
	return pane.NewList(c, pane.ListSpec[model.Transaction]{
		Name:    "transactions",
		Title:   "transactions",
		Noun:    "transactional ids",
		Columns: Columns,
		Fetch:   l.Transactions,
		Row:     row,
		Text:    func(t model.Transaction) string { return t.ID + " " + t.State },
		Order:   order,
		Empty:   "no transactional ids: no producer here has used transactions",
		Summary: summary,
		Keys:    []pane.ListKey[model.Transaction]{{Binding: c.Keys.Act.Abort, Do: pane.OnSelected(abort)}},
	})
}

// abort asks to abort the selected transaction, once its partitions'
// leaders have said where it is open and the user has seen it.
func abort(t model.Transaction) tea.Msg {
	if !t.Open() {
		return pane.NoticeMsg{Text: fmt.Sprintf("%s has no open transaction to abort", model.Sanitize(t.ID))}
	}
	return pane.ActMsg{Action: pane.AbortTransaction, Transaction: t}
}

// order puts hanging transactions first, then open ones by age, then the
// rest by id.
func order(shown []model.Transaction, now time.Time) {
	rank := func(t model.Transaction) int {
		switch {
		case t.Hanging(now):
			return 0
		case t.Open():
			return 1
		}
		return 2
	}
	slices.SortStableFunc(shown, func(a, b model.Transaction) int {
		return cmp.Or(cmp.Compare(rank(a), rank(b)), cmp.Compare(b.Age(now), a.Age(now)), strings.Compare(a.ID, b.ID))
	})
}

func row(t model.Transaction, now time.Time) table.Row {
	age, timeout := "-", "-"
	if t.Open() {
		age = model.FormatBehind(t.Age(now))
	}
	if t.Timeout > 0 {
		timeout = model.FormatBehind(t.Timeout)
	}
	producer := strconv.FormatInt(t.ProducerID, 10)
	if t.ProducerEpoch >= 0 {
		producer += "/" + strconv.Itoa(int(t.ProducerEpoch))
	}
	state := model.Sanitize(t.State)
	tone := table.Muted
	switch {
	case t.Err != nil:
		state, tone = "error: "+model.Sanitize(t.Err.Error()), table.Error
	case t.Hanging(now):
		state, tone = state+", hanging", table.Error
	case t.Open():
		tone = table.Normal
	}
	return table.Row{Key: t.ID, Tone: tone, Cells: []string{model.Sanitize(t.ID), state, producer, age, timeout, pane.TopicPartitions(t.Partitions)}}
}

// summary counts the open transactions and, in red, the hanging ones.
func summary(all []model.Transaction, now time.Time, th *theme.Theme) string {
	open, hanging := 0, 0
	for _, t := range all {
		if t.Open() {
			open++
		}
		if t.Hanging(now) {
			hanging++
		}
	}
	line := th.Muted.Render(fmt.Sprintf("%d open", open))
	if hanging > 0 {
		line += th.Muted.Render(" · ") + th.Error.Render(fmt.Sprintf("%d hanging: open past their timeout, holding back read_committed readers", hanging))
	}
	return line
}
