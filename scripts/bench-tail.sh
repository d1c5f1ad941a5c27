#!/usr/bin/env bash
# kscope tail beside kcat and beside the limit, reading one topic end to
# end.
#
#   scripts/bench-tail.sh [RECORDS] [PARTITIONS]   (defaults: 1000000 1)
#
# It serves `kscope demo` on loopback, writes RECORDS records of 200-byte
# values to a new topic of PARTITIONS partitions with kcat, checks that
# each tool reads them all, then runs in each of $BENCH_ROUNDS (5) rounds,
# output to /dev/null:
#   limit    the least a franz-go program does (scripts/limit)
#   kscope   kscope tail bench --from beginning --exit-at-end -o json
#   kcat -J  kcat -C -J -e -o beginning (JSON, as kscope writes)
#   kcat     kcat -C -e -o beginning (the values alone, no JSON)
# and prints each one's CPU, wall time and peak RSS, with kscope's ratios
# to the others round by round (scripts/measure.py). Needs go, kcat,
# python3.
set -euo pipefail
records=${1:-1000000}
partitions=${2:-1}
command -v kcat >/dev/null || { echo "bench-tail: needs kcat (apt-get install kcat)" >&2; exit 1; }

bench=bench-tail
source "$(dirname "$0")/bench-lib.sh"

# Unique 200-byte values: a number padded with zeros.
awk -v n="$records" 'BEGIN { for (i = 0; i < n; i++) printf "%0200d\n", i }' >"$tmp/values"
"$kscope" topic create bench -b "$addr" --partitions "$partitions" >/dev/null
kcat -P -b "$addr" -t bench -l "$tmp/values"

ktail="$kscope tail bench -b $addr --from beginning --exit-at-end -o json"
kcatj="kcat -C -J -e -q -o beginning -b $addr -t bench"
kcatv="kcat -C -e -q -o beginning -b $addr -t bench"
for c in "$ktail" "$kcatj" "$kcatv"; do
  lines=$($c | wc -l)
  [ "$lines" -eq "$records" ] || { echo "bench-tail: $c printed $lines records, want $records" >&2; exit 1; }
done
read -r read _ < <("$limit" -b "$addr" -topic bench | awk '{ print $2 }')
[ "$read" -eq "$records" ] || { echo "bench-tail: the limit read $read records, want $records" >&2; exit 1; }

printf 'limit\t%s\nkscope\t%s\nkcat -J\t%s\nkcat\t%s\n' "$limit -b $addr -topic bench" "$ktail" "$kcatj" "$kcatv" |
  measure "tail: $records records of 200 bytes, $partitions partition$([ "$partitions" = 1 ] || echo s)" \
    --ratio kscope/limit --ratio "kscope/kcat -J" --ratio kscope/kcat
