package model

import (
	"fmt"
	"strings"
)

// DescribeConnector is a connector told for a person to read, line by
// line, every string from the cluster escaped: what it is and where, its
// tasks and why the failed ones failed (the exception and its causes, or
// the whole trace), its topics, its dead-letter topic with the commands
// that read and redrive it, and its config with secrets hidden.
func DescribeConnector(cluster string, c Connector, wholeTrace bool) []string {
	s := Sanitize
	out := []string{
		fmt.Sprintf("%s · %s %s · on Connect cluster %s", s(c.Name), c.Type, s(c.Class()), s(cluster)),
		fmt.Sprintf("state %s on worker %s · tasks %s", s(c.State), s(c.Worker), TasksText(c)),
	}
	out = append(out, traceLines("  ", c.Trace, wholeTrace)...)
	out = append(out, "", "TASK  STATE       WORKER")
	for _, t := range c.Tasks {
		out = append(out, fmt.Sprintf("%-4d  %-10s  %s", t.ID, s(t.State), s(t.Worker)))
	}
	for _, t := range c.Tasks {
		if t.Trace != "" {
			out = append(out, fmt.Sprintf("task %d failed:", t.ID))
			out = append(out, traceLines("  ", t.Trace, wholeTrace)...)
		}
	}
	out = append(out, "", "topics: "+TopicsText(c.Topics))
	if dlq := s(c.DeadLetterTopic()); dlq != "" {
		out = append(out, fmt.Sprintf("dead letters: %s (kscope tail %s --from beginning; kscope redrive %s)", dlq, dlq, dlq))
	}
	out = append(out, "", "config (secrets hidden):")
	config := MaskedConfig(c.Config)
	width := 0
	for _, kv := range config {
		width = max(width, len(s(kv[0])))
	}
	for _, kv := range config {
		out = append(out, fmt.Sprintf("  %-*s  %s", width, s(kv[0]), s(kv[1])))
	}
	return out
}

// traceLines is a stack trace: its exception and causes, or whole.
func traceLines(indent, trace string, whole bool) []string {
	lines := TraceSummary(trace)
	if whole {
		lines = strings.Split(strings.TrimSpace(trace), "\n")
	}
	var out []string
	for _, l := range lines {
		if l = strings.TrimRight(l, "\r"); l != "" {
			out = append(out, indent+Sanitize(l))
		}
	}
	return out
}

// TasksText says how a connector's tasks are: "2/3 running, 1 failed".
func TasksText(c Connector) string {
	s := fmt.Sprintf("%d/%d running", c.TasksIn("RUNNING"), len(c.Tasks))
	if n := c.TasksIn("FAILED"); n > 0 {
		s += fmt.Sprintf(", %d failed", n)
	}
	return s
}

// TopicsText is a connector's topics, escaped: "?" where the worker did
// not say, "-" for none.
func TopicsText(topics []string) string {
	if topics == nil {
		return "?"
	}
	if len(topics) == 0 {
		return "-"
	}
	names := make([]string, len(topics))
	for i, t := range topics {
		names[i] = Sanitize(t)
	}
	return strings.Join(names, ",")
}
