#!/usr/bin/env bash
# Opening a large JSON record: kscope's detail view beside kcat piped to jq.
#
#   scripts/bench-record.sh [MEGABYTES] [RUNS]     (defaults: 5 5)
#
# It runs BenchmarkOpenJSONRecord (./ui/detail: from the key press to the
# first coloured screen, layout included, fetch excluded), then serves
# `kscope demo`, writes one JSON record of about MEGABYTES to a topic with
# kcat, and times what a kcat user does to see the same first screen:
#   kcat -C -e -c 1 -o beginning -t big | jq -C . | head -n 45
# and, for the fetch alone, kcat without jq, in $BENCH_ROUNDS (5) rounds
# (scripts/measure.py). The Go benchmark runs RUNS times. Needs go, kcat,
# jq, python3 and awk.
set -euo pipefail
mb=${1:-5}
runs=${2:-5}
for tool in kcat jq python3; do
  command -v "$tool" >/dev/null || { echo "bench-record: needs $tool" >&2; exit 1; }
done

bench=bench-record
source "$(dirname "$0")/bench-lib.sh"
echo "### open a JSON record: kscope"
echo
echo "\`go test -run XXX -bench OpenJSONRecord -benchtime ${runs}x ./ui/detail/\` (load average $(cut -d' ' -f1 /proc/loadavg)):"
echo
echo '```'
go test -run XXX -bench OpenJSONRecord -benchtime "${runs}x" ./ui/detail/ | grep '^Benchmark'
echo '```'
echo

# The benchmark's shape: an array of order objects, one line, no newline.
python3 - "$mb" >"$tmp/big.json" <<'PY'
import json, sys
n, out, i = int(sys.argv[1]) << 20, [], 0
size = 12
while size < n:
    o = {"order_id": "ord-%07d" % i, "status": "shipped", "total": i + 0.5, "paid": True,
         "lines": [{"sku": "sku-%05d" % (i % 99999), "qty": i % 7 + 1}], "note": None}
    out.append(o); size += len(json.dumps(o, separators=(",", ":"))) + 1; i += 1
sys.stdout.write(json.dumps({"orders": out}, separators=(",", ":")))
PY
"$kscope" topic create big -b "$addr" -p 1 -r 1 --set max.message.bytes=67108864 >/dev/null
kcat -P -b "$addr" -t big -X message.max.bytes=67108864 -D '\n' -l "$tmp/big.json"

fetch="kcat -C -e -c 1 -o beginning -b $addr -t big -X fetch.message.max.bytes=67108864"
printf 'kcat | jq -C . | head -n 45\t%s\nkcat alone (the fetch)\t%s\n' "$fetch | jq -C . | head -n 45" "$fetch" |
  measure "open a $(wc -c <"$tmp/big.json")-byte JSON record: the peer, kcat and jq" --ratio "kcat | jq -C . | head -n 45/kcat alone (the fetch)"
