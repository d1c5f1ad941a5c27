package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/kscope/kscope/engine"
	"github.com/kscope/kscope/model"
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

// changeJSON is one change of a group's verdict, for --changes -o json.
type changeJSON struct {
	Group string `json:"group"`
	From  string `json:"from"`
	To    string `json:"to"`
	Lag   int64  `json:"total_lag"`
	At    string `json:"at"`
}

// writeChanges prints the changes of verdict, a line or a JSON object
// each.
func writeChanges(w io.Writer, changes []engine.Change, asJSON bool, at time.Time) error {
	enc := json.NewEncoder(model.JSONSafeWriter{W: w})
	for _, c := range changes {
		var err error
		if asJSON {
			err = enc.Encode(changeJSON{Group: c.Group, From: c.From, To: c.To, Lag: c.Lag, At: at.UTC().Format(time.RFC3339)})
		} else {
			_, err = fmt.Fprintf(w, "%s %s: %s -> %s, lag %d\n", at.UTC().Format(time.RFC3339), model.Sanitize(c.Group), orNone(c.From), c.To, c.Lag)
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
