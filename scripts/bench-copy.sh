#!/usr/bin/env bash
# Compare `kscope copy` with kcat piped into kcat, copying the same topic.
#
#   scripts/bench-copy.sh [RECORDS] [RUNS]     (defaults: 1000000 3)
#
# It builds kscope, serves `kscope demo` on loopback, writes RECORDS records
# of 200-byte values to a topic with kcat, then times, RUNS times each, a
# copy of the whole topic into a fresh one:
#   kscope copy bench copy-N --execute
#   kcat -C -e -o beginning -t bench | kcat -P -t copy-N
# checks each copy holds every record, and prints the best time of each
# and the ratio. Needs go, kcat and awk.
set -euo pipefail
records=${1:-1000000}
runs=${2:-3}
command -v kcat >/dev/null || { echo "bench-copy: needs kcat (apt-get install kcat)" >&2; exit 1; }

bench=bench-copy
source "$(dirname "$0")/bench-lib.sh"

awk -v n="$records" 'BEGIN { for (i = 0; i < n; i++) printf "%0200d\n", i }' >"$tmp/values"
"$kscope" topic create bench -b "$addr" -p 1 >/dev/null
kcat -P -b "$addr" -t bench -l "$tmp/values"

n=0
fresh() { n=$((n + 1)); t="copy-$n"; "$kscope" topic create "$t" -b "$addr" -p 1 >/dev/null; } # sets t
count() { kcat -C -e -q -o beginning -b "$addr" -t "$1" | wc -l; }

ks=""; kc=""
for _ in $(seq "$runs"); do
	fresh
	ks+=$(timed "$kscope" copy bench "$t" -b "$addr" --execute)$'\n'
	[ "$(count "$t")" -eq "$records" ] || { echo "bench-copy: kscope copied $(count "$t") records, want $records" >&2; exit 1; }
	fresh
	kc+=$(timed sh -c "kcat -C -e -q -o beginning -b '$addr' -t bench | kcat -P -b '$addr' -t '$t'")$'\n'
	[ "$(count "$t")" -eq "$records" ] || { echo "bench-copy: kcat copied $(count "$t") records, want $records" >&2; exit 1; }
done
k=$(printf '%s' "$ks" | best)
c=$(printf '%s' "$kc" | best)
printf 'records                  %d of 200 bytes, best of %d runs\n' "$records" "$runs"
printf 'kscope copy --execute    %.2f s  %s records/s\n' "$k" "$(per "$records" "$k")"
printf 'kcat -C | kcat -P        %.2f s  %s records/s\n' "$c" "$(per "$records" "$c")"
printf 'kcat / kscope            %.2fx\n' "$(awk -v c="$c" -v k="$k" 'BEGIN { print c / k }')"
