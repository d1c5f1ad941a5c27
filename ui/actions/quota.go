package actions

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"charm.land/huh/v2"

	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/pane"
	"github.com/kscope/kscope/ui/table"
)

// SetQuota is the dialog that sets an entity's limits: a new entity's
// when q is nil, else q's, whose limits start as they are (a line taken
// out removes that limit). What changes is previewed, old → new.
func SetQuota(c pane.Common, w Writer, q *model.Quota) *Dialog {
	var user, clientID, ip, limits string
	var now map[string]float64
	title := "new quota"
	if q != nil {
		now = q.Values
		title = "quota of " + q.EntityText()
		var lines []string
		for _, k := range slices.Sorted(maps.Keys(now)) {
			lines = append(lines, k+"="+strconv.FormatFloat(now[k], 'f', -1, 64))
		}
		limits = strings.Join(lines, "\n")
	}
	entity := func() ([]model.QuotaPart, error) {
		if q != nil {
			return q.Entity, nil
		}
		return model.QuotaEntity(user, clientID, ip)
	}
	build := func() *huh.Form {
		var fields []huh.Field
		if q == nil {
			const anyone = "empty, or <default> for every one"
			fields = append(fields,
				huh.NewInput().Title("User").Description(anyone).Value(&user),
				huh.NewInput().Title("Client id").Description(anyone+"; with a user, that user's clients with this id").Value(&clientID),
				huh.NewInput().Title("IP").Description(anyone+"; alone").Value(&ip).Validate(func(string) error {
					_, err := entity()
					return err
				}))
		}
		fields = append(fields, huh.NewText().Title("Limits").
			Description("KEY=VALUE, one a line: producer_byte_rate=1MiB, consumer_byte_rate, request_percentage, controller_mutation_rate; connection_creation_rate for an IP").
			Lines(4).Value(&limits).Validate(func(string) error {
			e, err := entity()
			if err != nil {
				return err
			}
			_, err = model.ParseQuotaLimits(e, lines(limits))
			return err
		}))
		return huh.NewForm(huh.NewGroup(fields...))
	}
	ask := func(context.Context) outcome {
		e, err := entity()
		if err != nil {
			return outcome{err: err}
		}
		set, err := model.ParseQuotaLimits(e, lines(limits))
		if err != nil {
			return outcome{err: err}
		}
		var remove []string
		for k := range now {
			if _, kept := set[k]; !kept {
				remove = append(remove, k)
			}
		}
		for k, v := range set {
			if old, ok := now[k]; ok && old == v {
				delete(set, k) // unchanged: not sent, not previewed
			}
		}
		return quotaQuestion(c, w, e, now, set, remove)
	}
	return newDialog(c, title, build, step{run: ask})
}

// RemoveQuota is the question that removes every limit of q's entity.
func RemoveQuota(c pane.Common, w Writer, q model.Quota) *Dialog {
	return newQuestion(c, "remove quota of "+q.EntityText(), quotaQuestion(c, w, q.Entity, q.Values, nil, slices.Collect(maps.Keys(q.Values))))
}

// quotaQuestion previews the limits that change, each old → new, and
// sets and removes them on a yes.
func quotaQuestion(c pane.Common, w Writer, entity []model.QuotaPart, now, set map[string]float64, remove []string) outcome {
	if len(set) == 0 && len(remove) == 0 {
		return outcome{err: fmt.Errorf("nothing changes")}
	}
	shown := func(k string, v float64, ok bool) string {
		if !ok {
			return "-"
		}
		return strings.TrimPrefix(model.Quota{Values: map[string]float64{k: v}}.ValuesText(), k+"=")
	}
	var rows []table.Row
	keys := slices.Sorted(maps.Keys(set))
	for _, k := range keys {
		old, had := now[k]
		rows = append(rows, table.Row{Key: k, Cells: []string{k, shown(k, old, had), shown(k, set[k], true)}})
	}
	slices.Sort(remove)
	for _, k := range remove {
		rows = append(rows, table.Row{Key: k, Tone: table.Warn, Cells: []string{k, shown(k, now[k], true), "removed: no limit"}})
	}
	who := model.Quota{Entity: entity}.EntityText()
	apply := writing(func(ctx context.Context) outcome {
		if err := w.SetQuota(ctx, entity, set, remove); err != nil {
			return outcome{err: err}
		}
		return outcome{notice: fmt.Sprintf("quota of %s: %s changed", who, model.Plural(len(rows), "limit")), done: true}
	})
	cols := []table.Column{{Title: "LIMIT", Width: 24}, {Title: "NOW", Width: 20, Flex: true}, {Title: "THEN", Width: 20, Flex: true}}
	return outcome{
		question: "change the quota of " + who,
		confirm:  &apply,
		preview:  newPreview(c, cols, rows, model.Plural(len(rows), "limit")),
	}
}

// lines are the text's lines that are not blank.
func lines(text string) []string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return out
}
