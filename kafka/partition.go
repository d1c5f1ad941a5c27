package kafka

import "github.com/twmb/franz-go/pkg/kgo"

// keyPartitioner is Kafka's default for keyed records: murmur2 of the key,
// its sign bit cleared, modulo the partitions. franz-go's StickyKeyPartitioner
// with no hasher is exactly that, as are the Java client's default and
// librdkafka's murmur2_random.
var keyPartitioner = kgo.StickyKeyPartitioner(nil).ForTopic("")

// KeyPartition is the partition of partitions that Kafka's default
// partitioner writes key to.
func KeyPartition(key []byte, partitions int) int32 {
	return int32(keyPartitioner.Partition(&kgo.Record{Key: key}, partitions))
}
