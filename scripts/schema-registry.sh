#!/usr/bin/env bash
# A real Schema Registry for kscope's tests: Apicurio Registry, whose
# Confluent-compatible API (/apis/ccompat/v7) Confluent's serializers and
# kscope both speak, keeping its schemas in memory, on loopback.
#
#   scripts/schema-registry.sh start   start it; prints "url: URL"
#   scripts/schema-registry.sh stop    stop it
#
# It comes from Maven Central (io.apicurio:apicurio-registry-app, the
# "all" tarball) into a cache outside the repo ($KSCOPE_REGISTRY_HOME).
# Karapace, the first choice, is not on PyPI; Confluent's own registry is
# not on Maven Central. Apicurio 3 needs Java 21 or newer: $KSCOPE_JAVA,
# else the Temurin 25 JDK these machines carry, else java on the PATH.
set -euo pipefail

version=${KSCOPE_REGISTRY_VERSION:-3.3.3}
home=${KSCOPE_REGISTRY_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/kscope/apicurio-$version}
dir=${KSCOPE_REGISTRY_DIR:-${TMPDIR:-/tmp}/kscope-schema-registry}
port=${KSCOPE_REGISTRY_PORT:-19081}
url="http://127.0.0.1:$port/apis/ccompat/v7"

die() { echo "schema-registry.sh: $*" >&2; exit 1; }

fetch() {
	[ -f "$home/quarkus-run.jar" ] && return
	command -v mvn >/dev/null || die "mvn is needed to fetch Apicurio Registry"
	mkdir -p "$home"
	mvn -q -B dependency:copy -Dartifact="io.apicurio:apicurio-registry-app:$version:tar.gz:all" \
		-DoutputDirectory="$home" >&2 || die "could not fetch Apicurio Registry $version from Maven Central"
	tar -xzf "$home/apicurio-registry-app-$version-all.tar.gz" -C "$home"
	rm -f "$home/apicurio-registry-app-$version-all.tar.gz"
}

java_bin() {
	local j
	for j in "${KSCOPE_JAVA:-}" /usr/lib/jvm/temurin-25-jdk-amd64/bin/java "$(command -v java || true)"; do
		[ -n "$j" ] && [ -x "$j" ] || continue
		local major
		major=$("$j" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
		if [ "${major:-0}" -ge 21 ]; then echo "$j"; return; fi
	done
	die "Apicurio Registry $version needs Java 21 or newer; set KSCOPE_JAVA"
}

start() {
	fetch
	stop
	mkdir -p "$dir"
	local java
	java=$(java_bin)
	(cd "$dir" && exec "$java" -Xms64m -Xmx512m -XX:+UseSerialGC \
		-Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" \
		-Dquarkus.log.level=WARN -jar "$home/quarkus-run.jar" >"$dir/registry.log" 2>&1) &
	echo $! >"$dir/pid"
	local deadline=$((SECONDS + 120))
	until curl -sf "$url/subjects" >/dev/null 2>&1; do
		if ! kill -0 "$(cat "$dir/pid")" 2>/dev/null || [ $SECONDS -ge $deadline ]; then
			tail -20 "$dir/registry.log" >&2
			stop
			die "the registry did not start"
		fi
		sleep 0.5
	done
	echo "url: $url"
}

stop() {
	local pid
	pid=$(cat "$dir/pid" 2>/dev/null || true)
	if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
		kill "$pid"
		local deadline=$((SECONDS + 30))
		while kill -0 "$pid" 2>/dev/null; do
			if [ $SECONDS -ge $deadline ]; then kill -9 "$pid" 2>/dev/null || true; fi
			sleep 0.2
		done
	fi
	rm -rf "$dir"
}

case "${1:-}" in
start) start ;;
stop) stop ;;
*) die "usage: schema-registry.sh start|stop" ;;
esac
