// Package partitions is the pane that shows one topic's partitions: where
// their replicas live and which offsets they hold.
package partitions

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/pane"
	"github.com/kscope/kscope/ui/table"
	"github.com/kscope/kscope/ui/theme"
)

// Describer describes topics by name, and lists some partitions'
// watermarks anew.
type Describer interface {
	Topics(ctx context.Context, names ...string) ([]model.Topic, error)
	Watermarks(ctx context.Context, t model.Topic) (model.Topic, error)
}

// Columns are the pane's columns, as the config's columns: names them.
var Columns = []table.Column{
	{Title: "PARTITION", Width: 9, Align: table.Right},
	{Title: "LEADER", Width: 6, Align: table.Right},
	{Title: "REPLICAS", Width: 8, Flex: true},
	{Title: "ISR", Width: 8, Flex: true},
	{Title: "ELR", Width: 5, Flex: true},
	{Title: "OFFLINE", Width: 7, Flex: true},
	{Title: "LOW", Width: 11, Align: table.Right},
	{Title: "HIGH", Width: 11, Align: table.Right},
	{Title: "MESSAGES", Width: 11, Align: table.Right},
	{Title: "SIZE", Width: 8, Align: table.Right},
}

// New makes the pane for the named topic: a list of its partitions under
// what the topic adds up to.
func New(c pane.Common, d Describer, topic string) *pane.List[model.Partition] {
	k := c.Keys
	// The latest whole answer: what Refetch asks about, off the event
	// loop, and how many partitions the topic has, for its actions.
	var whole atomic.Pointer[model.Topic]
	// The topic's min.insync.replicas, from its latest description (0:
	// unknown), which a partition's row and the summary are judged by,
	// and whether it has remote storage.
	var minISR atomic.Int64
	var tiered atomic.Bool
	spec := pane.ListSpec[model.Partition]{
		Name:    "topic",
		Title:   model.Sanitize(topic),
		Heading: topic,
		Noun:    "partitions",
		Columns: Columns,
		Fetch: func(ctx context.Context) ([]model.Partition, error) {
			ts, err := pane.SizedTopics(ctx, d, topic)
			if err != nil {
				return nil, err
			}
			for _, t := range ts {
				if t.Name == topic {
					minISR.Store(int64(t.MinISR))
					tiered.Store(t.Tiered)
					return t.Partitions, t.Err
				}
			}
			return nil, fmt.Errorf("topic %q does not exist", topic)
		},
		// The rows on screen are fetched at every refresh, health and
		// watermarks both, so a broker's return shows within a refresh.
		// Only a topic of more than a thousand partitions has its
		// metadata and sizes at a pace, and the rows on screen their
		// watermarks alone: 50,000 partitions cost what a screenful does.
		Key: partitionKey,
		Refetch: func(ctx context.Context, keys []string) ([]model.Partition, error) {
			if w := whole.Load(); w == nil || len(w.Partitions) <= healthEveryRefresh {
				ts, err := d.Topics(ctx, topic)
				if err != nil || len(ts) != 1 || ts[0].Err != nil {
					return nil, cmp.Or(err, topicErr(ts))
				}
				minISR.Store(int64(ts[0].MinISR))
				return onScreen(ts[0], keys, whole.Load()), nil
			}
			on := model.Topic{Name: topic}
			if w := whole.Load(); w != nil {
				for _, key := range keys {
					id, _ := strconv.Atoi(key)
					if p := w.Partition(int32(id)); p != nil {
						on.Partitions = append(on.Partitions, *p)
					}
				}
			}
			t, err := d.Watermarks(ctx, on)
			return t.Partitions, err
		},
		Take: func(ps []model.Partition, _ time.Time, all bool) ([]model.Partition, tea.Cmd) {
			if all {
				whole.Store(&model.Topic{Name: topic, Partitions: ps})
			}
			return ps, nil
		},
		Row: func(p model.Partition, _ time.Time) table.Row {
			return row(p, int(minISR.Load()))
		},
		Empty: "the topic has no partitions",
		Summary: func(ps []model.Partition, _ time.Time, th *theme.Theme) string {
			return summary(model.Topic{Partitions: ps, MinISR: int(minISR.Load()), Tiered: tiered.Load()}, th)
		},
		Keys: []pane.ListKey[model.Partition]{
			{Binding: k.Topics.Tail, Do: pane.OnSelected(func(p model.Partition) tea.Msg {
				return pane.OpenTailMsg{Topic: topic, Partitions: []int32{p.ID}}
			})},
			{Binding: k.Topics.Consumers, Do: pane.Always[model.Partition](pane.OpenGroupsMsg{Topic: topic})},
			{Binding: k.Topics.Producers, Do: pane.Always[model.Partition](pane.OpenProducersMsg{Topic: topic})},
		},
	}
	spec.Keys = append(spec.Keys, pane.TopicActs(k.Act, func(model.Partition) (string, int) {
		if w := whole.Load(); w != nil {
			return topic, len(w.Partitions)
		}
		return topic, 0
	})...)
	return pane.NewList(c, spec)
}

// healthEveryRefresh is the most partitions a topic may have for its rows
// on screen to have their leader, ISR and offline replicas asked at every
// refresh: one metadata answer of the topic, a few kilobytes here.
const healthEveryRefresh = 1000

// onScreen is the partitions of t that keys name, with the sizes the
// latest whole answer (sized, at its pace) gave them.
func onScreen(t model.Topic, keys []string, whole *model.Topic) []model.Partition {
	out := make([]model.Partition, 0, len(keys))
	for _, key := range keys {
		id, _ := strconv.Atoi(key)
		p := t.Partition(int32(id))
		if p == nil {
			continue
		}
		fresh := *p
		if whole != nil {
			if w := whole.Partition(fresh.ID); w != nil {
				fresh.Sized, fresh.Bytes, fresh.ReplicaBytes = w.Sized, w.Bytes, w.ReplicaBytes
			}
		}
		out = append(out, fresh)
	}
	return out
}

func topicErr(ts []model.Topic) error {
	if len(ts) == 1 {
		return ts[0].Err
	}
	return errors.New("the topic was not described")
}

// row is a partition's row. Below min.insync.replicas is as bad as no
// leader: producers with acks=all are refused either way.
func row(p model.Partition, minISR int) table.Row {
	low, high, msgs := "?", "?", "?"
	if p.Low >= 0 && p.High >= 0 {
		low, high, msgs = model.Count(p.Low), model.Count(p.High), model.Count(p.Messages())
	}
	leader := "none"
	if p.Leader >= 0 {
		leader = strconv.Itoa(int(p.Leader))
	}
	return table.Row{
		Key:   partitionKey(p),
		Cells: []string{strconv.Itoa(int(p.ID)), leader, pane.IDs(p.Replicas), pane.IDs(p.ISR), eligible(p), pane.IDs(p.Offline), low, high, msgs, pane.Size(p.Bytes, p.Sized)},
		Tone:  pane.ToneOf(p.Leader < 0 || p.BelowMinISR(minISR), p.UnderReplicated() || len(p.Offline) > 0 || p.Err != nil),
	}
}

// eligible is a partition's eligible leader replicas, and the last known
// ones when there are any: who may lead without loss once all in the
// ISR are gone.
func eligible(p model.Partition) string {
	if len(p.LastKnownELR) == 0 {
		return pane.IDs(p.ELR)
	}
	return pane.IDs(p.ELR) + " last " + pane.IDs(p.LastKnownELR)
}

func partitionKey(p model.Partition) string { return strconv.Itoa(int(p.ID)) }

// summary is what the topic adds up to: replication, messages, its
// partitions in trouble, and its size last, as the least pressing.
func summary(t model.Topic, th *theme.Theme) string {
	head := fmt.Sprintf("RF %d · %s messages", t.ReplicationFactor(), model.Count(t.Messages()))
	if t.MinISR > 0 {
		head = fmt.Sprintf("RF %d · min ISR %d · %s messages", t.ReplicationFactor(), t.MinISR, model.Count(t.Messages()))
	}
	parts := []string{th.Muted.Render(head)}
	if t.Tiered {
		parts = append(parts, th.Muted.Render(fmt.Sprintf("remote storage: %s records in it alone", model.Count(t.RemoteOnly()))))
	}
	if n := t.UnderReplicated(); n > 0 {
		parts = append(parts, th.Warn.Render(fmt.Sprintf("%d under-replicated", n)))
	}
	if n := t.BelowMinISR(); n > 0 {
		parts = append(parts, th.Error.Render(fmt.Sprintf("%d below min ISR %d", n, t.MinISR)))
	}
	if n := t.Leaderless(); n > 0 {
		parts = append(parts, th.Error.Render(fmt.Sprintf("%d without leader", n)))
	}
	if leaders, replicas, sized := t.Bytes(); sized {
		parts = append(parts, th.Muted.Render(fmt.Sprintf("%s (%s with replicas)", pane.Bytes(int(leaders)), pane.Bytes(int(replicas)))))
	}
	return strings.Join(parts, th.Muted.Render(" · "))
}
