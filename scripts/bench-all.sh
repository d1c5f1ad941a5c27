#!/usr/bin/env bash
# Every number of docs/PERFORMANCE.md, in one run, as Markdown:
#
#   scripts/bench-all.sh [--quick] > bench.md
#
# Each table says its date, the machine's cores and the load average
# around it; commands that run beside a peer or the limit (scripts/limit,
# the least a franz-go program does to read a topic) are measured in
# interleaved rounds ($BENCH_ROUNDS, 5) and give CPU and wall ratios round
# by round (scripts/measure.py). The peers: kcat (apt-get install kcat),
# kaf and ktea (built by scripts/peers.sh, or $KAF and $KTEA), Apache
# Kafka's kafka-consumer-groups.sh (the test cluster of
# scripts/apache-kafka.sh, or $KSCOPE_APACHE_KAFKA). A section whose peer
# or tool is missing says so and the run goes on.
#
# About 40 minutes on 2 cores (the idle section alone is 4 shapes × 2
# TUIs × 80 s, after making each shape); --quick runs every section at a
# tenth of its size in about 10, for trying the scripts, not for the docs.
set -uo pipefail
cd "$(dirname "$0")/.."
quick=${1:-}
big() { if [ "$quick" = --quick ]; then echo "$2"; else echo "$1"; fi } # big FULL QUICK

echo "# kscope benchmarks"
echo
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown), $(go version | awk '{ print $3 }'),"
echo "$(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), load average $(cut -d' ' -f1-3 /proc/loadavg)${quick:+, $quick}."
[ -n "${KAF:-}${KTEA:-}" ] || eval "$(scripts/peers.sh 2>/dev/null)"

section() { # section TITLE CMD...: runs CMD, and says so when it fails
  echo
  echo "## $1"
  echo
  shift
  "$@" 2>"/tmp/bench-all.$$" || { echo "(not measured: $* failed: $(tail -1 "/tmp/bench-all.$$"))"; }
  rm -f "/tmp/bench-all.$$"
}
gobench() { # gobench PACKAGE BENCH BENCHTIME: one go test -bench, its lines
  echo "\`go test -run XXX -bench '$2' -benchtime $3 $1\` (load average $(cut -d' ' -f1 /proc/loadavg)):"
  echo
  echo '```'
  go test -run XXX -bench "$2" -benchtime "$3" "$1" | grep -E '^(Benchmark|\s)'
  echo '```'
  echo
}

section "Reading a topic: kscope tail beside the limit and kcat" bash -c "
  scripts/bench-tail.sh $(big 1000000 100000) 1 &&
  scripts/bench-tail.sh $(big 1000000 100000) 12 &&
  scripts/bench-tail.sh $(big 500000 50000) 100"
section "Searching: kscope search beside the limit and kcat | grep" scripts/bench-search.sh "$(big 1000000 100000)"
section "Decoding Avro and Protobuf" scripts/bench-decode.sh "$(big 1000000 100000)"
section "Masking: the tail beside itself unmasked" scripts/bench-mask.sh "$(big 1000000 100000)"
section "Copying a topic: kscope copy beside kcat | kcat" scripts/bench-copy.sh "$(big 1000000 100000)"
section "Opening a large JSON record" scripts/bench-record.sh "$(big 5 1)" 5
section "kscope topics on many partitions, beside kaf" scripts/bench-topics.sh "$(big 100000 10000)"
section "Consumer group lag, beside kafka-consumer-groups.sh" scripts/bench-lag.sh "$(big 5000 500)" "$(big 200 20)" "${BENCH_ROUNDS:-5}"
if [ "$quick" = --quick ]; then
  section "Left open on a big cluster, beside ktea" scripts/bench-idle.sh 10 topics:2000 groups:500
else
  section "Left open on a big cluster, beside ktea" scripts/bench-idle.sh 60
fi

section "In process: the tail's paths" bash -c "$(declare -f gobench); gobench ./kafka/ 'TailRange|TailPipeline|Search\$' 3x"
section "In process: per record" bash -c "$(declare -f gobench)
  gobench ./model/ 'Pipeline|AppendJSONLine|AppendTimestamp|Where' 1s
  gobench ./serde/ 'Decode' 1s
  gobench ./mask/ 'Mask' 20x"
section "In process: the screens" bash -c "$(declare -f gobench)
  gobench ./ui/tail/ . 20x
  gobench ./ui/topics/ FilterKeystroke10000Topics 20x
  gobench ./ui/groups/ 'TakePoll|View|FilterKeystroke' 20x
  gobench ./ui/detail/ OpenJSONRecord 5x"
section "In process: lag and sizes at scale" bash -c "$(declare -f gobench)
  gobench ./kafka/ 'GroupsLag' 10x
  gobench ./kafka/ 'SizesAtScale' 5x"
section "Memory over time" bash -c "
  echo '\`go test -run MemoryStaysFlat -v ./model/\`:'; echo; echo '\`\`\`'
  go test -run MemoryStaysFlat -v ./model/ | grep -vE '^(=== RUN|ok|PASS)'
  echo '\`\`\`'; echo
  $(declare -f gobench); gobench ./ui/groups/ MemoryOverAnHour 1x"
