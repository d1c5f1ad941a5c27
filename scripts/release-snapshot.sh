#!/usr/bin/env bash
# Builds a release of the working tree into dist/, as a tagged release
# would be, with no network but the Go module proxy (for nfpm and crane):
#
#   archives   kscope_VERSION_OS_ARCH.tar.gz (.zip on windows) for linux,
#              darwin and windows on amd64 and arm64, each with the
#              binary, README, man pages and shell completions
#   packages   kscope_VERSION_ARCH.deb, .rpm and .apk for linux (nfpm,
#              pinned below), the same files in their system places
#   images     kscope_VERSION_linux_ARCH_image.tar, the container image of
#              packaging/Dockerfile (docker load), built without an engine
#   formula    kscope.rb, a Homebrew formula over the archives
#   checksums  checksums.txt, SHA-256 of each of the above
#
#   scripts/release-snapshot.sh [VERSION]   (default: from git describe)
#
# goreleaser is not used: the versions the module proxy serves here are
# not approved releases. The binaries are static (CGO_ENABLED=0) and
# stamped with the version, commit and date kscope version prints.
set -euo pipefail
cd "$(dirname "$0")/.."

nfpm_version=v2.48.0
crane_version=v0.22.1
version=${1:-$(git describe --tags --always --dirty 2>/dev/null || echo 0.0.0)}
version=${version#v}
case $version in [0-9]*) ;; *) version=0.0.0~snapshot.$version ;; esac # packages need a version that starts with a digit
commit=$(git rev-parse HEAD 2>/dev/null || echo unknown)
date=$(date -u +%Y-%m-%dT%H:%M:%SZ)
dist=$PWD/dist
rm -rf "$dist"
mkdir -p "$dist/build" "$dist/completions"

ldflags="-s -w -X github.com/kscope/kscope/cli.version=v$version -X github.com/kscope/kscope/cli.commit=$commit -X github.com/kscope/kscope/cli.date=$date"
platforms="linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64 windows/arm64"
for p in $platforms; do
	os=${p%/*} arch=${p#*/}
	exe=kscope; [ "$os" = windows ] && exe=kscope.exe
	echo "building $os/$arch" >&2
	CGO_ENABLED=0 GOOS=$os GOARCH=$arch go build -trimpath -buildvcs=false -ldflags "$ldflags" -o "$dist/build/kscope_${os}_${arch}/$exe" .
done

# Man pages and completions, from the command line's own definitions.
go run ./scripts/man "$dist/man" "v$version"
gzip -9n "$dist"/man/*.1
host="$dist/build/kscope_$(go env GOOS)_$(go env GOARCH)/kscope"
"$host" completion bash >"$dist/completions/kscope.bash"
"$host" completion zsh >"$dist/completions/_kscope"
"$host" completion fish >"$dist/completions/kscope.fish"

for p in $platforms; do
	os=${p%/*} arch=${p#*/}
	name=kscope_${version}_${os}_${arch}
	stage=$dist/stage/$name
	mkdir -p "$stage"
	cp "$dist/build/kscope_${os}_${arch}"/* README.md "$stage/"
	cp -r "$dist/man" "$dist/completions" "$stage/"
	if [ "$os" = windows ]; then
		(cd "$dist/stage" && python3 -m zipfile -c "$dist/$name.zip" "$name")
	else
		tar -C "$dist/stage" --owner=0 --group=0 -czf "$dist/$name.tar.gz" "$name"
	fi
done
rm -rf "$dist/stage"

# tool PACKAGE VERSION installs a pinned Go program into the cache, not the
# module, and prints its path.
tool() {
	local bin="${XDG_CACHE_HOME:-$HOME/.cache}/kscope/$(basename "$1")-$2"
	GOBIN="$bin" go install "$1@$2" >&2 || return
	echo "$bin/$(basename "$1")"
}

nfpm=${NFPM:-$(tool github.com/goreleaser/nfpm/v2/cmd/nfpm "$nfpm_version")}
for arch in amd64 arm64; do
	# nfpm expands variables in some fields only: the paths are filled here.
	sed -e "s|\${ARCH}|$arch|g" -e "s|\${VERSION}|$version|g" -e "s|\${DIST}|$dist|g" packaging/nfpm.yaml >"$dist/nfpm-$arch.yaml"
	for packager in deb rpm apk; do
		"$nfpm" package -f "$dist/nfpm-$arch.yaml" -p "$packager" -t "$dist/" >&2
	done
	rm "$dist/nfpm-$arch.yaml"
done

# Container images, as packaging/Dockerfile describes them, built without
# a Docker engine: crane (pinned) appends the binary to an empty image in
# a registry of its own on loopback, then sets the platform, entrypoint
# and user and saves it, tagged kscope:VERSION, for docker or podman load.
crane=${CRANE:-$(tool github.com/google/go-containerregistry/cmd/crane "$crane_version")}
registry_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$crane" registry serve --address "127.0.0.1:$registry_port" 2>/dev/null &
registry_pid=$!
trap 'kill $registry_pid 2>/dev/null || true' EXIT
for _ in $(seq 50); do "$crane" catalog "127.0.0.1:$registry_port" --insecure >/dev/null 2>&1 && break; sleep 0.1; done
for arch in amd64 arm64; do
	layer=$dist/layer-$arch.tar
	tar -C "$dist/build/kscope_linux_$arch" --owner=0 --group=0 --mode=0755 -cf "$layer" kscope
	ref=127.0.0.1:$registry_port/kscope:$version-$arch
	"$crane" append --insecure --platform "linux/$arch" -f "$layer" -t "$ref" >/dev/null
	"$crane" mutate --insecure "$ref" --entrypoint /kscope --user 65534:65534 --set-platform "linux/$arch" \
		-t "kscope:$version" -o "$dist/kscope_${version}_linux_${arch}_image.tar" >/dev/null
	rm "$layer"
done

sha() { sha256sum "$dist/$1" | cut -d' ' -f1; }
cat >"$dist/kscope.rb" <<RUBY
# Homebrew formula for kscope $version, written by scripts/release-snapshot.sh.
class Kscope < Formula
  desc "Terminal UI and CLI for Apache Kafka"
  homepage "https://github.com/kscope/kscope"
  version "$version"
  license "Apache-2.0"
  on_macos do
    on_arm do
      url "https://github.com/kscope/kscope/releases/download/v$version/kscope_${version}_darwin_arm64.tar.gz"
      sha256 "$(sha "kscope_${version}_darwin_arm64.tar.gz")"
    end
    on_intel do
      url "https://github.com/kscope/kscope/releases/download/v$version/kscope_${version}_darwin_amd64.tar.gz"
      sha256 "$(sha "kscope_${version}_darwin_amd64.tar.gz")"
    end
  end
  on_linux do
    on_arm do
      url "https://github.com/kscope/kscope/releases/download/v$version/kscope_${version}_linux_arm64.tar.gz"
      sha256 "$(sha "kscope_${version}_linux_arm64.tar.gz")"
    end
    on_intel do
      url "https://github.com/kscope/kscope/releases/download/v$version/kscope_${version}_linux_amd64.tar.gz"
      sha256 "$(sha "kscope_${version}_linux_amd64.tar.gz")"
    end
  end
  def install
    bin.install "kscope"
    man1.install Dir["man/*.1.gz"]
    bash_completion.install "completions/kscope.bash" => "kscope"
    zsh_completion.install "completions/_kscope"
    fish_completion.install "completions/kscope.fish"
  end
  test do
    assert_match version.to_s, shell_output("#{bin}/kscope version")
  end
end
RUBY

(cd "$dist" && sha256sum -- *.tar.gz *.zip *.deb *.rpm *.apk *_image.tar kscope.rb >checksums.txt)
rm -rf "$dist/build" "$dist/man" "$dist/completions"
ls -1 "$dist"
