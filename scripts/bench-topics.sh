#!/usr/bin/env bash
# How long `kscope topics` takes, and its peak RSS, on a cluster of many
# partitions, beside kaf (a Kafka CLI in Go) in the same run.
#
#   KAF=/path/to/kaf scripts/bench-topics.sh [PARTITIONS]   (default 100000)
#
# It serves a fresh `kscope demo` (three nodes, no traffic), makes
# PARTITIONS/10 topics of 10 partitions with Python's confluent-kafka,
# then runs each command in each of $BENCH_ROUNDS (5) rounds, output to
# /dev/null (scripts/measure.py):
#   kscope topics -o json   (metadata, watermarks and log dirs)
#   kscope topics           (the same, as a table)
#   kaf topics              (metadata alone: name, partitions, replicas)
# kaf is not packaged: scripts/peers.sh builds it from its repository;
# without $KAF kscope alone is measured. Needs go, python3 with
# confluent-kafka.
set -euo pipefail
partitions=${1:-100000}

bench=bench-topics
demo_nodes=3
source "$(dirname "$0")/bench-lib.sh"
python3 scripts/shapes.py "$addr" partitions "$partitions" 2>/dev/null

{
  printf 'kscope topics -o json\t%s\n' "$kscope -b $addr topics -o json"
  printf 'kscope topics\t%s\n' "$kscope -b $addr topics"
  if [ -n "${KAF:-}" ]; then
    printf 'kaf topics\t%s\n' "HOME=$tmp $KAF -b $addr topics"
  fi
} | if [ -n "${KAF:-}" ]; then
  measure "topics: $partitions partitions in $((partitions / 10)) topics, 3 nodes" --ratio "kscope topics -o json/kaf topics" --ratio "kscope topics/kaf topics"
else
  measure "topics: $partitions partitions in $((partitions / 10)) topics, 3 nodes (no \$KAF: kscope alone)"
fi
