package mask

import (
	"path"
	"slices"
	"strings"

	"github.com/kscope/kscope/model"
)

// maxPaths bounds the field paths into one part of a topic's records: a
// walk tracks which are still on course in one machine word.
const maxPaths = 64

// pathRule is a field path into a key or value, and its style.
type pathRule struct {
	segs  []segment
	style style
	text  string
}

// partPlan is what is masked in a key or in a value.
type partPlan struct {
	whole    *style     // the whole part, when a rule names it
	paths    []pathRule // fields within it
	finders  []finder
	patterns bool // a finder is a pattern
}

// touched reports whether anything of the part may be masked.
func (pp *partPlan) touched() bool {
	return pp.whole != nil || len(pp.paths) > 0 || len(pp.finders) > 0
}

// headerRule masks the values of the headers a name or glob matches.
type headerRule struct {
	name  string
	style style
}

// plan is what a policy masks in one topic's records.
type plan struct {
	key, value partPlan
	headers    []headerRule
	finders    []finder
}

func (h headerRule) matches(name string) bool {
	if h.name == name {
		return true
	}
	ok, _ := path.Match(h.name, name)
	return ok
}

// maxPlans bounds the plans a policy keeps: a cluster of more topics than
// this has plans made afresh for the rest.
const maxPlans = 4096

// planFor is the plan of a topic, nil when no rule applies to it.
func (p *Policy) planFor(topic string) *plan {
	if p == nil {
		return nil
	}
	if v, ok := p.plans.Load(topic); ok {
		return v.(*plan)
	}
	pl := p.makePlan(topic)
	if p.cached.Load() < maxPlans {
		if _, loaded := p.plans.LoadOrStore(topic, pl); !loaded {
			p.cached.Add(1)
		}
	}
	return pl
}

func (p *Policy) makePlan(topic string) *plan {
	pl := &plan{}
	any := false
	for _, r := range p.rules {
		if !r.applies(topic) {
			continue
		}
		any = true
		pl.finders = append(pl.finders, r.finders...)
		for _, f := range r.fields {
			pp := &pl.value
			switch f.part {
			case headerPart:
				pl.headers = append(pl.headers, headerRule{name: f.header, style: r.style})
				continue
			case keyPart:
				pp = &pl.key
			}
			if len(f.segs) == 0 {
				if pp.whole == nil {
					st := r.style
					pp.whole = &st
				}
				continue
			}
			if len(pp.paths) < maxPaths {
				pp.paths = append(pp.paths, pathRule{segs: f.segs, style: r.style, text: f.text})
			}
		}
	}
	if !any {
		return nil
	}
	pl.key.finders, pl.value.finders = pl.finders, pl.finders
	for _, f := range pl.finders {
		pl.key.patterns = pl.key.patterns || f.pattern
	}
	pl.value.patterns = pl.key.patterns
	return pl
}

// Explain says how masking bears on a search of topic for a query: ""
// when the topic is not masked, else which masked fields the query names
// (a key it looks for names the key), which are compared in their masked
// form only.
func (p *Policy) Explain(topic string, q model.Query) string {
	pl := p.planFor(topic)
	if pl == nil {
		return ""
	}
	query := q.Where + " " + q.Filter.String()
	if q.Key != nil {
		query += " key"
	}
	var named []string
	for part, pp := range map[string]*partPlan{"key": &pl.key, "value": &pl.value} {
		if pp.whole != nil && strings.Contains(query, part) {
			named = append(named, part)
		}
		for _, pr := range pp.paths {
			if strings.Contains(query, strings.ReplaceAll(pr.text, "[*]", "")) {
				named = append(named, pr.text)
			}
		}
	}
	if len(named) > 0 {
		slices.Sort(named)
		verb := " is"
		if len(named) > 1 {
			verb = " are"
		}
		return "masking applied: " + strings.Join(named, ", ") + verb + " masked, and compared in masked form only: a value in clear cannot match"
	}
	return "masking applied: records were matched in their masked form"
}
