package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/signal"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/kscope/kscope/model"
)

// groupJSON is one group in `kscope lag -o json`; a documented interface
// for scripts, so its fields only ever grow.
type groupJSON struct {
	Group       string          `json:"group"`
	State       string          `json:"state"`
	Type        string          `json:"type,omitempty"` // classic, or consumer (KIP-848)
	Members     int             `json:"members"`
	TotalLag    int64           `json:"total_lag"`
	Status      string          `json:"status"`
	ConsumeRate *float64        `json:"consume_rate,omitempty"` // records/s, with --watch
	ProduceRate *float64        `json:"produce_rate,omitempty"`
	Error       string          `json:"error,omitempty"`
	Partitions  []partitionJSON `json:"partitions"`
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
}

func newLag(g *globals, stdout io.Writer) *cobra.Command {
	var topic, output string
	var watch time.Duration
	cmd := &cobra.Command{
		Use:   "lag [GROUP...]",
		Short: "Print consumer groups' lag, per partition and in total",
		Long: `Print each consumer group's state, members and lag: per partition the
committed offset, the end offset and the lag, and the group's total and
status. Without GROUP arguments, every group.

The status is OK; WARNING (the lag never went down and went up in more than
half the steps); STALLED (the committed offset did not move while there was
lag at every sample); or STOPPED (no members and lag). WARNING and STALLED
need three samples over at least 20 seconds, so a single look can only tell
STOPPED from OK; --watch polls every INTERVAL, judges the history it builds
(up to 15 minutes), adds consume and produce rates and the outlook, and
prints a new report each time until interrupted. A named group that does
not exist is an error: its row says so and kscope exits 1.

-o json prints one array per report, one object per group (see README).`,
		Example: `  kscope lag
  kscope lag payment-reconciler -o json | jq '.[0].total_lag'
  kscope lag --topic orders --watch 10s`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if output != "table" && output != "json" {
				return usagef("-o %q: want table or json", output)
			}
			if watch != 0 && watch < 100*time.Millisecond {
				return usagef("--watch %s is too short; use 100ms or more", watch)
			}
			return runLag(cmd.Context(), g, stdout, args, topic, output == "json", watch)
		},
	}
	cmd.Flags().StringVar(&topic, "topic", "", "only groups consuming this topic, and only their lag on it")
	cmd.Flags().StringVarP(&output, "output", "o", "table", "output format: table or json")
	cmd.Flags().DurationVar(&watch, "watch", 0, "poll every INTERVAL, with rates and verdicts, until interrupted")
	return cmd
}

func runLag(ctx context.Context, g *globals, stdout io.Writer, names []string, topic string, asJSON bool, watch time.Duration) error {
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	conn, err := g.connect("reporting on")
	if err != nil {
		return err
	}
	defer conn.close()
	var history model.LagHistory
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
		}
		if len(names) > 0 {
			history.Observe(groups, time.Now())
		} else {
			history.ObserveAll(groups, time.Now())
		}
		q := model.GroupQuery{Topic: topic, Order: model.ByGroupName}
		judged := q.Apply(q.Judge(groups, &history))
		if asJSON {
			err = writeLagJSON(stdout, judged, watch > 0)
		} else {
			err = writeLagTable(stdout, judged, watch > 0)
		}
		if err != nil {
			return err
		}
		if watch == 0 {
			return failedGroups(judged)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(watch):
		}
	}
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
	out := make([]groupJSON, len(groups))
	for i, j := range groups {
		gj := groupJSON{
			Group: j.Name, State: j.State, Type: j.Type, Members: len(j.Members), TotalLag: j.Verdict.Lag,
			Status: j.Verdict.Status.String(), Partitions: []partitionJSON{},
		}
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
			})
		}
		out[i] = gj
	}
	return json.NewEncoder(model.JSONSafeWriter{W: w}).Encode(out)
}

// known is n, or nil (JSON null) when n is -1, kscope's "unknown".
func known(n int64) *int64 {
	if n < 0 {
		return nil
	}
	return &n
}

func writeLagTable(w io.Writer, groups []model.JudgedGroup, rates bool) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	if rates {
		fmt.Fprintf(tw, "# %s\n", time.Now().Format(time.RFC3339))
	}
	fmt.Fprint(tw, "GROUP\tSTATE\tMEMBERS\tLAG\tSTATUS")
	if rates {
		fmt.Fprint(tw, "\tCONSUME/S\tPRODUCE/S\tOUTLOOK")
	}
	fmt.Fprintln(tw)
	for _, j := range groups {
		status := j.Verdict.Status.String()
		if j.Err != nil {
			status = "ERROR: " + model.Sanitize(j.Err.Error())
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%s", model.Sanitize(j.Name), model.Sanitize(j.State), len(j.Members), j.Verdict.Lag, status)
		if rates {
			fmt.Fprintf(tw, "\t%.1f\t%.1f\t%s", j.Verdict.ConsumeRate, j.Verdict.ProduceRate, j.Verdict.Outlook())
		}
		fmt.Fprintln(tw)
	}
	fmt.Fprintln(tw)
	fmt.Fprintln(tw, "GROUP\tTOPIC\tPARTITION\tCOMMITTED\tEND\tLAG\tCONSUMER")
	for _, j := range groups {
		for _, p := range j.Partitions {
			consumer := "-"
			if p.Member != nil {
				consumer = strings.TrimSpace(p.Member.ClientID + " " + p.Member.Host)
			}
			fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%s\t%s\n", model.Sanitize(j.Name), model.Sanitize(p.Topic), p.Partition,
				orDash(p.Committed, "no commit"), orDash(p.End, "?"), orDash(p.Lag, "-"), model.Sanitize(consumer))
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
