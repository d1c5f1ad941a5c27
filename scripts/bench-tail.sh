#!/usr/bin/env bash
# Compare `kscope tail` with kcat reading the same topic end to end.
#
#   scripts/bench-tail.sh [RECORDS] [RUNS] [PARTITIONS]   (defaults: 1000000 3 1)
#
# It builds kscope, serves `kscope demo` on loopback, writes RECORDS records
# of 200-byte values to a new topic of PARTITIONS partitions with kcat,
# then times, RUNS times each:
#   kscope tail bench --from beginning --exit-at-end -o json > /dev/null
#   kcat -C -J -e -o beginning -t bench > /dev/null
# and prints the best time of each, the ratio, and the peak RSS of each
# (least and most over the runs). For context it also times kcat's default
# output (values only, no JSON), which does less work. Needs go, kcat,
# awk and GNU time (/usr/bin/time).
set -euo pipefail
records=${1:-1000000}
runs=${2:-3}
partitions=${3:-1}
command -v kcat >/dev/null || { echo "bench-tail: needs kcat (apt-get install kcat)" >&2; exit 1; }

bench=bench-tail
source "$(dirname "$0")/bench-lib.sh"

# Unique 200-byte values: a number padded with zeros.
awk -v n="$records" 'BEGIN { for (i = 0; i < n; i++) printf "%0200d\n", i }' >"$tmp/values"
"$kscope" topic create bench -b "$addr" --partitions "$partitions" >/dev/null
kcat -P -b "$addr" -t bench -l "$tmp/values"

lines=$("$kscope" tail bench -b "$addr" --from beginning --exit-at-end -o json | wc -l)
[ "$lines" -eq "$records" ] || { echo "bench-tail: kscope printed $lines records, want $records" >&2; exit 1; }
lines=$(kcat -C -J -e -q -o beginning -b "$addr" -t bench | wc -l)
[ "$lines" -eq "$records" ] || { echo "bench-tail: kcat printed $lines records, want $records" >&2; exit 1; }

# rss CMD...: the command's peak RSS in MB, output discarded.
rss() { /usr/bin/time -f %M -o "$tmp/rss" "$@" >/dev/null 2>&1; awk '{ printf "%.0f\n", $1 / 1024 }' "$tmp/rss"; }
span() { sort -n | awk 'NR == 1 { lo = $1 } { hi = $1 } END { print lo "-" hi }'; }
ktail=("$kscope" tail bench -b "$addr" --from beginning --exit-at-end -o json)
kcatj=(kcat -C -J -e -q -o beginning -b "$addr" -t bench)
k=$(for _ in $(seq "$runs"); do timed "${ktail[@]}"; done | best)
c=$(for _ in $(seq "$runs"); do timed "${kcatj[@]}"; done | best)
p=$(for _ in $(seq "$runs"); do timed kcat -C -e -q -o beginning -b "$addr" -t bench; done | best)
km=$(for _ in $(seq "$runs"); do rss "${ktail[@]}"; done | span)
cm=$(for _ in $(seq "$runs"); do rss "${kcatj[@]}"; done | span)
printf 'records                 %d of 200 bytes in %d partitions, best of %d runs\n' "$records" "$partitions" "$runs"
printf 'kscope tail -o json     %.2f s  %s records/s  peak RSS %s MB\n' "$k" "$(per "$records" "$k")" "$km"
printf 'kcat -C -J              %.2f s  %s records/s  peak RSS %s MB\n' "$c" "$(per "$records" "$c")" "$cm"
printf 'kcat -C (values only)   %.2f s  %s records/s\n' "$p" "$(per "$records" "$p")"
printf 'kcat -J / kscope        %.2fx\n' "$(awk -v c="$c" -v k="$k" 'BEGIN { print c / k }')"
