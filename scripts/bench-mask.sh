#!/usr/bin/env bash
# What masking costs: kscope tail of one topic of JSON payments, in a
# context that masks them and in one that does not, beside the limit.
#
#   scripts/bench-mask.sh [RECORDS]   (default: 1000000)
#
# It serves `kscope demo` on loopback, writes RECORDS JSON payments
# (about 230 bytes: a card number, a customer's e-mail address, a note)
# to a new topic with kcat, checks that each reads them all, then runs in
# each of $BENCH_ROUNDS (5) rounds, output to /dev/null:
#   limit    the least a franz-go program does (scripts/limit)
#   open     kscope tail -o json in a context without masking
#   fields   the same in a context that masks two fields: the card and
#            the e-mail address
#   full     the same in a context that masks the card (keeping its last
#            four digits), hashes the e-mail address (HMAC-SHA256), and
#            runs the e-mail, card and IBAN detectors over every string,
#            each of which finds something in every record
# and prints each one's CPU, wall time and peak RSS, with the ratios
# round by round (scripts/measure.py); then the same for a topic of Avro
# records through the demo's registry, decoded, open and with two
# fields masked. Needs go, kcat, python3, curl.
set -euo pipefail
records=${1:-1000000}
command -v kcat >/dev/null || { echo "bench-mask: needs kcat (apt-get install kcat)" >&2; exit 1; }

bench=bench-mask
source "$(dirname "$0")/bench-lib.sh"

awk -v n="$records" 'BEGIN { for (i = 0; i < n; i++) printf "{\"payment_id\":\"pay-%07d\",\"amount\":%d.%02d,\"currency\":\"EUR\",\"status\":\"captured\",\"customer\":{\"id\":\"cus-%04d\",\"email\":\"cus-%04d@example.com\"},\"card\":\"4111111111111111\",\"note\":\"paid by card, receipt sent\"}\n", i, i % 500, i % 100, i % 9973, i % 9973 }' >"$tmp/values"
"$kscope" topic create bench.payments -b "$addr" --partitions 1 >/dev/null
kcat -P -b "$addr" -t bench.payments -l "$tmp/values"

cat >>"$tmp/config.yaml" <<YAML
  fields:
    brokers: [$addr]
    masking:
      rules:
        - topic: bench.payments
          fields: [value.card, value.customer.email]
  full:
    brokers: [$addr]
    masking:
      key_env: BENCH_MASK_KEY
      rules:
        - topic: bench.payments
          fields: [value.card]
          style: keep_last
          keep: 4
        - topic: bench.payments
          fields: [value.customer.email]
          style: hash
        - topic: bench.payments
          detect: [email, card, iban]
YAML
export BENCH_MASK_KEY=bench
open="$kscope --config $tmp/config.yaml --context bench tail bench.payments --from beginning --exit-at-end -o json"
fields="$kscope --config $tmp/config.yaml --context fields tail bench.payments --from beginning --exit-at-end -o json"
full="$kscope --config $tmp/config.yaml --context full tail bench.payments --from beginning --exit-at-end -o json"
for c in "$open" "$fields" "$full"; do
  lines=$($c | wc -l)
  [ "$lines" -eq "$records" ] || { echo "bench-mask: $c printed $lines records, want $records" >&2; exit 1; }
done
for c in "$fields" "$full"; do
  if $c | grep -q -e 4111111111111111 -e @example.com; then
    echo "bench-mask: $c printed a card number or an address" >&2
    exit 1
  fi
done

printf 'limit\t%s\nopen\t%s\nfields\t%s\nfull\t%s\n' "$limit -b $addr -topic bench.payments" "$open" "$fields" "$full" |
  measure "tail -o json: $records JSON payments, masked and not" \
    --ratio fields/open --ratio full/open --ratio open/limit

# The same beside a decoded tail: Avro records of 10 fields through the
# demo's registry, two of their fields masked.
register() { # register SUBJECT TYPE FILE
  python3 -c 'import json, sys; print(json.dumps({"schemaType": sys.argv[1], "schema": open(sys.argv[2]).read()}))' "$2" "$3" |
    curl -sf -X POST -H 'Content-Type: application/vnd.schemaregistry.v1+json' --data @- "$registry/subjects/$1/versions" >/dev/null
}
register bench-avro-value AVRO serde/testdata/bench/event.avsc
awk -v n="$records" 'BEGIN { for (i = 0; i < n; i++)
  printf "{\"id\":%d,\"user\":\"user-%05d\",\"kind\":\"CLICK\",\"amount\":%d.25,\"count\":%d,\"ok\":true,\"note\":%s,\"at\":%.0f,\"tags\":[\"a\",\"b\"],\"ref\":\"ref-%d\"}\n",
    i, i % 50000, i % 1000, i % 7, (i % 3 ? "null" : "\"gift\""), 1795659040278 + i, i }' >"$tmp/avro.jsonl"
"$kscope" --config "$tmp/config.yaml" --context bench topic create bench-avro -p 1 >/dev/null
"$kscope" --config "$tmp/config.yaml" --context bench produce bench-avro --schema bench-avro-value <"$tmp/avro.jsonl" >/dev/null
cat >>"$tmp/config.yaml" <<YAML
  avro:
    brokers: [$addr]
    schema_registry:
      url: $registry
    masking:
      rules:
        - topic: bench-avro
          fields: [value.user, value.ref]
YAML
avro="$kscope --config $tmp/config.yaml --context bench tail bench-avro --from beginning --exit-at-end -o json"
avromasked="$kscope --config $tmp/config.yaml --context avro tail bench-avro --from beginning --exit-at-end -o json"
lines=$($avromasked | grep -c '"user":"\*\*\*"')
[ "$lines" -eq "$records" ] || { echo "bench-mask: the masked Avro tail masked $lines records, want $records" >&2; exit 1; }
printf 'limit\t%s\nopen, decoded\t%s\nfields, decoded\t%s\n' "$limit -b $addr -topic bench-avro" "$avro" "$avromasked" |
  measure "tail -o json: $records Avro records of 10 fields, decoded, masked and not" \
    --ratio "fields, decoded/open, decoded" --ratio "open, decoded/limit"
