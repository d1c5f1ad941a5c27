package kafkatest

import (
	"context"
	"slices"

	"github.com/kscope/kscope/model"
)

// fakeRecordBytes is what each record is taken to take on disk.
const fakeRecordBytes = 120

// fakeVolume is each fake broker's one log dir's volume.
const fakeVolume = 500_000_000_000

// DiskUsage answers like kafka.Client.DiskUsage: each broker has one log
// dir, and each replica takes fakeRecordBytes a record it holds.
func (f *Fake) DiskUsage(_ context.Context, of ...model.Topic) (model.DiskUsage, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return model.DiskUsage{}, f.err
	}
	var usage model.DiskUsage
	used := map[int32]int64{}
	for _, t := range f.topics {
		if len(of) > 0 && !slices.ContainsFunc(of, func(o model.Topic) bool { return o.Name == t.Name }) {
			continue
		}
		for _, p := range t.Partitions {
			for _, r := range p.Replicas {
				bytes := p.Messages() * fakeRecordBytes
				usage.AddReplica(model.TopicPartition{Topic: t.Name, Partition: p.ID}, r, bytes)
				used[r] += bytes
			}
		}
	}
	for _, b := range f.cluster.Brokers {
		usage.Dirs = append(usage.Dirs, model.LogDir{Broker: b.ID, Path: "/var/lib/kafka/data", Used: used[b.ID],
			Total: fakeVolume, Usable: fakeVolume - used[b.ID]})
	}
	usage.SortDirs()
	return usage, nil
}
