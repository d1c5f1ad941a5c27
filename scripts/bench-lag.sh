#!/usr/bin/env bash
# How long one look at every consumer group's lag takes, beside Apache
# Kafka's own kafka-consumer-groups.sh --describe --all-groups.
#
#   scripts/bench-lag.sh [GROUPS] [TOPICS] [RUNS]     (defaults: 5000 200 3)
#
# On the Apache Kafka test cluster ($KSCOPE_APACHE_KAFKA, else one it
# starts and stops; kafka-consumer-groups.sh fails on kfake, whose
# DescribeTopicPartitions answer it cannot read), it makes TOPICS topics of
# 10 partitions with 2 records each and GROUPS groups, each committed on
# every partition of one topic (lag 1 or 2, so kscope also fetches the
# time behind), with Python's confluent-kafka; checks that both report
# every group, then runs each in RUNS interleaved rounds
# (scripts/measure.py):
#   kscope lag -o json          kscope lag (the table)
#   ConsumerGroupCommand --describe --all-groups (the jars of
#   scripts/apache-kafka.sh, run as kafka-consumer-groups.sh runs it) kscope's look includes reading
# back the log of commits for its verdicts. Needs go, python3 with
# confluent-kafka, java and mvn.
set -euo pipefail
groups=${1:-5000}
topics=${2:-200}
runs=${3:-3}

cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
started=""
cleanup() { [ -n "$started" ] && scripts/apache-kafka.sh stop >/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
if [ -z "${KSCOPE_APACHE_KAFKA:-}" ]; then
  export KSCOPE_KAFKA_DIR="$tmp/kafka"
  scripts/apache-kafka.sh start >/dev/null
  started=1
  KSCOPE_APACHE_KAFKA=$KSCOPE_KAFKA_DIR
fi
addr=$(sed -n 's/^bootstrap: //p' "$KSCOPE_APACHE_KAFKA/cluster.txt")
jars=$(scripts/apache-kafka.sh jars)
kscope="$tmp/kscope"
go build -o "$kscope" .
run=bench$$

python3 scripts/shapes.py "$addr" groups "$groups" --topics "$topics" --prefix "$run" 2>/dev/null

cgc() { java -Xmx512m -cp "$jars/*" org.apache.kafka.tools.consumer.group.ConsumerGroupCommand --bootstrap-server "$addr" --describe --all-groups; }
seen=$("$kscope" lag -b "$addr" -o json | grep -o "\"group\":\"$run-group-[0-9]*\"" | sort -u | wc -l)
[ "$seen" -eq "$groups" ] || { echo "bench-lag: kscope reported $seen groups of $groups" >&2; exit 1; }
seen=$(cgc 2>"$tmp/cgc.err" | awk -v r="^$run-group-" '$1 ~ r { print $1 }' | sort -u | wc -l)
[ "$seen" -eq "$groups" ] || { echo "bench-lag: kafka-consumer-groups reported $seen groups of $groups" >&2; head -5 "$tmp/cgc.err" >&2; exit 1; }

rounds=$runs
measure() { local title=$1; shift; python3 scripts/measure.py --rounds "$rounds" --title "$title" "$@"; }
cgcline="java -Xmx512m -cp '$jars/*' org.apache.kafka.tools.consumer.group.ConsumerGroupCommand --bootstrap-server $addr --describe --all-groups"
printf 'kscope lag -o json\t%s\nkscope lag\t%s\nkafka-consumer-groups.sh\t%s\n' "$kscope lag -b $addr -o json" "$kscope lag -b $addr" "$cgcline" |
  measure "lag: $groups groups over $topics topics of 10 partitions, Apache Kafka $(basename "$jars"), 3 nodes" \
    --ratio "kscope lag -o json/kafka-consumer-groups.sh" --ratio "kscope lag/kafka-consumer-groups.sh"
