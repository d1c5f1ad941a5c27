#!/usr/bin/env bash
# A real Kafka Connect worker for kscope's tests: one distributed worker
# of Apache Kafka's own connect-runtime (4.3.1: see kafka-connect/pom.xml),
# with the FileStream connectors, against the Apache Kafka lane
# (scripts/apache-kafka.sh), its REST API on loopback.
#
#   scripts/kafka-connect.sh start   start it; prints "url: URL" and keeps it
#                                    in connect.txt ($KSCOPE_CONNECT_DIR)
#   scripts/kafka-connect.sh stop    stop it and remove its folder
#
# The jars come from Maven Central through scripts/kafka-connect/pom.xml into
# a cache outside the repo ($KSCOPE_CONNECT_JARS).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib-process.sh"
dir=${KSCOPE_CONNECT_DIR:-${TMPDIR:-/tmp}/kscope-kafka-connect}
port=${KSCOPE_CONNECT_PORT:-19083}
url="http://127.0.0.1:$port"
kafka_dir=${KSCOPE_KAFKA_DIR:-${TMPDIR:-/tmp}/kscope-apache-kafka}
version=4.3.1
jars=${KSCOPE_CONNECT_JARS:-${XDG_CACHE_HOME:-$HOME/.cache}/kscope/connect-jars/$version}

die() { echo "kafka-connect.sh: $*" >&2; exit 1; }

fetch_jars() {
	[ -f "$jars/connect-runtime-$version.jar" ] && [ -f "$jars/connect-file-$version.jar" ] && return
	command -v mvn >/dev/null || die "mvn is needed to fetch Kafka Connect's jars"
	mkdir -p "$jars"
	mvn -q -B -f "$here/kafka-connect/pom.xml" dependency:copy-dependencies -DincludeScope=runtime \
		-DoutputDirectory="$jars" >&2 || die "could not fetch Kafka Connect $version from Maven Central"
}

start() {
	[ -f "$kafka_dir/cluster.txt" ] || die "no Apache Kafka lane at $kafka_dir: run scripts/apache-kafka.sh start first"
	local bootstrap
	bootstrap=$(sed -n 's/^bootstrap: //p' "$kafka_dir/cluster.txt")
	fetch_jars
	stop
	mkdir -p "$dir"
	# Its topics are named for this folder, so that a worker started again
	# on the same lane starts afresh.
	local id
	id=$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')
	cat >"$dir/worker.properties" <<-PROPS
		bootstrap.servers=$bootstrap
		group.id=kscope-connect-$id
		config.storage.topic=kscope-connect-$id-configs
		offset.storage.topic=kscope-connect-$id-offsets
		status.storage.topic=kscope-connect-$id-status
		config.storage.replication.factor=3
		offset.storage.replication.factor=3
		status.storage.replication.factor=3
		key.converter=org.apache.kafka.connect.json.JsonConverter
		value.converter=org.apache.kafka.connect.json.JsonConverter
		key.converter.schemas.enable=false
		value.converter.schemas.enable=false
		offset.flush.interval.ms=1000
		listeners=$url
		plugin.discovery=hybrid_warn
	PROPS
	(exec java -Xms64m -Xmx384m -XX:+UseSerialGC -Djava.awt.headless=true \
		-Dlog4j2.configurationFile="$kafka_dir/log4j2.yaml" -cp "$jars/*" \
		org.apache.kafka.connect.cli.ConnectDistributed "$dir/worker.properties" >"$dir/worker.log" 2>&1) &
	echo $! >"$dir/pid"
	# Up once its REST API lists connectors: the worker has then joined
	# its group and read its topics.
	wait_up "$url/connectors" 180 worker
	echo "url: $url" | tee "$dir/connect.txt"
}

stop() {
	stop_pid "$dir/pid"
	rm -rf "$dir"
}

case "${1:-}" in
start) start ;;
stop) stop ;;
*) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
