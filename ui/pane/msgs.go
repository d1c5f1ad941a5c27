package pane

import (
	tea "charm.land/bubbletea/v2"

	"github.com/kscope/kscope/model"
)

// OpenTopicMsg asks the root to show a topic's partitions.
type OpenTopicMsg struct{ Topic string }

// OpenTailMsg asks the root to tail a topic, or some of its partitions.
type OpenTailMsg struct {
	Topic      string
	Partitions []int32
}

// OpenGroupsMsg asks the root to show the consumer groups of a topic.
type OpenGroupsMsg struct{ Topic string }

// TickMsg comes to the pane on top once a second, for what ages: rates,
// "3s ago".
type TickMsg struct{}

// Cmd wraps a message in a command.
func Cmd(msg tea.Msg) tea.Cmd { return func() tea.Msg { return msg } }

// ClusterMsg carries the latest cluster metadata, with every broker seen
// this session. The root polls it for the header and passes it on to the
// pane on top.
type ClusterMsg struct {
	Cluster model.Cluster
	Brokers []model.BrokerStatus
}
