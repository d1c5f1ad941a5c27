package ui

import (
	"testing"
	"time"

	"github.com/kscope/kscope/kafka/kafkatest"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/uitest"
)

// :features lists the feature levels, saying where an upgrade is
// supported; :quorum the KRaft quorum's voters and observers, the leader
// with its epoch; on a cluster with no quorum (kfake), why.
func TestFeaturesAndQuorumPanes(t *testing.T) {
	fake := kafkatest.Sample()
	fake.SetFeatures(model.Feature{Name: "group.version", Level: 1, SupportedMax: 1},
		model.Feature{Name: "metadata.version", Level: 27, SupportedMin: 7, SupportedMax: 33},
		model.Feature{Name: "kraft.version", Level: 0, SupportedMax: 1})
	app := New(fake, Options{Name: "test", Refresh: time.Hour, Now: func() time.Time { return epoch }, Location: time.UTC})
	d := uitest.Start(t, app, 120, 12)
	d.Type(":", "features", "enter")
	s := d.WaitFor("3 of 3 features", "metadata.version", "can go to 33 (kafka-features.sh upgrade)")
	t.Run("features", func(t *testing.T) { uitest.Golden(t, s) })

	d.Type(":", "quorum", "enter")
	d.WaitFor("the cluster does not describe a KRaft quorum")
	fake.SetQuorum(model.Quorum{Leader: 2, Epoch: 7, HighWatermark: 900,
		Voters:    []model.QuorumReplica{{ID: 1, LogEndOffset: 900, LastFetch: epoch.Add(-time.Second).UnixMilli()}, {ID: 2, LogEndOffset: 900, LastFetch: -1}, {ID: 3, LogEndOffset: 850, Lag: 50, LastFetch: epoch.Add(-40 * time.Second).UnixMilli()}},
		Observers: []model.QuorumReplica{{ID: 4, LogEndOffset: 899, Lag: 1, LastFetch: epoch.UnixMilli()}}})
	d.Type(":", "quorum", "enter") // opened again: fetched again
	s = d.WaitFor("4 of 4 quorum replicas", "voter, leader (epoch 7, high watermark 900)", "observer")
	t.Run("quorum", func(t *testing.T) { uitest.Golden(t, s) })
}
