package model

import (
	"regexp"
	"slices"
	"strings"
)

// Connector is a Kafka Connect connector as its cluster's workers report
// it: what it is, where it runs, how its tasks are, and what it reads or
// writes.
type Connector struct {
	Name   string
	Type   string // source or sink
	State  string // RUNNING, PAUSED, STOPPED, FAILED, UNASSIGNED, RESTARTING
	Worker string // the worker running it, host:port
	Trace  string // why it failed, as the worker's stack trace
	Tasks  []ConnectorTask
	// Topics are those it has read or written since it was created or
	// its topics were reset (KIP-558); nil when the worker did not say.
	Topics []string
	Config map[string]string
}

// ConnectorTask is one task of a connector.
type ConnectorTask struct {
	ID     int
	State  string
	Worker string
	Trace  string
}

// TasksIn counts the connector's tasks in a state.
func (c Connector) TasksIn(state string) int {
	n := 0
	for _, t := range c.Tasks {
		if t.State == state {
			n++
		}
	}
	return n
}

// Failed reports whether the connector or any of its tasks failed.
func (c Connector) Failed() bool { return c.State == "FAILED" || c.TasksIn("FAILED") > 0 }

// Class is the connector's class, its short name: FileStreamSink.
func (c Connector) Class() string {
	class := c.Config["connector.class"]
	return class[strings.LastIndex(class, ".")+1:]
}

// DeadLetterTopic is where a sink connector sends the records it could
// not write (errors.deadletterqueue.topic.name); empty for none.
func (c Connector) DeadLetterTopic() string {
	if c.Type != "sink" {
		return ""
	}
	return c.Config["errors.deadletterqueue.topic.name"]
}

// ConnectorPlugin is a connector class a Connect cluster has installed.
type ConnectorPlugin struct {
	Class   string
	Type    string // source or sink
	Version string
}

// secretKey names a config that holds a secret: passwords, secrets,
// tokens, credentials, keys of an API or a keystore, JAAS configs. A
// config that only names a key (key.converter, key.ignore) is not one.
var secretKey = regexp.MustCompile(`(?i)(password|secret|token|credential|api[._-]?key|access[._-]?key|private[._-]?key|sasl\.jaas\.config|\.key$)`)

// Hidden is what stands in for a secret config's value.
const Hidden = "<hidden>"

// MaskedConfig is a connector's config with the values of keys that look
// secret replaced, sorted by key. A value taken from a config provider
// (${file:…}, ${vault:…}) holds no secret itself, and is shown.
func MaskedConfig(config map[string]string) [][2]string {
	keys := make([]string, 0, len(config))
	for k := range config {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := make([][2]string, len(keys))
	for i, k := range keys {
		v := config[k]
		if secretKey.MatchString(k) && v != "" && !strings.HasPrefix(v, "${") {
			v = Hidden
		}
		out[i] = [2]string{k, v}
	}
	return out
}

// ConnectorAction is something done to a connector, with what it does
// said as the confirmation states it.
type ConnectorAction struct {
	Verb   string // pause, resume, stop, restart, restart-failed, delete
	Effect string
}

// The connector actions, in the order they are offered.
var (
	PauseConnector         = ConnectorAction{"pause", "its tasks stop processing until it is resumed, where they were"}
	ResumeConnector        = ConnectorAction{"resume", "its tasks go on from where they were paused or stopped"}
	StopConnector          = ConnectorAction{"stop", "its tasks shut down and it holds no resources; its config and offsets stay, and offsets can then be changed"}
	RestartConnector       = ConnectorAction{"restart", "the connector and every task restart"}
	RestartFailedConnector = ConnectorAction{"restart-failed", "only the connector or tasks that failed restart"}
	DeleteConnector        = ConnectorAction{"delete", "its config and tasks go for good; its offsets stay in the offsets topic"}
	ResetConnectorOffsets  = ConnectorAction{"reset-offsets", "its offsets go: a source starts over, a sink's group from its auto.offset.reset; only while it is stopped"}
)

// ConnectorActions are all of them, by verb.
var ConnectorActions = []ConnectorAction{PauseConnector, ResumeConnector, StopConnector, RestartConnector, RestartFailedConnector, ResetConnectorOffsets, DeleteConnector}

// TraceSummary is what a worker's stack trace says, to read: its first
// line and each "Caused by" line, without the frames between.
func TraceSummary(trace string) []string {
	var out []string
	for i, line := range strings.Split(strings.TrimSpace(trace), "\n") {
		line = strings.TrimSpace(line)
		if i == 0 || strings.HasPrefix(line, "Caused by:") {
			out = append(out, line)
		}
	}
	if len(out) == 1 && out[0] == "" {
		return nil
	}
	return out
}

// ConfigProblem is what a worker finds wrong with one field of a
// connector's config.
type ConfigProblem struct {
	Field, Problem string
}

// ConfigProblems are all it found.
type ConfigProblems []ConfigProblem

// ConnectorOffset is one of a connector's offsets: where in a partition
// of what it reads it is. For a sink the partition is a topic's
// ({"kafka_topic","kafka_partition"}) and the offset {"kafka_offset"};
// a source's are its plugin's own.
type ConnectorOffset struct {
	Partition map[string]any `json:"partition"`
	Offset    map[string]any `json:"offset"`
}

// ConfigChange is one key of a connector's config that an update
// changes: old or new is absent ("") when it is added or removed.
type ConfigChange struct {
	Key, Old, New string
}

// DiffConfig is what changes from one config to the next, by key, the
// values of keys that look secret hidden (a changed secret says so).
func DiffConfig(old, next map[string]string) []ConfigChange {
	var out []ConfigChange
	keys := map[string]bool{}
	for k := range old {
		keys[k] = true
	}
	for k := range next {
		keys[k] = true
	}
	sorted := make([]string, 0, len(keys))
	for k := range keys {
		sorted = append(sorted, k)
	}
	slices.Sort(sorted)
	hide := func(k, v string) string {
		if v != "" && secretKey.MatchString(k) && !strings.HasPrefix(v, "${") {
			return Hidden
		}
		return v
	}
	for _, k := range sorted {
		o, inOld := old[k]
		n, inNext := next[k]
		if inOld && inNext && o == n {
			continue
		}
		change := ConfigChange{Key: k, Old: hide(k, o), New: hide(k, n)}
		if inOld && inNext && change.Old == Hidden && change.New == Hidden {
			change.New = Hidden + " (changed)"
		}
		out = append(out, change)
	}
	return out
}
