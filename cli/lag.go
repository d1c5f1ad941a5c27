package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/kscope/kscope/kafka"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/pane"
)

// groupJSON is one group in `kscope lag -o json`; a documented interface
// for scripts, so its fields only ever grow.
type groupJSON struct {
	Group    string `json:"group"`
	State    string `json:"state"`
	Type     string `json:"type,omitempty"` // classic, consumer (KIP-848), share (KIP-932) or streams (KIP-1071)
	Members  int    `json:"members"`
	TotalLag int64  `json:"total_lag"`
	// UncommittedRecords are what the partitions it is assigned but never
	// committed on hold: not in total_lag, which has no commit to count
	// them from.
	UncommittedRecords int64           `json:"uncommitted_records,omitempty"`
	TimeLagMs          *int64          `json:"time_lag_ms"`              // the oldest unread record's age; null when caught up or unknown
	TimeLagStale       bool            `json:"time_lag_stale,omitempty"` // time_lag_ms is an upper bound, from an earlier commit
	Status             string          `json:"status"`
	Judging            bool            `json:"judging,omitempty"`      // OK for want of evidence: too few samples yet
	ConsumeRate        *float64        `json:"consume_rate,omitempty"` // records/s, with --watch
	ProduceRate        *float64        `json:"produce_rate,omitempty"`
	Error              string          `json:"error,omitempty"`
	Partitions         []partitionJSON `json:"partitions"`
}

// partitionJSON is a group's position on one partition. Committed and lag
// are null where the group has committed nothing.
type partitionJSON struct {
	Topic     string `json:"topic"`
	Partition int32  `json:"partition"`
	Committed *int64 `json:"committed"`
	End       *int64 `json:"end"`
	Lag       *int64 `json:"lag"`
	// LogStart and Lost tell an expired commit: retention removed Lost
	// records the group never read, and Lag counts only what remains.
	LogStart *int64 `json:"log_start"`
	Lost     int64  `json:"lost_to_retention"`
	// TimeLagMs is how old the oldest unread record is; OldestMs its
	// timestamp. Null when caught up or unknown.
	TimeLagMs *int64 `json:"time_lag_ms"`
	// TimeLagStale: the poll's budget of fetches ran out, and time_lag_ms
	// comes from an earlier commit, an upper bound.
	TimeLagStale bool   `json:"time_lag_stale,omitempty"`
	OldestMs     *int64 `json:"oldest_unread_timestamp_ms"`
}

// lagFlags are kscope lag's flags.
type lagFlags struct {
	topic   string
	json    bool
	watch   time.Duration
	failOn  []model.Status // exit 3 when a group reaches one
	changes bool           // print only changes of verdict
}

// changeJSON is one change of a group's verdict, for --changes -o json.
type changeJSON struct {
	Group string `json:"group"`
	From  string `json:"from"`
	To    string `json:"to"`
	Lag   int64  `json:"total_lag"`
	At    string `json:"at"`
}

func newLag(g *globals, stdout io.Writer) *cobra.Command {
	var topic, output string
	var watch time.Duration
	var failOn []string
	var changes bool
	cmd := &cobra.Command{
		Use:               "lag [GROUP...]",
		ValidArgsFunction: g.completeArg(-1, groupNames),
		Short:             "Print consumer groups' lag, per partition and in total",
		Long: `Print each consumer group's state, members and lag: per partition the
committed offset, the end offset and the lag, and the group's total and
status. Without GROUP arguments, every group.

The status is OK; WARNING (the lag never went down and went up in more than
half the steps); STALLED (the committed offset did not move while there was
lag at every sample); or STOPPED (no members, lag, and commits that do not
move). WARNING and STALLED
need three samples over at least 20 seconds, so a single look can only tell
STOPPED from OK; --watch polls every INTERVAL, judges the history it builds
(up to 15 minutes), adds consume and produce rates and the outlook, and
prints a new report each time until interrupted. A named group that does
not exist is an error: its row says so and kscope exits 1.

-o json prints one array per report, one object per group (see README).

For scripts and cron: --fail-on STALLED,STOPPED exits 3 as soon as a group
reaches one of those verdicts (after the report that shows it), naming the
groups on stderr; it works on a single look too. --changes, with --watch,
prints only the changes of verdict, one line each ("payment-reconciler: OK
-> WARNING, lag 133"), or with -o json one object each: {"group", "from",
"to", "total_lag", "at"}; a group's first verdict counts as a change from
"" (feed a pager or a chat hook).`,
		Example: `  kscope lag
  kscope lag payment-reconciler -o json | jq '.[0].total_lag'
  kscope lag --topic orders --watch 10s
  kscope lag --watch 30s --fail-on STALLED,STOPPED || page-oncall
  kscope lag --watch 30s --changes -o json | while read -r change; do notify "$change"; done`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if output != "table" && output != "json" {
				return usagef("-o %q: want table or json", output)
			}
			if watch != 0 && watch < 100*time.Millisecond {
				return usagef("--watch %s is too short; use 100ms or more", watch)
			}
			f := lagFlags{topic: topic, json: output == "json", watch: watch, changes: changes}
			for _, name := range failOn {
				st, ok := model.ParseStatus(name)
				if !ok || st == model.StatusOK {
					return usagef("--fail-on %q: want WARNING, STALLED or STOPPED", name)
				}
				f.failOn = append(f.failOn, st)
			}
			if changes && watch == 0 {
				return usagef("--changes needs --watch: a single look has nothing to change")
			}
			if err := g.checkLagWindow(); err != nil {
				return err
			}
			return runLag(cmd.Context(), g, stdout, args, f)
		},
	}
	cmd.Flags().StringSliceVar(&failOn, "fail-on", nil, "exit 3 once a group reaches one of these verdicts: WARNING, STALLED, STOPPED")
	cmd.Flags().BoolVar(&changes, "changes", false, "with --watch, print only changes of verdict, a line each")
	cmd.Flags().StringVar(&topic, "topic", "", "only groups consuming this topic, and only their lag on it")
	_ = cmd.RegisterFlagCompletionFunc("topic", g.completeArg(-1, topicNames))
	cmd.Flags().StringVarP(&output, "output", "o", "table", "output format: table or json")
	cmd.Flags().DurationVar(&watch, "watch", 0, "poll every INTERVAL, with rates and verdicts, until interrupted")
	return cmd
}

func runLag(ctx context.Context, g *globals, stdout io.Writer, names []string, f lagFlags) error {
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	conn, err := g.connect("reporting on")
	if err != nil {
		return err
	}
	defer conn.close()
	history := model.LagHistory{Window: g.lagWindow}
	verdicts := map[string]string{} // each group's last, for --changes
	for {
		groups, err := conn.client.Groups(ctx, names...)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return err
		}
		if len(names) > 0 {
			markMissing(groups)
		} else if len(groups) == 0 && f.watch == 0 {
			fmt.Fprintln(g.stderr, "kscope:", pane.NoneVisible(conn.client, "consumer groups"))
		}
		now := time.Now()
		if len(names) > 0 {
			history.Observe(groups, now)
		} else {
			history.ObserveAll(groups, now)
		}
		if history.StartSeeding() {
			seedHistory(ctx, conn.client, &history, groups, now, g.stderr)
		}
		q := model.GroupQuery{Topic: f.topic, Order: model.ByGroupName}
		judged := q.Apply(q.Judge(groups, &history))
		switch {
		case f.changes:
			err = writeChanges(stdout, judged, verdicts, f.json, time.Now())
		case f.json:
			err = writeLagJSON(stdout, judged, f.watch > 0)
		default:
			err = writeLagTable(stdout, judged, f.watch > 0)
		}
		if err != nil {
			return err
		}
		if err := alert(judged, f.failOn, g.stderr); err != nil {
			return err
		}
		if f.watch == 0 {
			return failedGroups(judged)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(f.watch):
		}
	}
}

// seedHistory starts the history from the cluster's log of commits, so a
// single look has verdicts and a watch has trends from its first report.
// Failing that, the history starts with the polls, as it must on kfake.
func seedHistory(ctx context.Context, c *kafka.Client, h *model.LagHistory, groups []model.Group, now time.Time, stderr io.Writer) {
	log, err := c.CommitLog(ctx, groups, model.SeedTimes(now, h.Span(), model.SeedPoints))
	switch {
	case err == nil:
		h.Seed(groups, log)
	case !errors.Is(err, model.ErrNoCommitLog) && ctx.Err() == nil:
		fmt.Fprintf(stderr, "kscope: lag history starts now: %s\n", model.Sanitize(err.Error()))
	}
}

// alert is the error of a report in which some group reached a --fail-on
// verdict: the groups are named on stderr, and kscope exits 3.
func alert(groups []model.JudgedGroup, failOn []model.Status, stderr io.Writer) error {
	var hit []string
	for _, j := range groups {
		if j.Err == nil && slices.Contains(failOn, j.Verdict.Status) {
			hit = append(hit, fmt.Sprintf("%s is %s (lag %d)", model.Sanitize(j.Name), j.Verdict.Status, j.Verdict.Lag))
		}
	}
	if len(hit) == 0 {
		return nil
	}
	for _, h := range hit {
		fmt.Fprintln(stderr, "kscope: alert: "+h)
	}
	return alertError{fmt.Errorf("%s reached a --fail-on verdict", model.Plural(len(hit), "group"))}
}

// writeChanges prints the groups whose verdict is not the one last
// printed for them, and remembers it.
func writeChanges(w io.Writer, groups []model.JudgedGroup, last map[string]string, asJSON bool, at time.Time) error {
	enc := json.NewEncoder(model.JSONSafeWriter{W: w})
	for _, j := range groups {
		to := j.Verdict.Status.String()
		if j.Err != nil {
			to = "ERROR"
		}
		from, seen := last[j.Name]
		if seen && from == to {
			continue
		}
		last[j.Name] = to
		var err error
		if asJSON {
			err = enc.Encode(changeJSON{Group: j.Name, From: from, To: to, Lag: j.Verdict.Lag, At: at.UTC().Format(time.RFC3339)})
		} else {
			_, err = fmt.Fprintf(w, "%s %s: %s -> %s, lag %d\n", at.UTC().Format(time.RFC3339), model.Sanitize(j.Name), orNone(from), to, j.Verdict.Lag)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func orNone(s string) string {
	if s == "" {
		return "(first look)"
	}
	return s
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

// failedGroups is the error of a report that could not describe some
// group, such as one named that does not exist: the report is printed,
// and the exit status says it is not whole.
func failedGroups(groups []model.JudgedGroup) error {
	var errs []error
	for _, j := range groups {
		if j.Err != nil {
			errs = append(errs, j.Err)
		}
	}
	return errors.Join(errs...)
}

func writeLagJSON(w io.Writer, groups []model.JudgedGroup, rates bool) error {
	now := time.Now()
	out := make([]groupJSON, len(groups))
	for i, j := range groups {
		gj := groupJSON{
			Group: j.Name, State: j.State, Type: j.Type, Members: len(j.Members), TotalLag: j.Verdict.Lag,
			TimeLagMs: millis(j.Behind(now)), TimeLagStale: j.BehindStale(now), Status: j.Verdict.Status.String(), Judging: j.Verdict.Judging,
			Partitions: []partitionJSON{},
		}
		gj.UncommittedRecords, _ = j.Uncommitted()
		if rates {
			gj.ConsumeRate, gj.ProduceRate = &j.Verdict.ConsumeRate, &j.Verdict.ProduceRate
		}
		if j.Err != nil {
			gj.Error, gj.Status = j.Err.Error(), "ERROR"
		}
		for _, p := range j.Partitions {
			gj.Partitions = append(gj.Partitions, partitionJSON{
				Topic: p.Topic, Partition: p.Partition,
				Committed: known(p.Committed), End: known(p.End), Lag: known(p.Lag),
				LogStart: known(p.Start), Lost: p.Lost,
				TimeLagMs: millis(p.Behind(now)), TimeLagStale: p.OldestStale && p.Behind(now) > 0, OldestMs: knownTime(p),
			})
		}
		out[i] = gj
	}
	return json.NewEncoder(model.JSONSafeWriter{W: w}).Encode(out)
}

// millis is d in milliseconds, or nil (null) for zero: caught up, or not
// known.
func millis(d time.Duration) *int64 {
	if d <= 0 {
		return nil
	}
	ms := d.Milliseconds()
	return &ms
}

// knownTime is the oldest unread record's timestamp, or nil.
func knownTime(p model.PartitionLag) *int64 {
	if p.Lag <= 0 || p.Oldest <= 0 {
		return nil
	}
	return &p.Oldest
}

// known is n, or nil (JSON null) when n is -1, kscope's "unknown".
func known(n int64) *int64 {
	if n < 0 {
		return nil
	}
	return &n
}

func writeLagTable(w io.Writer, groups []model.JudgedGroup, rates bool) error {
	tw := newTable(w)
	if rates {
		fmt.Fprintf(tw, "# %s\n", time.Now().Format(time.RFC3339))
	}
	now := time.Now()
	fmt.Fprint(tw, "GROUP\tTYPE\tSTATE\tMEMBERS\tLAG\tBEHIND\tSTATUS")
	if rates {
		fmt.Fprint(tw, "\tCONSUME/S\tPRODUCE/S\tOUTLOOK")
	}
	fmt.Fprintln(tw)
	for _, j := range groups {
		status := j.Verdict.Status.String()
		switch {
		case j.Err != nil:
			status = "ERROR: " + model.Sanitize(j.Err.Error())
		case j.Verdict.Judging && !rates:
			// One look, and no commit log to look back on: it will not
			// wait for the evidence a watch gathers.
			status = "unjudged (one look)"
		case j.Verdict.Judging:
			status = j.Verdict.JudgingText()
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%s\t%s", model.Sanitize(j.Name), orText(j.Type, "-"), model.Sanitize(j.State), len(j.Members), j.Verdict.Lag, model.BehindText(j.Behind(now), j.BehindStale(now)), status)
		if rates {
			fmt.Fprintf(tw, "\t%.1f\t%.1f\t%s", j.Verdict.ConsumeRate, j.Verdict.ProduceRate, j.Verdict.Outlook())
		}
		fmt.Fprintln(tw)
	}
	fmt.Fprintln(tw)
	fmt.Fprintln(tw, "GROUP\tTOPIC\tPARTITION\tCOMMITTED\tEND\tLAG\tBEHIND\tCONSUMER")
	for _, j := range groups {
		for _, p := range j.Partitions {
			consumer := "-"
			if p.Member != nil {
				consumer = strings.TrimSpace(p.Member.ClientID + " " + p.Member.Host)
			}
			fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%s\t%s\t%s\n", model.Sanitize(j.Name), model.Sanitize(p.Topic), p.Partition,
				orDash(p.Committed, "no commit"), orDash(p.End, "?"), orDash(p.Lag, "-"), model.BehindText(p.Behind(now), p.OldestStale), model.Sanitize(consumer))
		}
	}
	return tw.Flush()
}

func orDash(n int64, unknown string) string {
	if n < 0 {
		return unknown
	}
	return fmt.Sprint(n)
}

func orText(s, unknown string) string {
	if s == "" {
		return unknown
	}
	return model.Sanitize(s)
}
