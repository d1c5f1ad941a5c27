#!/usr/bin/env bash
# kscope copy beside kcat piped into kcat, copying one topic into a new
# one.
#
#   scripts/bench-copy.sh [RECORDS]     (default 1000000)
#
# It serves `kscope demo` on loopback, writes RECORDS records of 200-byte
# values to a topic with kcat, checks that a copy by each holds every
# record, then in each of $BENCH_ROUNDS (5) rounds copies the whole topic
# into a fresh one (made in the command, by kscope topic create):
#   kscope copy     kscope copy bench copy-N --execute
#   kcat | kcat     kcat -C -e -o beginning -t bench | kcat -P -t copy-N
# Needs go, kcat, python3.
set -euo pipefail
records=${1:-1000000}
command -v kcat >/dev/null || { echo "bench-copy: needs kcat (apt-get install kcat)" >&2; exit 1; }

bench=bench-copy
source "$(dirname "$0")/bench-lib.sh"

awk -v n="$records" 'BEGIN { for (i = 0; i < n; i++) printf "%0200d\n", i }' >"$tmp/values"
"$kscope" topic create bench -b "$addr" -p 1 >/dev/null
kcat -P -b "$addr" -t bench -l "$tmp/values"

# Each command copies into a topic of its own, named by the clock.
fresh='t=copy-$(date +%s%N); '"$kscope"' topic create $t -b '"$addr"' -p 1 >/dev/null'
kcopy="$fresh && $kscope copy bench \$t -b $addr --execute && echo \$t"
kpipe="$fresh && kcat -C -e -q -o beginning -b $addr -t bench | kcat -P -b $addr -t \$t && echo \$t"
for c in "$kcopy" "$kpipe"; do
  t=$(bash -c "$c" 2>/dev/null | tail -1)
  n=$(kcat -C -e -q -o beginning -b "$addr" -t "$t" | wc -l)
  [ "$n" -eq "$records" ] || { echo "bench-copy: $t holds $n records, want $records" >&2; exit 1; }
done

printf 'kscope copy\t%s\nkcat | kcat\t%s\n' "$kcopy" "$kpipe" |
  measure "copy: $records records of 200 bytes, 1 partition, into a new topic" --ratio "kscope copy/kcat | kcat"
