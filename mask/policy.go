// Package mask hides sensitive data in records before any output sees
// them: fields addressed as the decoded JSON is (value.customer.email,
// value.items[*].card), headers by name, the key, text patterns, and
// built-in detectors of e-mail addresses, card numbers and IBANs. A
// context's policy masks records where they are read, so every screen,
// file, clipboard and agent downstream gets the masked form alone, and a
// search tests that form only.
package mask

import (
	"errors"
	"fmt"
	"path"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
)

// Config is a context's masking, as the config file writes it.
type Config struct {
	// KeyEnv or KeyCmd give the key of style hash's HMAC: the name of an
	// environment variable, or a command that prints it.
	KeyEnv string `yaml:"key_env,omitempty"`
	KeyCmd string `yaml:"key_cmd,omitempty"`
	// AllowRaw lets what carries bytes unmasked by nature (tail --raw,
	// copy, redrive, the TUI's send) read masked topics.
	AllowRaw bool   `yaml:"allow_raw,omitempty"`
	Rules    []Rule `yaml:"rules"`
}

// Rule masks, in the topics it names, the fields it lists and what its
// detectors and pattern find, in its style.
type Rule struct {
	// Topic is a name or a glob (payments.*); empty: every topic.
	Topic string `yaml:"topic,omitempty"`
	// Fields are paths: key, value, key.id, value.customer.email,
	// value.items[*].card, value.*.iban, headers.authorization.
	Fields []string `yaml:"fields,omitempty"`
	// Detect names built-in detectors: email, card (Luhn-checked), iban.
	Detect []string `yaml:"detect,omitempty"`
	// Pattern is a regular expression over text; with groups, only what
	// they match is masked.
	Pattern string `yaml:"pattern,omitempty"`
	// Style is replace (the default: "***", or With), keep_last (Keep
	// characters stay) or hash (a keyed HMAC: equal values look equal).
	Style string `yaml:"style,omitempty"`
	Keep  int    `yaml:"keep,omitempty"`
	With  string `yaml:"with,omitempty"`
}

// NeedsKey reports whether a rule hashes, so the policy needs its key.
func (c Config) NeedsKey() bool {
	for _, r := range c.Rules {
		if r.Style == "hash" {
			return true
		}
	}
	return false
}

// Check says what is wrong with a configuration, without its key.
func (c Config) Check() error {
	if c.KeyEnv != "" && c.KeyCmd != "" {
		return errors.New("give one of key_env, key_cmd")
	}
	if c.NeedsKey() && c.KeyEnv == "" && c.KeyCmd == "" {
		return errors.New("style hash needs key_env or key_cmd, the HMAC's key")
	}
	_, err := New(c, []byte("check"))
	return err
}

// Describe lists the rules as Policy.Describe does, and where the HMAC
// key comes from, without reading it.
func (c Config) Describe() []string {
	p, err := New(c, []byte("unread"))
	if err != nil {
		return []string{err.Error()}
	}
	lines := p.Describe()
	switch {
	case !c.NeedsKey():
	case c.KeyEnv != "":
		lines = append(lines, "HMAC key from $"+c.KeyEnv)
	case c.KeyCmd != "":
		lines = append(lines, fmt.Sprintf("HMAC key from command %q", c.KeyCmd))
	}
	return lines
}

// rule is a Rule compiled.
type rule struct {
	topic   string
	fields  []field
	finders []finder
	style   style
	text    string // how Describe says it
}

// Policy is a context's masking, compiled. A nil Policy masks nothing.
type Policy struct {
	rules    []rule
	allowRaw bool
	plans    sync.Map // topic name → *plan, nil for a topic no rule names
	cached   atomic.Int64
}

// New compiles a configuration; key is style hash's HMAC key.
func New(c Config, key []byte) (*Policy, error) {
	if len(c.Rules) == 0 {
		return nil, errors.New("rules: give at least one rule")
	}
	p := &Policy{allowRaw: c.AllowRaw}
	for i, r := range c.Rules {
		cr, err := compile(r, key)
		if err != nil {
			return nil, fmt.Errorf("rules[%d]: %w", i, err)
		}
		p.rules = append(p.rules, cr)
	}
	return p, nil
}

func compile(r Rule, key []byte) (rule, error) {
	out := rule{topic: r.Topic}
	if _, err := path.Match(r.Topic, ""); err != nil {
		return out, fmt.Errorf("topic %q: %w", r.Topic, err)
	}
	if len(r.Fields) == 0 && len(r.Detect) == 0 && r.Pattern == "" {
		return out, errors.New("give fields, detect or a pattern")
	}
	var err error
	if out.style, err = newStyle(r, key); err != nil {
		return out, err
	}
	for _, s := range r.Fields {
		f, err := parseField(s)
		if err != nil {
			return out, err
		}
		if f.part == headerPart {
			if _, err := path.Match(f.header, ""); err != nil {
				return out, fmt.Errorf("field %q: %w", s, err)
			}
		}
		out.fields = append(out.fields, f)
	}
	for _, name := range r.Detect {
		f, err := detector(name)
		if err != nil {
			return out, err
		}
		f.name, f.style = name, out.style
		out.finders = append(out.finders, f)
	}
	if r.Pattern != "" {
		re, err := regexp.Compile(r.Pattern)
		if err != nil {
			return out, fmt.Errorf("pattern: %w", err)
		}
		out.finders = append(out.finders, finder{name: "pattern " + r.Pattern, find: patternFinder(re), style: out.style, pattern: true})
	}
	out.text = describeRule(r, out)
	return out, nil
}

func (r rule) applies(topic string) bool {
	if r.topic == "" || r.topic == topic {
		return true
	}
	ok, _ := path.Match(r.topic, topic)
	return ok
}

func describeRule(r Rule, cr rule) string {
	var what []string
	if len(r.Fields) > 0 {
		what = append(what, strings.Join(r.Fields, ", "))
	}
	if len(r.Detect) > 0 {
		what = append(what, "detect "+strings.Join(r.Detect, ", "))
	}
	if r.Pattern != "" {
		what = append(what, "pattern "+r.Pattern)
	}
	topic := "every topic"
	if r.Topic != "" {
		topic = r.Topic
	}
	st := cr.style.kind
	switch st {
	case "replace":
		st = fmt.Sprintf("replace with %q", cr.style.with)
	case "keep_last":
		st = fmt.Sprintf("keep the last %d", cr.style.keep)
	case "hash":
		st = "HMAC-SHA256"
	}
	return fmt.Sprintf("%s: %s (%s)", topic, strings.Join(what, "; "), st)
}

// Describe lists the rules, one line each, and what it does with raw
// bytes.
func (p *Policy) Describe() []string {
	if p == nil {
		return nil
	}
	var out []string
	for _, r := range p.rules {
		out = append(out, r.text)
	}
	if p.allowRaw {
		return append(out, "raw bytes (tail --raw, copy, redrive, send): allowed, unmasked (allow_raw)")
	}
	return append(out, "raw bytes (tail --raw, copy, redrive, send): refused in masked topics")
}

// Masks reports whether the policy masks a topic's records.
func (p *Policy) Masks(topic string) bool { return p.planFor(topic) != nil }

// On reports whether there is a policy at all.
func (p *Policy) On() bool { return p != nil }

// ErrRaw is the cause of a refusal to carry a masked topic's bytes.
var ErrRaw = errors.New("masked topic")

// Refuse says why what (--raw, copy, ...) may not read topic, whose
// records the policy masks and whose bytes it would carry unmasked; nil
// when it may.
func (p *Policy) Refuse(topic, what string) error {
	if p == nil || p.allowRaw || !p.Masks(topic) {
		return nil
	}
	return fmt.Errorf("%w: masking applies to %q, and %s would carry its bytes unmasked; set allow_raw: true in the context's masking to allow it", ErrRaw, topic, what)
}
