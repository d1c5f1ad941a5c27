//go:build unix

// Command limit is the yardstick kscope's benchmarks measure against: the
// least a Go program on franz-go can do to read a topic from its start to
// the end it had when it began. A PollFetches loop that counts records
// and bytes, formats nothing, and with -contains looks for a substring in
// each value (the least a search can do). It prints what it read and its
// CPU time, so a benchmark can say "× the limit":
//
//	go run ./scripts/limit -b 127.0.0.1:9092 -topic orders [-contains paid]
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"syscall"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
)

func main() {
	brokers := flag.String("b", "127.0.0.1:9092", "bootstrap brokers, comma-separated")
	topic := flag.String("topic", "", "the topic to read")
	contains := flag.String("contains", "", "count the values holding this substring")
	flag.Parse()
	if *topic == "" {
		fmt.Fprintln(os.Stderr, "usage: limit -b BROKERS -topic TOPIC [-contains TEXT]")
		os.Exit(2)
	}
	if err := run(strings.Split(*brokers, ","), *topic, []byte(*contains)); err != nil {
		fmt.Fprintln(os.Stderr, "limit:", err)
		os.Exit(1)
	}
}

func run(brokers []string, topic string, needle []byte) error {
	ctx := context.Background()
	admin, err := kgo.NewClient(kgo.SeedBrokers(brokers...))
	if err != nil {
		return err
	}
	ends, err := kadm.NewClient(admin).ListEndOffsets(ctx, topic)
	admin.Close()
	if err != nil {
		return err
	}
	left := map[int32]int64{} // each partition's end, as it was at the start
	ends.Each(func(o kadm.ListedOffset) {
		if o.Offset > 0 {
			left[o.Partition] = o.Offset
		}
	})
	start := time.Now()
	// The metadata's minimum age is kscope's: kgo's default (5 s) made a
	// fetch that met a partition its broker did not know yet wait 5 s.
	cl, err := kgo.NewClient(kgo.SeedBrokers(brokers...), kgo.ConsumeTopics(topic), kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()),
		kgo.MetadataMinAge(500*time.Millisecond))
	if err != nil {
		return err
	}
	defer cl.Close()
	var records, size, matched int64
	for len(left) > 0 {
		fetches := cl.PollFetches(ctx)
		if err := fetches.Err0(); err != nil {
			return err
		}
		fetches.EachRecord(func(r *kgo.Record) {
			records++
			size += int64(len(r.Key) + len(r.Value))
			if len(needle) > 0 && bytes.Contains(r.Value, needle) {
				matched++
			}
			if end, ok := left[r.Partition]; ok && r.Offset+1 >= end {
				delete(left, r.Partition)
			}
		})
	}
	wall := time.Since(start)
	var use syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &use)
	cpu := time.Duration(use.Utime.Nano() + use.Stime.Nano())
	fmt.Printf("records %d bytes %d matched %d wall %.3fs cpu %.3fs\n", records, size, matched, wall.Seconds(), cpu.Seconds())
	return nil
}
