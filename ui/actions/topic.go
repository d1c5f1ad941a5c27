package actions

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"charm.land/huh/v2"

	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/pane"
)

// topicName is what Kafka allows in a topic's name.
var topicName = regexp.MustCompile(`^[A-Za-z0-9._-]{1,249}$`)

// CreateTopic is the dialog that creates a topic.
func CreateTopic(c pane.Common, w Writer) *Dialog {
	var name, partitions, rf, configs string
	build := func() *huh.Form {
		return huh.NewForm(huh.NewGroup(
			huh.NewInput().Title("Name").Value(&name).Validate(func(s string) error {
				if !topicName.MatchString(s) {
					return errors.New("letters, digits, '.', '_' and '-', at most 249")
				}
				return nil
			}),
			huh.NewInput().Title("Partitions").Placeholder("the broker's default").Value(&partitions).Validate(orEmpty(model.CheckPartitions)),
			huh.NewInput().Title("Replication factor").Placeholder("the broker's default").Value(&rf).Validate(orEmpty(model.CheckReplicas)),
			huh.NewText().Title("Configs").Description("name=value, one a line: cleanup.policy=compact, retention.ms=…").Lines(3).Value(&configs).Validate(checkHeaders),
		))
	}
	run := writing(func(ctx context.Context) outcome {
		t := model.NewTopic{Name: name, Partitions: int32(orDefault(partitions)), ReplicationFactor: int16(orDefault(rf)), Configs: map[string]string{}}
		cfg, _ := parseHeaderLines(configs)
		for _, h := range cfg {
			t.Configs[h.Key] = string(h.Value)
		}
		var err error
		if t.Configs, err = model.ParseConfigs(t.Configs); err != nil {
			return outcome{err: err}
		}
		if err := w.CreateTopic(ctx, t); err != nil {
			return outcome{err: err}
		}
		return outcome{notice: "created topic " + name, done: true}
	})
	return newDialog(c, "new topic", build, run)
}

// orEmpty checks a number field that may be left empty for the broker's
// default, before anything is sent: a typo of a few digits must not reach
// a broker as a count it cannot hold.
func orEmpty(check func(int) error) func(string) error {
	return func(s string) error {
		if strings.TrimSpace(s) == "" {
			return nil
		}
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			return errors.New("a whole number, or empty for the broker's default")
		}
		return check(n)
	}
}

// orDefault is the number typed, or -1 (the broker's default) for none.
func orDefault(s string) int {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return -1
	}
	return n
}

// Delete is the dialog that deletes something only once its name is
// typed: nothing that cannot be undone happens on a stray key.
func Delete(c pane.Common, what, name string, del func(context.Context) error) *Dialog {
	var typed string
	build := func() *huh.Form {
		return huh.NewForm(huh.NewGroup(
			huh.NewInput().Title(fmt.Sprintf("Type %s to delete it", model.Sanitize(name))).Value(&typed).Validate(func(s string) error {
				if s != name {
					return errors.New("type the name exactly")
				}
				return nil
			}),
		))
	}
	run := writing(func(ctx context.Context) outcome {
		if err := del(ctx); err != nil {
			return outcome{err: err}
		}
		return outcome{notice: fmt.Sprintf("deleted %s %s", what, name), done: true}
	})
	return newDialog(c, fmt.Sprintf("delete %s %s", what, name), build, run)
}

// AddPartitions is the dialog that raises a topic's partition count. The
// field starts empty, and the change is stated and confirmed before it is
// made: it cannot be undone.
func AddPartitions(c pane.Common, w Writer, topic string, current int) *Dialog {
	var total string
	build := func() *huh.Form {
		return huh.NewForm(huh.NewGroup(
			huh.NewInput().Title(fmt.Sprintf("Partitions in all (now %d)", current)).
				Placeholder(fmt.Sprintf("more than %d", current)).
				Value(&total).Validate(func(s string) error {
				n, err := strconv.Atoi(strings.TrimSpace(s))
				if err != nil || n <= current {
					return fmt.Errorf("a whole number above %d: Kafka cannot lower the count", current)
				}
				return model.CheckPartitions(n)
			}),
		))
	}
	ask := func(context.Context) outcome {
		n, _ := strconv.Atoi(strings.TrimSpace(total))
		grow := writing(func(ctx context.Context) outcome {
			if err := w.SetPartitions(ctx, topic, n); err != nil {
				return outcome{err: err}
			}
			return outcome{notice: fmt.Sprintf("%s now has %d partitions", topic, n), done: true}
		})
		return outcome{
			question: fmt.Sprintf("%s: %d → %d partitions, cannot be undone; keyed records will map to other partitions", topic, current, n),
			confirm:  &grow,
		}
	}
	return newDialog(c, "add partitions to "+topic, build, step{run: ask})
}

// SetConfig is the dialog that sets, or with an empty value removes, one
// of a topic's or a broker's configuration values. Durations and sizes
// may be typed in human units (7d, 1 GiB); a value Kafka would refuse is
// refused in the field, saying why.
func SetConfig(c pane.Common, w Writer, owner model.ConfigOwner, e model.ConfigEntry) *Dialog {
	topic := owner.String()
	value := e.Value
	back := "the default"
	if owner.IsBroker() {
		back = "the cluster-wide or static value" // a broker's own value, removed
	}
	help := fmt.Sprintf("now %s, from %s; empty returns it to %s", model.Sanitize(model.ReadableConfig(e.Name, e.Value)), model.Sanitize(e.Source), back)
	if e.Sensitive {
		value, help = "", fmt.Sprintf("sensitive, from %s: type a new value; empty returns it to the default", model.Sanitize(e.Source))
	} else if value != "" && !editable([]byte(value), false) {
		// A field would change it, and draw its control characters.
		value, help = "", fmt.Sprintf("now %s, from %s, with characters a field cannot hold: type a new value; empty returns it to the default",
			model.Sanitize(e.Value), model.Sanitize(e.Source))
	}
	build := func() *huh.Form {
		return huh.NewForm(huh.NewGroup(
			huh.NewInput().Title(model.Sanitize(e.Name)).Description(help).Value(&value).Validate(func(s string) error {
				if s == "" {
					return nil
				}
				_, err := model.ParseConfigValue(e.Name, s)
				return err
			}),
		))
	}
	run := writing(func(ctx context.Context) outcome {
		var v *string
		notice := fmt.Sprintf("%s of %s is back to its default", e.Name, topic)
		if owner.IsBroker() {
			notice = fmt.Sprintf("%s of %s: its own value removed", e.Name, topic)
		}
		if value != "" {
			parsed, err := model.ParseConfigValue(e.Name, value)
			if err != nil {
				return outcome{err: err}
			}
			v = &parsed
			notice = fmt.Sprintf("%s of %s: %s → %s", e.Name, topic, shownConfig(e), model.ReadableConfig(e.Name, parsed))
		}
		if err := setConfig(ctx, w, owner, e.Name, v); err != nil {
			return outcome{err: err}
		}
		return outcome{notice: notice, done: true}
	})
	return newDialog(c, fmt.Sprintf("set %s of %s", e.Name, topic), build, run)
}

// shownConfig is a config's value as it may be shown: sensitive ones are
// not.
func shownConfig(e model.ConfigEntry) string {
	if e.Sensitive {
		return "(sensitive)"
	}
	return model.ReadableConfig(e.Name, e.Value)
}
