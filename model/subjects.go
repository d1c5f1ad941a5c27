package model

import "strings"

// Subject is a Schema Registry subject: a name under which versions of a
// schema are registered.
type Subject struct {
	Name     string
	Type     string // of its latest version: AVRO, PROTOBUF or JSON
	Versions int
	Latest   int // the latest version
	LatestID int // the schema id of the latest version
	// Compatibility is the subject's own level, or the registry's
	// default with Inherited set.
	Compatibility string
	Inherited     bool
	Err           error // why the subject could not be read whole
}

// TopicLabel is the topic the subject serves, and which part, as
// "orders (value)", or "-" for a subject named otherwise.
func (s Subject) TopicLabel() string {
	if t, part, ok := SubjectTopic(s.Name); ok {
		return Sanitize(t) + " (" + part + ")"
	}
	return "-"
}

// CompatibilityLabel is the subject's compatibility level, marked when
// it is the registry's default.
func (s Subject) CompatibilityLabel() string {
	if s.Inherited {
		return s.Compatibility + " (default)"
	}
	return s.Compatibility
}

// SubjectTopic is the topic a subject serves under Confluent's default
// TopicNameStrategy ("orders-value" is the values of orders), and which
// part; ok is false for subjects named otherwise.
func SubjectTopic(subject string) (topic, part string, ok bool) {
	for _, part := range []string{"value", "key"} {
		if t, found := strings.CutSuffix(subject, "-"+part); found && t != "" {
			return t, part, true
		}
	}
	return "", "", false
}

// SchemaVersion is one version of a subject.
type SchemaVersion struct {
	Subject    string
	Version    int
	ID         int
	Type       string
	Text       string // as the registry keeps it
	References []SchemaReference
}

// SchemaReference names a schema another uses: an Avro named type, a
// Protobuf import.
type SchemaReference struct {
	Name    string
	Subject string
	Version int
}
