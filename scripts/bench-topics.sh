#!/usr/bin/env bash
# How long `kscope topics` takes, and its peak RSS, on a cluster of many
# partitions, beside kaf (a Kafka CLI in Go) in the same run.
#
#   KAF=/path/to/kaf scripts/bench-topics.sh [PARTITIONS] [RUNS]   (defaults: 100000 5)
#
# It serves a fresh `kscope demo` (three nodes, no traffic), makes
# PARTITIONS/10 topics of 10 partitions with Python's confluent-kafka,
# then runs each command RUNS times, output to /dev/null, and prints the
# best time and the least and most peak RSS:
#   kscope topics -o json   (metadata, watermarks and log dirs)
#   kscope topics           (the same, as a table)
#   kaf topics              (metadata alone: name, partitions, replicas)
# kaf is not packaged: build it from its repository (go build ./cmd/kaf);
# without $KAF kscope alone is measured. Needs go, python3 with
# confluent-kafka, GNU time.
set -euo pipefail
partitions=${1:-100000}
runs=${2:-5}

bench=bench-topics
demo_nodes=3
source "$(dirname "$0")/bench-lib.sh"
python3 scripts/shapes.py "$addr" partitions "$partitions" 2>/dev/null

# measure NAME CMD...: best time and the span of peak RSS over the runs.
measure() {
  local name=$1
  shift
  for _ in $(seq "$runs"); do
    /usr/bin/time -f '%e %M' -o "$tmp/t" "$@" >/dev/null 2>&1
    cat "$tmp/t"
  done | awk -v name="$name" '
    NR == 1 || $1 < t { t = $1 }
    NR == 1 || $2 < lo { lo = $2 }
    NR == 1 || $2 > hi { hi = $2 }
    END { printf "%-24s %6.2f s   peak RSS %d-%d MB\n", name, t, lo / 1024, hi / 1024 }'
}
printf '%d partitions in %d topics, best of %d runs\n' "$partitions" $((partitions / 10)) "$runs"
measure "kscope topics -o json" "$kscope" -b "$addr" topics -o json
measure "kscope topics" "$kscope" -b "$addr" topics
if [ -n "${KAF:-}" ]; then
  HOME=$tmp measure "kaf topics" "$KAF" -b "$addr" topics
fi
