package mcpserver

import "github.com/kscope/kscope/engine"

// rangeInput is a range of a topic and the query its records must match,
// as search, copy_records and redrive_records take it.
type rangeInput struct {
	From       string  `json:"from,omitempty" jsonschema:"where the range starts: beginning (the default), an offset, -15m, an RFC 3339 time"`
	To         string  `json:"to,omitempty" jsonschema:"where the range ends, not included: end (the default, where it is when the range is read), an offset, -15m, an RFC 3339 time"`
	Where      string  `json:"where,omitempty" jsonschema:"an expression the records must satisfy"`
	Filter     string  `json:"filter,omitempty" jsonschema:"a substring (ignoring case when all lower case), or ~regex, of key, value or a header value"`
	Partitions []int32 `json:"partitions,omitempty"`
}

func (r rangeInput) parse(topic string, s *server) (engine.Range, error) {
	from, to := r.From, r.To
	if from == "" {
		from = "beginning"
	}
	if to == "" {
		to = "end"
	}
	return engine.ParseRange(topic, r.Partitions, from, to, r.Where, r.Filter, s.opts.Now())
}
