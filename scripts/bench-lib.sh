# Shared by the bench-*.sh scripts; source it. It builds kscope and the
# limit (scripts/limit: the least a franz-go program does to read a
# topic) into a temporary folder, serves `kscope demo` on loopback (no
# traffic, one node, or $demo_nodes), and removes both on exit. It sets:
#   tmp     the temporary folder
#   kscope  the built binary
#   limit   the limit's binary
#   addr    the demo's bootstrap address
#   rounds  $BENCH_ROUNDS, or 5: how many rounds measure runs
# serve_demo NODES serves a
# fresh demo in place of the one running, for a script that wants one
# per case. measure TITLE [--ratio A/B]... < SPEC prints a table of
# interleaved rounds (scripts/measure.py). Needs bench to name the
# calling script, for its messages.

tmp=$(mktemp -d)
demo=""
cleanup() { [ -n "$demo" ] && kill "$demo" 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT

cd "$(dirname "${BASH_SOURCE[0]}")/.."
kscope="$tmp/kscope"
go build -o "$kscope" .
limit="$tmp/limit"
go build -o "$limit" ./scripts/limit
rounds=${BENCH_ROUNDS:-5}
measure() { local title=$1; shift; python3 scripts/measure.py --rounds "$rounds" --title "$title" "$@"; }

serve_demo() {
  if [ -n "$demo" ]; then
    kill "$demo"
    wait "$demo" 2>/dev/null || true
  fi
  "$kscope" demo --rate 0 --nodes "$1" >"$tmp/demo.out" &
  demo=$!
  for _ in $(seq 100); do grep -q '^bootstrap: ' "$tmp/demo.out" 2>/dev/null && break; sleep 0.1; done
  addr=$(sed -n 's/^bootstrap: //p' "$tmp/demo.out")
  [ -n "$addr" ] || { echo "$bench: kscope demo did not start" >&2; exit 1; }
}
serve_demo "${demo_nodes:-1}"


# The demo's schema registry, and a config whose context "bench" names the
# demo with it, for the benchmarks that decode.
registry=$(sed -n 's/^schema registry: //p' "$tmp/demo.out")
printf 'contexts:\n  bench:\n    brokers: [%s]\n    schema_registry:\n      url: %s\n' "$addr" "$registry" >"$tmp/config.yaml"
chmod 600 "$tmp/config.yaml"
