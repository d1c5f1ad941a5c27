#!/usr/bin/env bash
# Decoded Avro and Protobuf tails beside the limit, kscope's raw tail and
# kcat.
#
#   scripts/bench-decode.sh [RECORDS]   (default 1000000)
#
# It serves `kscope demo` with its schema registry, registers a 10-field
# Avro schema and a 10-field Protobuf schema (long, string, enum, double,
# int, boolean, optional string, timestamp, array of strings, string),
# writes RECORDS records of each to a one-partition topic with `kscope
# produce --schema`, then runs in each of $BENCH_ROUNDS (5) rounds, output
# to /dev/null:
#   limit    scripts/limit on the topic
#   decoded  kscope tail -o json (decoded through the registry)
#   raw      kscope tail -o json --raw
#   kcat     kcat -C -e (raw values: Debian's kcat cannot decode either)
# Needs go, kcat, curl, python3.
set -euo pipefail
records=${1:-1000000}
command -v kcat >/dev/null || { echo "bench-decode: needs kcat (apt-get install kcat)" >&2; exit 1; }

bench=bench-decode
source "$(dirname "$0")/bench-lib.sh"
ks="$kscope --config $tmp/config.yaml --context bench"

register() { # register SUBJECT TYPE FILE
  python3 -c 'import json, sys; print(json.dumps({"schemaType": sys.argv[1], "schema": open(sys.argv[2]).read()}))' "$2" "$3" |
    curl -sf -X POST -H 'Content-Type: application/vnd.schemaregistry.v1+json' --data @- "$registry/subjects/$1/versions" >/dev/null
}
register bench-avro-value AVRO serde/testdata/bench/event.avsc
register bench-proto-value PROTOBUF serde/testdata/bench/event.proto

# The timestamps are formatted with %.0f: mawk's %d stops at 2^31 - 1.
awk -v n="$records" 'BEGIN { for (i = 0; i < n; i++)
  printf "{\"id\":%d,\"user\":\"user-%05d\",\"kind\":\"CLICK\",\"amount\":%d.25,\"count\":%d,\"ok\":true,\"note\":%s,\"at\":%.0f,\"tags\":[\"a\",\"b\"],\"ref\":\"ref-%d\"}\n",
    i, i % 50000, i % 1000, i % 7, (i % 3 ? "null" : "\"gift\""), 1795659040278 + i, i }' >"$tmp/avro.jsonl"
sed 's/"note":null,//' "$tmp/avro.jsonl" >"$tmp/proto.jsonl"
for t in avro proto; do
  $ks topic create "bench-$t" -p 1 >/dev/null
  $ks produce "bench-$t" --schema "bench-$t-value" <"$tmp/$t.jsonl" >/dev/null
  lines=$($ks tail "bench-$t" --from beginning --exit-at-end -o json | grep -c '"value_schema"')
  [ "$lines" -eq "$records" ] || { echo "bench-decode: kscope decoded $lines $t records, want $records" >&2; exit 1; }
done
[ "$($ks tail bench-avro --from beginning --exit-at-end -o json | awk 'NR == 2' | grep -o '"at":"[^"]*"')" = '"at":"2026-11-26T02:10:40.279Z"' ] ||
  { echo "bench-decode: the second record's time is not the one written" >&2; exit 1; }

for t in avro proto; do
  name=Avro
  [ $t = proto ] && name=Protobuf
  {
    printf 'limit\t%s\n' "$limit -b $addr -topic bench-$t"
    printf 'kscope, decoded\t%s\n' "$ks tail bench-$t --from beginning --exit-at-end -o json"
    printf 'kscope --raw\t%s\n' "$ks tail bench-$t --from beginning --exit-at-end -o json --raw"
    printf 'kcat (raw values)\t%s\n' "kcat -C -e -q -o beginning -b $addr -t bench-$t"
  } | measure "decode: $records $name records of 10 fields, 1 partition" \
    --ratio "kscope, decoded/limit" --ratio "kscope --raw/limit" --ratio "kscope, decoded/kcat (raw values)"
done
