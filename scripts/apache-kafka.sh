#!/usr/bin/env bash
# A real Apache Kafka cluster for kscope's tests: three combined
# broker+controller KRaft nodes on loopback, with PLAINTEXT, SASL_PLAINTEXT
# (SCRAM-SHA-512) and mutual-TLS listeners and the StandardAuthorizer.
#
#   scripts/apache-kafka.sh start         start it; prints where it is
#   scripts/apache-kafka.sh env           print its address lines again
#   scripts/apache-kafka.sh stop-node N   stop node N (1-3), keeping its data
#   scripts/apache-kafka.sh kill-node N   kill node N at once (SIGKILL), as a crash would
#   scripts/apache-kafka.sh start-node N  start node N again
#   scripts/apache-kafka.sh stop          stop every node and remove the data
#   scripts/apache-kafka.sh jars          fetch the jars only; prints their folder
#
# The jars come from Maven Central through scripts/apache-kafka/pom.xml into
# a cache outside the repo ($KSCOPE_KAFKA_JARS). Java 17 or newer is needed.
#
# Principals: the PLAINTEXT listener is User:ANONYMOUS and the client
# certificate is User:kscope-client, both super users, as is the SCRAM user
# admin; the SCRAM user alice has no ACLs, so what she is denied is real.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
version=${KSCOPE_KAFKA_VERSION:-4.4.0}
jars=${KSCOPE_KAFKA_JARS:-${XDG_CACHE_HOME:-$HOME/.cache}/kscope/kafka-jars/$version}
dir=${KSCOPE_KAFKA_DIR:-${TMPDIR:-/tmp}/kscope-apache-kafka}
# Below Linux's ephemeral range (32768-60999): a fixed port inside it can
# be held at that moment by some client's outgoing connection, and then a
# node cannot bind it ("Address already in use"), as happened once here.
base=${KSCOPE_KAFKA_PORT_BASE:-19090}
heap=${KSCOPE_KAFKA_HEAP:-384m}
nodes=(1 2 3)

plain_port() { echo $((base + $1)); }
sasl_port() { echo $((base + 100 + $1)); }
ssl_port() { echo $((base + 200 + $1)); }
ctrl_port() { echo $((base + 300 + $1)); }

list() { # list FN: host:port of every node, comma-separated
	local out=() n
	for n in "${nodes[@]}"; do out+=("127.0.0.1:$($1 "$n")"); done
	(IFS=,; echo "${out[*]}")
}

die() { echo "apache-kafka.sh: $*" >&2; exit 1; }

fetch_jars() {
	[ -f "$jars/kafka_2.13-$version.jar" ] && [ -f "$jars/kafka-tools-$version.jar" ] &&
		[ -f "$jars/kafka-storage-$version-test-fixtures.jar" ] && return
	command -v mvn >/dev/null || die "mvn is needed to fetch Apache Kafka's jars"
	mkdir -p "$jars"
	mvn -q -B -f "$here/apache-kafka/pom.xml" -Dkafka.version="$version" \
		dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$jars" >&2 ||
		die "could not fetch Apache Kafka $version from Maven Central"
}

# java_run MAIN ARGS...: run a class from the broker's jars. It execs, so
# call it in a subshell (`java_run … &`): the job's pid is then Java's own,
# which is what stop-node and stop signal.
java_run() {
	exec java -Xms64m -Xmx"$heap" -XX:+UseSerialGC -Djava.awt.headless=true \
		-Dlog4j2.configurationFile="$dir/log4j2.yaml" -cp "$jars/*" "$@"
}

make_certs() {
	local c=$dir/certs
	mkdir -p "$c"
	openssl_quiet() { openssl "$@" 2>/dev/null; }
	openssl_quiet req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=kscope test CA" \
		-keyout "$c/ca.key" -out "$c/ca.pem"
	issue() { # issue NAME CN [EXT]: a key and a certificate signed by the CA
		openssl_quiet req -newkey rsa:2048 -nodes -subj "/CN=$2" -keyout "$c/$1.raw" -out "$c/$1.csr"
		openssl_quiet pkcs8 -topk8 -nocrypt -in "$c/$1.raw" -out "$c/$1.key"
		openssl_quiet x509 -req -in "$c/$1.csr" -CA "$c/ca.pem" -CAkey "$c/ca.key" -CAcreateserial \
			-days 30 -out "$c/$1.pem" ${3:+-extfile "$3"}
		rm -f "$c/$1.raw" "$c/$1.csr"
	}
	printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' >"$c/server.ext"
	issue server localhost "$c/server.ext"
	issue client kscope-client
	# A client certificate from a CA the brokers do not trust, for failures.
	openssl_quiet req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=stranger" \
		-keyout "$c/stranger.raw" -out "$c/stranger.pem"
	openssl_quiet pkcs8 -topk8 -nocrypt -in "$c/stranger.raw" -out "$c/stranger.key"
	rm -f "$c/stranger.raw" "$c/server.ext"
	# Kafka's PEM key store wants the key and its chain in one file.
	cat "$c/server.key" "$c/server.pem" >"$c/server-keystore.pem"
}

write_config() { # write_config N
	local n=$1 voters=() m
	for m in "${nodes[@]}"; do voters+=("$m@127.0.0.1:$(ctrl_port "$m")"); done
	mkdir -p "$dir/node$n"
	cat >"$dir/node$n/server.properties" <<-EOF
		process.roles=broker,controller
		node.id=$n
		controller.quorum.voters=$(IFS=,; echo "${voters[*]}")
		controller.listener.names=CONTROLLER
		listeners=PLAINTEXT://127.0.0.1:$(plain_port "$n"),SASL_PLAINTEXT://127.0.0.1:$(sasl_port "$n"),SSL://127.0.0.1:$(ssl_port "$n"),CONTROLLER://127.0.0.1:$(ctrl_port "$n")
		advertised.listeners=PLAINTEXT://127.0.0.1:$(plain_port "$n"),SASL_PLAINTEXT://127.0.0.1:$(sasl_port "$n"),SSL://127.0.0.1:$(ssl_port "$n")
		listener.security.protocol.map=PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,SSL:SSL,CONTROLLER:PLAINTEXT
		inter.broker.listener.name=PLAINTEXT
		log.dirs=$dir/node$n/data

		sasl.enabled.mechanisms=SCRAM-SHA-512
		listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
		ssl.keystore.type=PEM
		ssl.keystore.location=$dir/certs/server-keystore.pem
		ssl.truststore.type=PEM
		ssl.truststore.location=$dir/certs/ca.pem
		ssl.client.auth=required
		ssl.principal.mapping.rules=RULE:^CN=([^,]*).*\$/\$1/,DEFAULT

		authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
		super.users=User:ANONYMOUS;User:kscope-client;User:admin

		num.partitions=1
		default.replication.factor=3
		min.insync.replicas=1
		offsets.topic.replication.factor=3
		offsets.topic.num.partitions=10
		transaction.state.log.replication.factor=3
		transaction.state.log.min.isr=1
		share.coordinator.state.topic.replication.factor=3
		share.coordinator.state.topic.min.isr=1
		group.initial.rebalance.delay.ms=0
		auto.create.topics.enable=true
		replica.lag.time.max.ms=10000
		log.segment.bytes=16777216
		num.network.threads=2
		num.io.threads=2
		background.threads=2
		num.replica.fetchers=1
		log.cleaner.threads=1
		num.recovery.threads.per.data.dir=1

		# Tiered storage, on Kafka's own test storage (LocalTieredStorage,
		# from kafka-storage's test fixtures): the nodes share one remote
		# dir, and copy and trim each second, so that a test sees segments
		# move within seconds. Topics opt in with remote.storage.enable.
		remote.log.storage.system.enable=true
		remote.log.storage.manager.class.name=org.apache.kafka.server.log.remote.storage.LocalTieredStorage
		remote.log.storage.manager.impl.prefix=rsm.config.
		rsm.config.dir=$dir/remote
		remote.log.metadata.manager.listener.name=PLAINTEXT
		remote.log.manager.task.interval.ms=1000
		log.retention.check.interval.ms=1000
	EOF
}

write_log_config() {
	cat >"$dir/log4j2.yaml" <<-'EOF'
		Configuration:
		  Appenders:
		    Console:
		      name: STDOUT
		      PatternLayout:
		        Pattern: "[%d] %p %m (%c)%n"
		  Loggers:
		    Root:
		      level: INFO
		      AppenderRef:
		        - ref: STDOUT
		    Logger:
		      - name: kafka
		        level: INFO
		      - name: org.apache.kafka
		        level: WARN
	EOF
}

pid_of() { cat "$dir/node$1/pid" 2>/dev/null || true; }

running() { local pid; pid=$(pid_of "$1"); [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; }

launch() { # launch N: start node N and wait until it serves
	local n=$1 log=$dir/node$1/kafka.log before
	running "$n" && return
	touch "$log"
	before=$(grep -c 'Kafka Server started' "$log" || true)
	java_run kafka.Kafka "$dir/node$n/server.properties" >>"$log" 2>&1 &
	echo $! >"$dir/node$n/pid"
	# Readiness is the broker's own word: it says "started" only once the
	# controllers have unfenced it, so it answers requests from then on.
	local deadline=$((SECONDS + ${KSCOPE_KAFKA_START_TIMEOUT:-180}))
	until [ "$(grep -c 'Kafka Server started' "$log" || true)" -gt "$before" ]; do
		running "$n" || { tail -n 15 "$log" >&2; die "node $n exited while starting (log: $log)"; }
		[ $SECONDS -lt $deadline ] || { tail -n 15 "$log" >&2; die "node $n did not start in time (log: $log)"; }
		sleep 0.5
	done
}

halt() { # halt N: stop node N cleanly (a controlled shutdown), as an operator would
	local n=$1 pid
	pid=$(pid_of "$n")
	[ -n "$pid" ] || return 0
	kill "$pid" 2>/dev/null || true
	local deadline=$((SECONDS + 60))
	while kill -0 "$pid" 2>/dev/null; do
		if [ $SECONDS -ge $deadline ]; then kill -9 "$pid" 2>/dev/null || true; fi
		sleep 0.2
	done
	rm -f "$dir/node$n/pid"
}

crash() { # crash N: kill node N with no shutdown at all, as a failing machine would
	local n=$1 pid
	pid=$(pid_of "$n")
	[ -n "$pid" ] || return 0
	kill -9 "$pid" 2>/dev/null || true
	while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
	rm -f "$dir/node$n/pid"
}

print_env() {
	cat <<-EOF
		bootstrap: $(list plain_port)
		sasl_bootstrap: $(list sasl_port)
		ssl_bootstrap: $(list ssl_port)
		sasl_mechanism: SCRAM-SHA-512
		sasl_admin: admin admin-secret
		sasl_user: alice alice-secret
		ca: $dir/certs/ca.pem
		client_cert: $dir/certs/client.pem
		client_key: $dir/certs/client.key
		untrusted_cert: $dir/certs/stranger.pem
		untrusted_key: $dir/certs/stranger.key
		dir: $dir
	EOF
}

# announce prints where the cluster is, and keeps it in cluster.txt for the
# tests (KSCOPE_APACHE_KAFKA names the folder).
announce() {
	print_env >"$dir/cluster.txt"
	cat "$dir/cluster.txt"
}

start() {
	command -v java >/dev/null || die "java (17 or newer) is needed"
	fetch_jars
	if [ -f "$dir/cluster-id" ]; then
		for n in "${nodes[@]}"; do launch "$n" & done
		wait
		announce
		return
	fi
	rm -rf "$dir"
	mkdir -p "$dir"
	write_log_config
	make_certs
	# A KRaft cluster id is 16 random bytes in URL-safe base64, unpadded.
	head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n' >"$dir/cluster-id"
	for n in "${nodes[@]}"; do
		write_config "$n"
		# --cluster-id=ID, not -t ID: an id may start with "-".
		java_run kafka.tools.StorageTool format --cluster-id="$(cat "$dir/cluster-id")" \
			-c "$dir/node$n/server.properties" \
			--add-scram 'SCRAM-SHA-512=[name=admin,password=admin-secret]' \
			--add-scram 'SCRAM-SHA-512=[name=alice,password=alice-secret]' \
			>"$dir/node$n/format.log" 2>&1 &
	done
	wait || true
	for n in "${nodes[@]}"; do
		[ -f "$dir/node$n/data/meta.properties" ] || { cat "$dir/node$n/format.log" >&2; die "formatting node $n failed"; }
	done
	# The nodes start together: each waits for a quorum of controllers.
	local pids=()
	for n in "${nodes[@]}"; do launch "$n" & pids+=($!); done
	for p in "${pids[@]}"; do wait "$p" || { stop; die "the cluster did not start"; }; done
	announce
}

stop() {
	for n in "${nodes[@]}"; do halt "$n" & done
	wait
	rm -rf "$dir"
}

node_arg() {
	case "${1:-}" in 1 | 2 | 3) ;; *) die "name a node: 1, 2 or 3" ;; esac
	[ -f "$dir/cluster-id" ] || die "no cluster at $dir: run start first"
}

case "${1:-}" in
start) start ;;
stop) stop ;;
jars) fetch_jars; echo "$jars" ;;
env) [ -f "$dir/cluster.txt" ] || die "no cluster at $dir"; cat "$dir/cluster.txt" ;;
stop-node) node_arg "${2:-}"; halt "$2" ;;
kill-node) node_arg "${2:-}"; crash "$2" ;;
start-node) node_arg "${2:-}"; launch "$2" ;;
*) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
