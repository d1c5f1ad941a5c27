package pane

// Latest keeps a poll's latest good answer and the latest error: data
// already on screen stays when a refresh fails, and says so.
type Latest[T any] struct {
	Value  T
	Loaded bool
	Err    error // of the latest poll
}

// Take records a poll's answer. It reports whether the poll failed before
// any succeeded, when the error takes the rows' place.
func (l *Latest[T]) Take(a Fetched[T]) (failedFirst bool) {
	l.Err = a.Err
	if a.Err == nil {
		l.Value, l.Loaded = a.Value, true
	}
	return a.Err != nil && !l.Loaded
}

// Stale is why the data on screen is not the latest, for the summary
// line: "refresh failed: …", or "" when it is.
func (l *Latest[T]) Stale() string {
	if l.Err == nil || !l.Loaded {
		return ""
	}
	return "refresh failed: " + l.Err.Error()
}
