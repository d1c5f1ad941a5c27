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
# not on Maven Central. Apicurio 3.3 needs Java 21 or newer ($KSCOPE_JAVA,
# else the Temurin 25 JDK these machines carry, else java on the PATH);
# with only Java 17 it runs Apicurio 2.6, whose ccompat API is the same.
set -euo pipefail
. "$(dirname "$0")/lib-process.sh"

dir=${KSCOPE_REGISTRY_DIR:-${TMPDIR:-/tmp}/kscope-schema-registry}
port=${KSCOPE_REGISTRY_PORT:-19081}
url="http://127.0.0.1:$port/apis/ccompat/v7"

die() { echo "schema-registry.sh: $*" >&2; exit 1; }

major_of() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }

# pick_java sets java to the newest of the candidates, and version to the
# Apicurio it can run.
pick_java() {
	local j major best=0
	java=""
	for j in "${KSCOPE_JAVA:-}" /usr/lib/jvm/temurin-25-jdk-amd64/bin/java "$(command -v java || true)"; do
		[ -n "$j" ] && [ -x "$j" ] || continue
		major=$(major_of "$j")
		if [ "${major:-0}" -gt "$best" ]; then best=$major java=$j; fi
	done
	[ "$best" -ge 17 ] || die "Apicurio Registry needs Java 17 or newer; set KSCOPE_JAVA"
	if [ "$best" -ge 21 ]; then version=${KSCOPE_REGISTRY_VERSION:-3.3.3}; else version=${KSCOPE_REGISTRY_VERSION:-2.6.13.Final}; fi
	home=${KSCOPE_REGISTRY_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/kscope/apicurio-$version}
}

# jar is the registry's launcher: quarkus-run.jar in 3.x, a runner jar in 2.x.
jar() {
	local j
	for j in "$home/quarkus-run.jar" "$home/apicurio-registry-app-$version-runner.jar"; do
		[ -f "$j" ] && { echo "$j"; return; }
	done
}

fetch() {
	[ -n "$(jar)" ] && return
	command -v mvn >/dev/null || die "mvn is needed to fetch Apicurio Registry"
	mkdir -p "$home"
	mvn -q -B dependency:copy -Dartifact="io.apicurio:apicurio-registry-app:$version:tar.gz:all" \
		-DoutputDirectory="$home" >&2 || die "could not fetch Apicurio Registry $version from Maven Central"
	tar -xzf "$home/apicurio-registry-app-$version-all.tar.gz" -C "$home"
	rm -f "$home/apicurio-registry-app-$version-all.tar.gz"
}

start() {
	pick_java
	fetch
	stop
	mkdir -p "$dir"
	(cd "$dir" && exec "$java" -Xms64m -Xmx512m -XX:+UseSerialGC \
		-Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" \
		-Dquarkus.log.level=WARN -jar "$(jar)" >"$dir/registry.log" 2>&1) &
	echo $! >"$dir/pid"
	wait_up "$url/subjects" 120 registry
	echo "url: $url"
}

stop() {
	stop_pid "$dir/pid"
	rm -rf "$dir"
}

case "${1:-}" in
start) start ;;
stop) stop ;;
*) die "usage: schema-registry.sh start|stop" ;;
esac
