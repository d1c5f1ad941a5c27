#!/usr/bin/env bash
# How fast `kscope tail -o json` decodes Avro and Protobuf framed for a
# Schema Registry, beside kcat reading the same bytes raw.
#
#   scripts/bench-decode.sh [RECORDS] [RUNS]     (defaults: 1000000 3)
#
# It serves `kscope demo` (which carries a schema registry), registers the
# 10-field Avro and Protobuf schemas of serde/testdata/bench (those of
# go test -bench Decode ./serde/ too), writes RECORDS
# records of each to a one-partition topic with `kscope produce --schema`,
# then times, RUNS times each, reading a topic to its end:
#   kscope tail T --from beginning --exit-at-end -o json   (decoded JSON)
#   kscope tail T ... -o json --raw                        (no decoding)
#   kcat -C -e -o beginning -t T                           (raw values)
# and prints the best time of each. Needs go, kcat, python3 and awk.
set -euo pipefail
records=${1:-1000000}
runs=${2:-3}
command -v kcat >/dev/null || { echo "bench-decode: needs kcat (apt-get install kcat)" >&2; exit 1; }

bench=bench-decode
source "$(dirname "$0")/bench-lib.sh"
ks() { "$kscope" --config "$tmp/config.yaml" --context bench "$@"; }

register() { # register SUBJECT TYPE FILE
  python3 -c 'import json, sys; print(json.dumps({"schemaType": sys.argv[1], "schema": open(sys.argv[2]).read()}))' "$2" "$3" |
    curl -sf -X POST -H 'Content-Type: application/vnd.schemaregistry.v1+json' --data @- "$registry/subjects/$1/versions" >/dev/null
}
register bench-avro-value AVRO serde/testdata/bench/event.avsc
register bench-proto-value PROTOBUF serde/testdata/bench/event.proto

# at is printed with %.0f: mawk, Debian's awk, stops %d at 2147483647.
awk -v n="$records" 'BEGIN { for (i = 0; i < n; i++)
  printf "{\"id\":%d,\"user\":\"user-%05d\",\"kind\":\"CLICK\",\"amount\":%d.25,\"count\":%d,\"ok\":true,\"note\":%s,\"at\":%.0f,\"tags\":[\"a\",\"b\"],\"ref\":\"ref-%d\"}\n",
    i, i % 50000, i % 1000, i % 7, (i % 3 ? "null" : "\"gift\""), 1795659040278 + i, i }' >"$tmp/avro.jsonl"
sed 's/"note":null,//; s/"note":"gift"/"note":"gift"/' "$tmp/avro.jsonl" >"$tmp/proto.jsonl"
for t in avro proto; do
  ks topic create "bench-$t" -p 1 >/dev/null
  ks produce "bench-$t" --schema "bench-$t-value" <"$tmp/$t.jsonl" >/dev/null
done

printf 'records                  %d a topic, best of %d runs\n' "$records" "$runs"
for t in avro proto; do
  lines=$(ks tail "bench-$t" --from beginning --exit-at-end -o json | grep -c '"value_schema"')
  [ "$lines" -eq "$records" ] || { echo "bench-decode: kscope decoded $lines $t records, want $records" >&2; exit 1; }
  d=$(for _ in $(seq "$runs"); do timed ks tail "bench-$t" --from beginning --exit-at-end -o json; done | best)
  r=$(for _ in $(seq "$runs"); do timed ks tail "bench-$t" --from beginning --exit-at-end -o json --raw; done | best)
  c=$(for _ in $(seq "$runs"); do timed kcat -C -e -q -o beginning -b "$addr" -t "bench-$t"; done | best)
  printf '%-6s kscope -o json        %.2f s  %s records/s (decoded)\n' "$t" "$d" "$(per "$records" "$d")"
  printf '%-6s kscope -o json --raw  %.2f s  %s records/s\n' "$t" "$r" "$(per "$records" "$r")"
  printf '%-6s kcat -C (raw values)  %.2f s  %s records/s\n' "$t" "$c" "$(per "$records" "$c")"
done
