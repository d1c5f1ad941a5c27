package model

// ClientMetrics is a client-metrics subscription (KIP-714): which
// clients (Match: client_id=, client_software_name=, ... patterns; none:
// every client) push which metrics (by name prefix) how often.
type ClientMetrics struct {
	Name       string
	Metrics    []string
	IntervalMs int
	Match      []string
}
