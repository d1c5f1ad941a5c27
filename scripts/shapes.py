"""Shapes of cluster to measure kscope on, made with confluent-kafka.

  python3 scripts/shapes.py ADDR KIND N [--topics T] [--prefix P]

KIND is topics (N topics of 1 partition), partitions (N partitions in
N/10 topics of 10), or groups (N groups over T topics of 10 partitions,
200 unless --topics says, each topic holding 2 records a partition and
each group committed on all partitions of one topic, at offset 0 or 1:
lag 2 or 1). Names are topic-000, group-00000..., after P- with --prefix,
so that runs on a cluster that lives on do not meet.

Used by scripts/bench-idle.sh, bench-topics.sh and bench-lag.sh.
"""

import argparse
import time

from confluent_kafka import Producer, TopicPartition, ConsumerGroupTopicPartitions
from confluent_kafka.admin import AdminClient, NewTopic


def shape(addr, kind, n, topics=200, prefix=""):
    admin = AdminClient({"bootstrap.servers": addr})
    name = (lambda s: f"{prefix}-{s}") if prefix else (lambda s: s)

    def create(names, parts):
        for i in range(0, len(names), 500):
            fs = admin.create_topics([NewTopic(t, parts, 1) for t in names[i:i + 500]])
            for f in fs.values():
                f.result()

    if kind == "topics":
        create([name(f"t-{i:06d}") for i in range(n)], 1)
    elif kind == "partitions":
        create([name(f"t-{i:05d}") for i in range(n // 10)], 10)
    elif kind == "groups":
        names = [name(f"topic-{i:03d}") for i in range(topics)]
        create(names, 10)
        p = Producer({"bootstrap.servers": addr, "linger.ms": 50})
        for t in names:
            for part in range(10):
                p.produce(t, b"v", partition=part)
                p.produce(t, b"v", partition=part)
        p.flush()
        commit_groups(admin, names, range(n), name)
    else:
        raise SystemExit(f"unknown shape {kind}")


def commit_groups(admin, topics, groups, name):
    """Commits each group on every partition of its topic, at offset 0 or
    1, 200 at a time. A commit can fail per partition without raising (a
    coordinator that does not know a new topic yet says so in the
    partition's error): those groups are committed again, up to ten
    times, and any still failing stop the script. (The futures are read
    from the dict they come in, not taken out of it: confluent-kafka
    completes them through that dict.)"""
    todo = list(groups)
    for _ in range(10):
        failed = []
        for i in range(0, len(todo), 200):
            futures = {}
            for g in todo[i:i + 200]:
                tps = [TopicPartition(topics[g % len(topics)], part, g % 2) for part in range(10)]
                futures[g] = admin.alter_consumer_group_offsets(
                    [ConsumerGroupTopicPartitions(name(f"group-{g:05d}"), tps)])[name(f"group-{g:05d}")]
            for g, f in futures.items():
                try:
                    if any(tp.error for tp in f.result().topic_partitions):
                        failed.append(g)
                except Exception:  # the whole request failed: again
                    failed.append(g)
        if not failed:
            return
        todo = failed
        time.sleep(1)
    raise SystemExit(f"shapes.py: {len(todo)} groups could not be committed, e.g. group-{todo[0]:05d}")


def main():
    ap = argparse.ArgumentParser(description="make a shape of cluster")
    ap.add_argument("addr")
    ap.add_argument("kind", choices=["topics", "partitions", "groups"])
    ap.add_argument("n", type=int)
    ap.add_argument("--topics", type=int, default=200)
    ap.add_argument("--prefix", default="")
    a = ap.parse_args()
    shape(a.addr, a.kind, a.n, a.topics, a.prefix)


if __name__ == "__main__":
    main()
