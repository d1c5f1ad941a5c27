package cli

import (
	"context"
	"fmt"
	"io"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/kscope/kscope/engine"
	"github.com/kscope/kscope/model"
)

// lagFlags are kscope lag's flags.
type lagFlags struct {
	topic   string
	json    bool
	watch   time.Duration
	failOn  []model.Status // exit 3 when a group reaches one
	changes bool           // print only changes of verdict
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

-o json prints one array per report, one object per group (see docs/cli.md).

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
	watch := engine.LagWatch{Names: names, Topic: f.topic, FailOn: f.failOn, History: model.LagHistory{Window: g.lagWindow}}
	for {
		now := time.Now()
		look, err := watch.Look(ctx, conn.client, now)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return err
		}
		if look.Note != "" {
			fmt.Fprintln(g.stderr, "kscope: "+model.Sanitize(look.Note))
		}
		if len(names) == 0 && len(look.Groups) == 0 && f.watch == 0 && f.topic == "" {
			fmt.Fprintln(g.stderr, "kscope:", model.NoneVisible(conn.client, "consumer groups"))
		}
		switch {
		case f.changes:
			err = writeChanges(stdout, look.Changes, f.json, now)
		case f.json:
			err = writeLagJSON(stdout, look.Groups, f.watch > 0)
		default:
			err = writeLagTable(stdout, look.Groups, f.watch > 0)
		}
		if err != nil {
			return err
		}
		if err := alert(look.Alerts, g.stderr); err != nil {
			return err
		}
		if f.watch == 0 {
			return look.Failed()
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(f.watch):
		}
	}
}

// alert is the error of a report in which some group reached a --fail-on
// verdict: the groups are named on stderr, and kscope exits 3.
func alert(hit []model.JudgedGroup, stderr io.Writer) error {
	if len(hit) == 0 {
		return nil
	}
	for _, j := range hit {
		fmt.Fprintf(stderr, "kscope: alert: %s is %s (lag %d)\n", model.Sanitize(j.Name), j.Verdict.Status, j.Verdict.Lag)
	}
	return alertError{fmt.Errorf("%s reached a --fail-on verdict", model.Plural(len(hit), "group"))}
}
