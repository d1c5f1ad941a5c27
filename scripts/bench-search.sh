#!/usr/bin/env bash
# How fast `kscope search` scans a topic, beside kcat piping to grep.
#
#   scripts/bench-search.sh [RECORDS] [RUNS]     (defaults: 5000000 3)
#
# It serves `kscope demo`, writes RECORDS JSON records of about 200 bytes
# to a one-partition topic and RECORDS/10 keyed ones to a 12-partition
# topic with kcat, then times, RUNS times each, output to /dev/null:
#   kscope search bench --filter NEEDLE          kcat -C -e | grep NEEDLE
#   kscope search bench --where EXPR             (the same grep: kcat has no expressions)
#   kscope search keyed --key K                  kcat -C -e | grep K
# and checks that each finds what grep finds. Needs go, kcat and awk.
set -euo pipefail
records=${1:-5000000}
runs=${2:-3}
command -v kcat >/dev/null || { echo "bench-search: needs kcat (apt-get install kcat)" >&2; exit 1; }

bench=bench-search
source "$(dirname "$0")/bench-lib.sh"

# About 200 bytes: an id, a status, a total, and padding. Every 100,000th
# record carries the needle.
awk -v n="$records" 'BEGIN { for (i = 0; i < n; i++) {
  s = (i % 3 == 0) ? "paid" : "created"; tag = (i % 100000 == 7) ? "needle" : "plain"
  printf "{\"id\":%d,\"status\":\"%s\",\"total\":%d,\"tag\":\"%s\",\"pad\":\"%0130d\"}\n", i, s, i % 1000, tag, i } }' >"$tmp/values"
"$kscope" topic create bench -b "$addr" -p 1 >/dev/null
kcat -P -b "$addr" -t bench -l "$tmp/values"
keyed=$((records / 10))
awk -v n="$keyed" 'BEGIN { for (i = 0; i < n; i++) printf "key-%d\t{\"i\":%d}\n", i % 50000, i }' >"$tmp/keyed"
"$kscope" topic create keyed -b "$addr" -p 12 >/dev/null
kcat -P -b "$addr" -t keyed -K '\t' -X partitioner=murmur2_random -l "$tmp/keyed"

same() { # same WHAT KSCOPE_COUNT GREP_COUNT
  [ "$2" -eq "$3" ] || { echo "bench-search: $1: kscope found $2, grep $3" >&2; exit 1; }
}
where='value.tag == "needle" && value.total < 500'
same filter "$("$kscope" search bench -b "$addr" --filter needle 2>/dev/null | wc -l)" "$(kcat -C -e -q -b "$addr" -t bench | grep -c needle)"
same where "$("$kscope" search bench -b "$addr" --where "$where" 2>/dev/null | wc -l)" "$(kcat -C -e -q -b "$addr" -t bench | grep -c needle)"
same key "$("$kscope" search keyed -b "$addr" --key key-42 2>/dev/null | wc -l)" "$(kcat -C -e -q -b "$addr" -t keyed -f '%k\n' | grep -cx key-42)"

f=$(for _ in $(seq "$runs"); do timed "$kscope" search bench -b "$addr" --filter needle; done | best)
w=$(for _ in $(seq "$runs"); do timed "$kscope" search bench -b "$addr" --where "$where"; done | best)
g=$(for _ in $(seq "$runs"); do timed sh -c "kcat -C -e -q -b $addr -t bench | grep needle"; done | best)
k=$(for _ in $(seq "$runs"); do timed "$kscope" search keyed -b "$addr" --key key-42; done | best)
kg=$(for _ in $(seq "$runs"); do timed sh -c "kcat -C -e -q -b $addr -t keyed -f '%k\n' | grep -x key-42"; done | best)
"$kscope" search keyed -b "$addr" --key key-42 2>&1 >/dev/null | tail -1 | sed 's/^/key search: /'
printf 'records                          %d of about 200 bytes, best of %d runs\n' "$records" "$runs"
printf 'kscope search --filter needle    %.2f s  %s records/s\n' "$f" "$(per "$records" "$f")"
printf 'kscope search --where EXPR       %.2f s  %s records/s\n' "$w" "$(per "$records" "$w")"
printf 'kcat -C | grep needle            %.2f s  %s records/s\n' "$g" "$(per "$records" "$g")"
printf 'kscope search --key (12 parts)   %.2f s  of %d records\n' "$k" "$keyed"
printf 'kcat -C -f %%k | grep -x key     %.2f s  %s records/s\n' "$kg" "$(per "$keyed" "$kg")"
