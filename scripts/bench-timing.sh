# Shared by the bench-*.sh scripts; source it. It defines best (the least
# of the numbers on stdin), timed (the seconds "$@" takes, output
# discarded) and per (N things in T seconds, a second).

best() { sort -n | head -1; }
timed() {
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null 2>&1
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f\n", b - a }'
}
per() { awk -v n="$1" -v t="$2" 'BEGIN { printf "%.0f", n / t }'; }
