package kafkatest

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/kscope/kscope/model"
)

// SetGroups replaces the consumer groups the fake reports.
func (f *Fake) SetGroups(gs ...model.Group) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.groups = slices.Clone(gs)
}

// SetCommitLog makes the fake keep a log of commits, which log writes for
// the seed times it is asked for.
func (f *Fake) SetCommitLog(log func(times []time.Time) model.CommitLog) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.commits = log
}

// CommitLog answers like kafka.Client.CommitLog: what SetCommitLog gave,
// or model.ErrNoCommitLog, as kfake does.
func (f *Fake) CommitLog(_ context.Context, _ []model.Group, times []time.Time) (model.CommitLog, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.commits == nil {
		return model.CommitLog{}, model.ErrNoCommitLog
	}
	return f.commits(times), nil
}

// Groups answers like kafka.Client.Groups: all groups by name, or the
// named ones, an unknown name coming back Dead and empty as Kafka says.
func (f *Fake) Groups(_ context.Context, names ...string) ([]model.Group, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return nil, f.err
	}
	out := slices.Clone(f.groups)
	if len(names) > 0 {
		out = out[:0]
		for _, n := range names {
			i := slices.IndexFunc(f.groups, func(g model.Group) bool { return g.Name == n })
			if i < 0 {
				out = append(out, model.Group{Name: n, State: "Dead"})
				continue
			}
			out = append(out, f.groups[i])
		}
	}
	slices.SortFunc(out, func(a, b model.Group) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}

// Group builds a group consuming topic with the given committed and end
// offsets per partition (committed -1 for none), its partitions shared out
// round-robin among members named <name>-1, <name>-2…
func Group(name, state string, members int, topic string, offsets ...[2]int64) model.Group {
	g := model.Group{Name: name, State: state, Protocol: "cooperative-sticky", ProtocolType: "consumer", Type: "classic"}
	for i := range members {
		g.Members = append(g.Members, model.GroupMember{
			ID: name + "-member-" + string(rune('a'+i)), ClientID: name + "-" + string(rune('1'+i)), Host: "/10.0.0." + string(rune('1'+i)),
		})
	}
	for p, o := range offsets {
		pl := model.PartitionLag{TopicPartition: model.TopicPartition{Topic: topic, Partition: int32(p)}, Committed: o[0], End: o[1], Lag: -1}
		if o[0] >= 0 {
			pl.Lag = max(o[1]-o[0], 0)
		}
		if members > 0 {
			m := &g.Members[p%members]
			m.Assigned = append(m.Assigned, pl.TopicPartition)
			pl.Member = m
		}
		g.Partitions = append(g.Partitions, pl)
	}
	return g
}

// IdleCommitLog is a log of commits in which the memberless groups among
// groups made no commit in the whole span, their partitions' ends as they
// are now, and which says nothing of the other groups: what a real
// cluster's log tells of a group that stopped long ago, so it is judged
// STOPPED at the first look.
func IdleCommitLog(groups ...model.Group) func(times []time.Time) model.CommitLog {
	return func(times []time.Time) model.CommitLog {
		log := model.CommitLog{Complete: true, Times: times, Ends: map[model.TopicPartition][]int64{}}
		if len(times) > 0 {
			log.Since = times[0]
		}
		for _, g := range groups {
			if len(g.Members) > 0 {
				continue
			}
			for _, p := range g.Partitions {
				ends := make([]int64, len(times))
				for i := range ends {
					ends[i] = p.End
				}
				log.Ends[p.TopicPartition] = ends
			}
		}
		return log
	}
}
