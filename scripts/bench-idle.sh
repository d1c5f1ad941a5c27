#!/usr/bin/env bash
# What kscope costs left open on a big cluster, beside ktea (a Bubble Tea
# Kafka TUI) on the same cluster in the same run.
#
#   KTEA=/path/to/ktea scripts/bench-idle.sh [SECONDS] [SHAPE...]
#
# SHAPE is KIND:N, as scripts/shapes.py makes it: topics:2000,
# topics:10000, partitions:100000 (10,000 topics of 10), groups:5000. The
# default is all four. For each shape it serves a fresh `kscope demo`
# (three nodes, no traffic), makes the shape with Python's confluent-kafka,
# then runs each TUI in a 200x60 pseudo-terminal on the pane that shows
# the shape (topics; groups for groups), lets it settle 20 s and samples
# it for SECONDS (default 60): CPU of one core and RSS, its own and the
# broker's. Without $KTEA, kscope alone is measured. ktea is not packaged:
# build it from its repository (go build ./cmd/ktea). Needs go, python3
# with confluent-kafka.
set -euo pipefail
seconds=${1:-60}
shift || true
shapes=("$@")
[ ${#shapes[@]} -gt 0 ] || shapes=(topics:2000 topics:10000 partitions:100000 groups:5000)

bench=bench-idle
demo_nodes=3
source "$(dirname "$0")/bench-lib.sh"

echo "### idle: each TUI left open on the pane of a big cluster, sampled $seconds s"
echo
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores; load average $(cut -d' ' -f1 /proc/loadavg) before."
echo
echo "| shape | tool | CPU % of a core | broker CPU % | RSS MB, end (first→peak) | RSS each minute | CPU × ktea's |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
for i in "${!shapes[@]}"; do
  s=${shapes[$i]} kind=${shapes[$i]%%:*} n=${shapes[$i]##*:}
  [ "$i" -eq 0 ] || serve_demo 3 # a fresh cluster for each shape
  python3 scripts/shapes.py "$addr" "$kind" "$n" 2>/dev/null
  keys='""' ktea_keys='""'
  if [ "$kind" = groups ]; then keys='":groups\r"' ktea_keys='"\x0c"'; fi # ktea: ctrl+l, the next tab
  run() { # tool keys cmd...: one JSON line of what idle.py measured
    local tool=$1 k=$2
    shift 2
    python3 scripts/idle.py measure "$demo" 20 "$seconds" "$k" -- "$@" >"$tmp/$tool.json"
  }
  run kscope "$keys" "$kscope" -b "$addr"
  rm -f "$tmp/ktea.json"
  if [ -n "${KTEA:-}" ]; then
    mkdir -p "$tmp/home/.config/ktea"
    printf 'clusters:\n  - name: bench\n    color: "#808080"\n    active: true\n    servers: [%s]\n' "$addr" >"$tmp/home/.config/ktea/config.yaml"
    HOME=$tmp/home run ktea "$ktea_keys" "$KTEA"
  fi
  python3 - "$s" "$tmp/kscope.json" "$tmp/ktea.json" <<'PY'
import json, os, sys
shape, ks, kt = sys.argv[1], json.load(open(sys.argv[2])), None
if os.path.exists(sys.argv[3]):
    kt = json.load(open(sys.argv[3]))
for tool, r in (("kscope", ks), ("ktea", kt)):
    if r is None:
        continue
    ratio = f'{float(ks["cpu"]) / float(kt["cpu"]):.2f}×' if tool == "kscope" and kt and float(kt["cpu"]) > 0 else ""
    print(f'| {shape} | {tool} | {r["cpu"]} | {r["broker_cpu"]} | {r["rss_mb"]} ({r["rss_first_mb"]}→{r["rss_peak_mb"]}) | '
          f'{" ".join(map(str, r["rss_by_minute_mb"]))} | {ratio} |')
PY
done
echo
