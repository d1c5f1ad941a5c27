#!/usr/bin/env bash
# Builds the peers the benchmarks measure kscope beside, from their
# repositories at the commits the docs name, into a cache outside the
# repository, and prints a line KAF=... and KTEA=... for each it built:
#
#   eval "$(scripts/peers.sh)"
#
# kaf (birdayz/kaf, a Kafka CLI in Go) and ktea (jonas-grgt/ktea, a
# Bubble Tea Kafka TUI) are not packaged. $KSCOPE_PEER_SOURCES, when set,
# is a folder holding their clones as OWNER+NAME (a mirror), in place of
# github.com. A peer that cannot be fetched or built is left out, with a
# line on stderr. Needs git and go.
set -uo pipefail
cache=${KSCOPE_PEERS:-${XDG_CACHE_HOME:-$HOME/.cache}/kscope/peers}
mkdir -p "$cache"

build() { # build VAR OWNER/NAME COMMIT PACKAGE
  local var=$1 repo=$2 commit=$3 pkg=$4
  local bin="$cache/$(basename "$repo")-$commit"
  if [ ! -x "$bin" ]; then
    local src="$cache/src-$(basename "$repo")"
    local from="https://github.com/$repo"
    if [ -n "${KSCOPE_PEER_SOURCES:-}" ]; then
      from="$KSCOPE_PEER_SOURCES/${repo/\//+}"
      [ -d "$from/repo" ] && from="$from/repo" # a bare mirror's layout
    fi
    rm -rf "$src"
    if ! git clone -q "$from" "$src" || ! git -C "$src" checkout -q "$commit" ||
      ! (cd "$src" && GOFLAGS=-buildvcs=false go build -o "$bin" "$pkg"); then
      echo "peers: could not build $repo at $commit; its benchmarks run without it" >&2
      rm -rf "$src"
      return
    fi
    rm -rf "$src"
  fi
  echo "export $var=$bin"
}
build KAF birdayz/kaf fd9c0ca ./cmd/kaf
build KTEA jonas-grgt/ktea f689a13 ./cmd/ktea
