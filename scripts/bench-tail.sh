#!/usr/bin/env bash
# Compare `kscope tail` with kcat reading the same topic end to end.
#
#   scripts/bench-tail.sh [RECORDS] [RUNS]     (defaults: 1000000 3)
#
# It builds kscope, serves `kscope demo` on loopback, writes RECORDS records
# of 200-byte values to a new topic with kcat, then times, RUNS times each:
#   kscope tail bench --from beginning --exit-at-end -o json > /dev/null
#   kcat -C -J -e -o beginning -t bench > /dev/null
# and prints the best time of each and the ratio. For context it also times
# kcat's default output (values only, no JSON), which does less work.
# Needs go, kcat and awk.
set -euo pipefail
records=${1:-1000000}
runs=${2:-3}
command -v kcat >/dev/null || { echo "bench-tail: needs kcat (apt-get install kcat)" >&2; exit 1; }

bench=bench-tail
source "$(dirname "$0")/bench-lib.sh"

# Unique 200-byte values: a number padded with zeros.
awk -v n="$records" 'BEGIN { for (i = 0; i < n; i++) printf "%0200d\n", i }' >"$tmp/values"
kcat -P -b "$addr" -t bench -l "$tmp/values"

lines=$("$kscope" tail bench -b "$addr" --from beginning --exit-at-end -o json | wc -l)
[ "$lines" -eq "$records" ] || { echo "bench-tail: kscope printed $lines records, want $records" >&2; exit 1; }
lines=$(kcat -C -J -e -q -o beginning -b "$addr" -t bench | wc -l)
[ "$lines" -eq "$records" ] || { echo "bench-tail: kcat printed $lines records, want $records" >&2; exit 1; }

k=$(for _ in $(seq "$runs"); do timed "$kscope" tail bench -b "$addr" --from beginning --exit-at-end -o json; done | best)
c=$(for _ in $(seq "$runs"); do timed kcat -C -J -e -q -o beginning -b "$addr" -t bench; done | best)
p=$(for _ in $(seq "$runs"); do timed kcat -C -e -q -o beginning -b "$addr" -t bench; done | best)
printf 'records                 %d of 200 bytes, best of %d runs\n' "$records" "$runs"
printf 'kscope tail -o json     %.2f s  %s records/s\n' "$k" "$(per "$records" "$k")"
printf 'kcat -C -J              %.2f s  %s records/s\n' "$c" "$(per "$records" "$c")"
printf 'kcat -C (values only)   %.2f s  %s records/s\n' "$p" "$(per "$records" "$p")"
printf 'kcat -J / kscope        %.2fx\n' "$(awk -v c="$c" -v k="$k" 'BEGIN { print c / k }')"
