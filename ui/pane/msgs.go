package pane

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/kscope/kscope/keymap"
	"github.com/kscope/kscope/model"
)

// OpenTopicMsg asks the root to show a topic's partitions.
type OpenTopicMsg struct{ Topic string }

// OpenTailMsg asks the root to tail a topic, or some of its partitions,
// from the end unless Start says where.
type OpenTailMsg struct {
	Topic      string
	Partitions []int32
	Start      *model.Start
	// AtFirst opens it on its first record, selected, and not following:
	// the record a group's consumer is stuck on, to read, not to scroll
	// past.
	AtFirst bool
}

// PromptMsg asks the root to open the command line with Text typed, for
// the user to finish: ":search orders ".
type PromptMsg struct{ Text string }

// OpenGroupsMsg asks the root to show the consumer groups of a topic.
type OpenGroupsMsg struct{ Topic string }

// OpenGroupMsg asks the root to show one consumer group: its lag on Topic
// alone, when set.
type OpenGroupMsg struct{ Group, Topic string }

// OpenProducersMsg asks the root to show the producers writing to a topic.
type OpenProducersMsg struct{ Topic string }

// DoneMsg asks the root to close the pane on top, saying how it went; an
// empty Notice says nothing.
type DoneMsg struct{ Notice string }

// NoticeMsg asks the root to say something on the status line: a pane
// refusing an action, say.
type NoticeMsg struct{ Text string }

// Action is something a user does to the cluster.
type Action int

const (
	Produce Action = iota
	CreateTopic
	DeleteTopic
	AddPartitions
	ShowConfigs
	SetConfig
	ResetOffsets
	DeleteGroup
	CreateACL
	DeleteACL
	AbortTransaction // a transactional id's open transaction, on every partition it holds open
	AbortProducer    // a producer's open transaction on one partition
	SetQuota         // Quota's limits, or a new entity's when Quota is nil
	RemoveQuota
	SetPassword // of User, or a new user's when User is empty
	DeleteUser
	SendRecords // Records, to a topic the dialog asks for
	DeleteRecords
	ElectLeaders
	DeleteOffsets // a group's commits on one of Topics
	Balance       // propose and start moves that spread the brokers' load
	CancelMove    // of Moving
	ClearThrottle // the replication throttle, once nothing moves
)

// Writes reports whether the action changes the cluster.
func (a Action) Writes() bool { return a != ShowConfigs }

// ActMsg asks the root for an action's dialog; the root refuses writes in
// read-only mode.
type ActMsg struct {
	Action     Action
	Topic      string
	Group      string
	Topics     []string          // the group's topics, for a reset
	Partitions int               // the topic's partition count now
	Record     *model.Record     // a record to produce again, edited
	Owner      model.ConfigOwner // whose configs, to show or set
	Config     model.ConfigEntry
	ACL        model.ACL
	// Transaction and Producer name what to abort.
	Transaction model.Transaction
	Producer    model.Producer
	Quota       *model.Quota
	User        string // a SCRAM user
	Records     []model.Record
	Moving      model.Moving // a partition being reassigned
}

// Cmd wraps a message in a command.
func Cmd(msg tea.Msg) tea.Cmd { return func() tea.Msg { return msg } }

// ClusterMsg carries the latest cluster metadata, with every broker seen
// this session. The root polls it for the header and passes it on to the
// pane on top.
type ClusterMsg struct {
	Cluster model.Cluster
	Brokers []model.BrokerStatus
	Err     error // the latest poll failed: the cluster is unreachable
}

// TopicActs are the keys of the actions on a topic (produce, configs,
// add partitions, delete, delete records, elect leaders), for a list
// whose items name one: of gives the selected item's topic and its
// partition count.
func TopicActs[T any](k keymap.Act, of func(T) (topic string, partitions int)) []ListKey[T] {
	act := func(b key.Binding, a Action) ListKey[T] {
		return ListKey[T]{Binding: b, Do: OnSelected(func(item T) tea.Msg {
			topic, partitions := of(item)
			return ActMsg{Action: a, Topic: topic, Partitions: partitions, Owner: model.TopicConfigs(topic)}
		})}
	}
	return []ListKey[T]{act(k.Produce, Produce), act(k.Configs, ShowConfigs), act(k.Grow, AddPartitions), act(k.Delete, DeleteTopic),
		act(k.DeleteRecords, DeleteRecords), act(k.Elect, ElectLeaders)}
}
