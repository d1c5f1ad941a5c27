package groups

import (
	"context"
	"errors"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/pane"
)

// Seeder reads back where groups were over a span, from the cluster's log
// of commits, so their history need not start empty.
type Seeder interface {
	CommitLog(ctx context.Context, groups []model.Group, times []time.Time) (model.CommitLog, error)
}

// seededMsg is a read of the log of commits, for the groups of a poll.
type seededMsg struct {
	groups []model.Group
	log    model.CommitLog
	err    error
}

// seed reads the log of commits over the history window before the first
// poll, once per history, where the cluster can say.
func (m *Model) seed(groups []model.Group, at time.Time) tea.Cmd {
	h := m.judge.history
	if m.seeder == nil || !h.StartSeeding() {
		return nil
	}
	ctx, times := m.Context(), model.SeedTimes(at, h.Span(), model.SeedPoints)
	return func() tea.Msg {
		log, err := m.seeder.CommitLog(ctx, groups, times)
		return seededMsg{groups: groups, log: log, err: err}
	}
}

// seeded starts the history from the log and judges again. A cluster with
// no such log (kfake) is no failure: the history starts with the polls.
func (m *Model) seeded(msg seededMsg) tea.Cmd {
	if msg.err != nil {
		if errors.Is(msg.err, model.ErrNoCommitLog) || m.Context().Err() != nil {
			return nil
		}
		return pane.Cmd(pane.NoticeMsg{Text: "trends start now: " + msg.err.Error()})
	}
	m.judge.history.Seed(msg.groups, msg.log)
	m.rejudge()
	return nil
}

// rejudge judges the rows again from the history as it is now.
func (m *Model) rejudge() {
	h := m.judge.history
	m.Amend(func(judged []model.JudgedGroup) {
		for i, j := range judged {
			judged[i].Verdict = model.JudgeGroup(j.Group, h.Group(j.Name))
		}
	})
}
