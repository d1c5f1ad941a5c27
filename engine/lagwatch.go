package engine

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/kscope/kscope/model"
)

// GroupDescriber describes consumer groups with their lag.
type GroupDescriber interface {
	Groups(ctx context.Context, names ...string) ([]model.Group, error)
}

// CommitLogReader reads back where groups were over a span, from the
// cluster's log of commits; a describer that is one seeds the history.
type CommitLogReader interface {
	CommitLog(ctx context.Context, groups []model.Group, times []time.Time) (model.CommitLog, error)
}

// LagWatch judges consumer groups look after look: it keeps their lag
// history (seeded from the cluster's log of commits where it has one),
// judges each group on it, and says which verdicts changed since the
// last look and which groups reached an alerting verdict.
type LagWatch struct {
	Names   []string       // the groups to judge; none: every group
	Topic   string         // only groups consuming it, and their lag on it; "": all
	FailOn  []model.Status // verdicts that alert
	History model.LagHistory

	last map[string]string // each group's verdict at the last look
}

// Look is one look at the groups.
type Look struct {
	Groups []model.JudgedGroup // by name
	// Changes are the groups whose verdict is not the last look's; a
	// group's first verdict is a change from "".
	Changes []Change
	// Alerts are the groups at a FailOn verdict.
	Alerts []model.JudgedGroup
	// Note says why the history starts with this look rather than from
	// the log of commits, when that failed for a reason worth telling.
	Note string
}

// Change is a group's verdict changing between two looks.
type Change struct {
	Group    string
	From, To string // a status, "ERROR" for a group that could not be described, "" before the first look
	Lag      int64
}

// Look describes the groups, adds what it saw to the history and judges
// them. It fails only when the cluster could not be asked at all; a group
// that could not be described, or a named one Kafka does not know, is
// judged with its error.
func (w *LagWatch) Look(ctx context.Context, d GroupDescriber, now time.Time) (Look, error) {
	groups, err := d.Groups(ctx, w.Names...)
	if err != nil {
		return Look{}, err
	}
	var look Look
	if len(w.Names) > 0 {
		markMissing(groups)
		w.History.Observe(groups, now)
	} else {
		w.History.ObserveAll(groups, now)
	}
	if r, ok := d.(CommitLogReader); ok && w.History.StartSeeding() {
		look.Note = w.seed(ctx, r, groups, now)
	}
	q := model.GroupQuery{Topic: w.Topic, Order: model.ByGroupName}
	look.Groups = q.Apply(q.Judge(groups, &w.History))
	look.Changes = w.changes(look.Groups)
	for _, j := range look.Groups {
		if j.Err == nil && slices.Contains(w.FailOn, j.Verdict.Status) {
			look.Alerts = append(look.Alerts, j)
		}
	}
	return look, nil
}

// seed starts the history from the log of commits, so a single look has
// verdicts and a watch has trends from its first report. Without one (as
// on kfake) the history starts with the looks, and that is no news.
func (w *LagWatch) seed(ctx context.Context, r CommitLogReader, groups []model.Group, now time.Time) string {
	log, err := r.CommitLog(ctx, groups, model.SeedTimes(now, w.History.Span(), model.SeedPoints))
	switch {
	case err == nil:
		w.History.Seed(groups, log)
	case !errors.Is(err, model.ErrNoCommitLog) && ctx.Err() == nil:
		return "lag history starts now: " + err.Error()
	}
	return ""
}

func (w *LagWatch) changes(groups []model.JudgedGroup) []Change {
	if w.last == nil {
		w.last = map[string]string{}
	}
	var out []Change
	for _, j := range groups {
		to := j.Verdict.Status.String()
		if j.Err != nil {
			to = "ERROR"
		}
		from, seen := w.last[j.Name]
		if seen && from == to {
			continue
		}
		w.last[j.Name] = to
		out = append(out, Change{Group: j.Name, From: from, To: to, Lag: j.Verdict.Lag})
	}
	return out
}

// markMissing gives each group Kafka does not know an error: Kafka
// describes a named group it has never seen as Dead and empty, which a
// report would show as a healthy group with no lag.
func markMissing(groups []model.Group) {
	for i, g := range groups {
		if g.Err == nil && g.State == "Dead" && len(g.Members) == 0 && len(g.Partitions) == 0 {
			groups[i].Err = fmt.Errorf("group %q does not exist", g.Name)
		}
	}
}

// Failed joins the errors of the groups that could not be judged, such
// as a named one that does not exist: nil when every group was.
func (l Look) Failed() error {
	var errs []error
	for _, j := range l.Groups {
		if j.Err != nil {
			errs = append(errs, j.Err)
		}
	}
	return errors.Join(errs...)
}
