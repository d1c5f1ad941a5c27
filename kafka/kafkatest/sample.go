package kafkatest

import "github.com/kscope/kscope/model"

// Sample is a small, fixed cluster for golden screens: three brokers, a few
// topics of different shapes, one partition under-replicated and one
// without a leader.
func Sample() *Fake {
	brokers := []model.Broker{
		{ID: 0, Host: "kafka-0.example.internal", Port: 9092, Rack: "eu-west-1a"},
		{ID: 1, Host: "kafka-1.example.internal", Port: 9092, Rack: "eu-west-1b"},
		{ID: 2, Host: "kafka-2.example.internal", Port: 9092, Rack: "eu-west-1c"},
	}
	return New(model.Cluster{ID: "prod-eu", Controller: 1, Brokers: brokers},
		Topic("orders", 6, 3, 1_500, 20_000),
		Topic("payments", 3, 3, 0, 987_654),
		Topic("clickstream.events.v2.with-a-very-long-name-that-will-not-fit", 12, 2, 5, 1_234_567),
		degraded(Topic("inventory.updates", 4, 3, 10, 400)),
		Topic("audit.log", 1, 3, 0, 42),
		internal(Topic("__consumer_offsets", 50, 3, 0, 12)),
	)
}

// Topic makes a healthy topic whose partitions each hold the offsets
// [low, high), with leaders and replicas spread over brokers 0-2.
func Topic(name string, partitions, rf int, low, high int64) model.Topic {
	t := model.Topic{Name: name}
	for i := range partitions {
		var replicas []int32
		for r := range rf {
			replicas = append(replicas, int32((i+r)%3))
		}
		t.Partitions = append(t.Partitions, model.Partition{
			ID: int32(i), Leader: replicas[0], Replicas: replicas, ISR: replicas,
			Low: low, High: high + int64(i),
		})
	}
	return t
}

// degraded takes partition 1 out of sync on one replica and leaves
// partition 2 without a leader, below the topic's min.insync.replicas,
// with the replica last eligible to lead it.
func degraded(t model.Topic) model.Topic {
	t.MinISR = 2
	t.Partitions[1].ISR = t.Partitions[1].Replicas[:2]
	t.Partitions[1].Offline = t.Partitions[1].Replicas[2:]
	t.Partitions[2].Leader = -1
	t.Partitions[2].ISR = nil
	t.Partitions[2].LastKnownELR = t.Partitions[2].Replicas[:1]
	return t
}

func internal(t model.Topic) model.Topic {
	t.Internal = true
	return t
}
