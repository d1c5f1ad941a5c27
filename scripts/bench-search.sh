#!/usr/bin/env bash
# kscope search beside kcat | grep and beside the limit with a substring
# search of its own.
#
#   scripts/bench-search.sh [RECORDS]   (default 1000000)
#
# It serves `kscope demo`, writes RECORDS JSON records of about 200 bytes
# to a one-partition topic and RECORDS/10 keyed ones to a 12-partition
# topic with kcat (murmur2_random, Kafka's partitioner), checks that each
# search finds what grep finds, then runs in each of $BENCH_ROUNDS (5)
# rounds, output to /dev/null:
#   limit       scripts/limit -contains needle: a bytes.Contains per value
#   kscope --filter  kscope search bench --filter needle
#   kscope --where   kscope search bench --where 'value.tag == "needle" && value.total < 500'
#   kscope --where, no literal   ... --where 'value.total > 998' (every value evaluated)
#   kcat | grep      kcat -C -e | grep needle
# and, on the keyed topic, kscope search --key beside kcat -f %k | grep -x.
# Needs go, kcat, python3.
set -euo pipefail
records=${1:-1000000}
command -v kcat >/dev/null || { echo "bench-search: needs kcat (apt-get install kcat)" >&2; exit 1; }

bench=bench-search
source "$(dirname "$0")/bench-lib.sh"

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
needles=$(kcat -C -e -q -b "$addr" -t bench | grep -c needle)
same filter "$("$kscope" search bench -b "$addr" --filter needle 2>/dev/null | wc -l)" "$needles"
same where "$("$kscope" search bench -b "$addr" --where "$where" 2>/dev/null | wc -l)" "$needles"
same "where, no literal" "$("$kscope" search bench -b "$addr" --where 'value.total > 998' 2>/dev/null | wc -l)" "$(grep -c '"total":999,' "$tmp/values")"
same key "$("$kscope" search keyed -b "$addr" --key key-42 2>/dev/null | wc -l)" "$(kcat -C -e -q -b "$addr" -t keyed -f '%k\n' | grep -cx key-42)"

{
  printf 'limit\t%s\n' "$limit -b $addr -topic bench -contains needle"
  printf 'kscope --filter\t%s\n' "$kscope search bench -b $addr --filter needle"
  printf "kscope --where\t%s --where '%s'\n" "$kscope search bench -b $addr" "$where"
  printf "kscope --where, no literal\t%s --where 'value.total > 998'\n" "$kscope search bench -b $addr"
  printf 'kcat | grep\t%s\n' "kcat -C -e -q -b $addr -t bench | grep needle"
} | measure "search: $records JSON records of about 200 bytes, 1 partition" \
  --ratio "kscope --filter/limit" --ratio "kscope --where/limit" --ratio "kscope --where, no literal/limit" \
  --ratio "kscope --filter/kcat | grep" --ratio "kscope --where/kcat | grep"

{
  printf 'limit, all partitions\t%s\n' "$limit -b $addr -topic keyed"
  printf 'kscope --key\t%s\n' "$kscope search keyed -b $addr --key key-42"
  printf 'kcat | grep -x\t%s\n' "kcat -C -e -q -b $addr -t keyed -f '%k\n' | grep -x key-42"
} | measure "search by key: $keyed keyed records, 12 partitions" --ratio "kscope --key/kcat | grep -x"
