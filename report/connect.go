package report

import "github.com/kscope/kscope/model"

// Connector is one Kafka Connect connector, as `kscope connect list -o
// json` and `kscope connect describe -o json` print it.
type Connector struct {
	Cluster string          `json:"cluster"`
	Name    string          `json:"name"`
	Type    string          `json:"type"`
	Class   string          `json:"class"`
	State   string          `json:"state"`
	Worker  string          `json:"worker"`
	Trace   string          `json:"trace,omitempty"`
	Tasks   []ConnectorTask `json:"tasks"`
	// Topics are those it read or wrote (KIP-558); null when the worker
	// did not say.
	Topics          []string `json:"topics"`
	DeadLetterTopic string   `json:"dead_letter_topic,omitempty"`
	// Config is its config, the values of keys that look secret hidden.
	Config map[string]string `json:"config"`
}

// ConnectorTask is one task of a connector.
type ConnectorTask struct {
	ID     int    `json:"id"`
	State  string `json:"state"`
	Worker string `json:"worker"`
	Trace  string `json:"trace,omitempty"`
}

// Connectors reports connectors of a Connect cluster.
func Connectors(cluster string, cs []model.Connector) []Connector {
	out := make([]Connector, len(cs))
	for i, c := range cs {
		r := Connector{Cluster: cluster, Name: c.Name, Type: c.Type, Class: c.Config["connector.class"], State: c.State,
			Worker: c.Worker, Trace: c.Trace, Tasks: []ConnectorTask{}, Topics: c.Topics, DeadLetterTopic: c.DeadLetterTopic(),
			Config: map[string]string{}}
		for _, t := range c.Tasks {
			r.Tasks = append(r.Tasks, ConnectorTask{ID: t.ID, State: t.State, Worker: t.Worker, Trace: t.Trace})
		}
		for _, kv := range model.MaskedConfig(c.Config) {
			r.Config[kv[0]] = kv[1]
		}
		out[i] = r
	}
	return out
}
