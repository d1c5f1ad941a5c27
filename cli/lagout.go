package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/kscope/kscope/engine"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/report"
)

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
	return json.NewEncoder(model.JSONSafeWriter{W: w}).Encode(report.Groups(groups, time.Now(), rates))
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
