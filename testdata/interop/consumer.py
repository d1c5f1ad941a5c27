"""confluent-kafka (librdkafka) consumers for kscope's interop tests.

--members N consumers join --group on --topic (or, with --manual, one
consumer assigns itself every partition without joining), read everything
the topic holds, commit it, pause, and print "ready". They stay in the
group, paused, until standard input closes, so the lag the test makes
after "ready" stays exactly as made."""
import argparse
import sys
import threading
import time

from confluent_kafka import Consumer, KafkaError, KafkaException, TopicPartition

# Commit errors that only mean the group was rebalancing at that moment.
REBALANCING = {KafkaError.ILLEGAL_GENERATION, KafkaError.REBALANCE_IN_PROGRESS, KafkaError.UNKNOWN_MEMBER_ID}

ap = argparse.ArgumentParser()
ap.add_argument("--bootstrap", required=True)
ap.add_argument("--topic", required=True)
ap.add_argument("--group", required=True)
ap.add_argument("--members", type=int, default=1)
ap.add_argument("--protocol", default="classic")
ap.add_argument("--assignor", default="range")
ap.add_argument("--client-id", default="interop")
ap.add_argument("--static", action="store_true", help="static membership: group.instance.id per member")
ap.add_argument("--manual", action="store_true", help="assign, do not subscribe; commit only")
args = ap.parse_args()


def config(i):
    conf = {
        "bootstrap.servers": args.bootstrap,
        "group.id": args.group,
        "group.protocol": args.protocol,
        "client.id": f"{args.client_id}-{i}",
        "auto.offset.reset": "earliest",
        "enable.auto.commit": False,
    }
    if args.protocol == "classic":
        conf["partition.assignment.strategy"] = args.assignor
        conf["session.timeout.ms"] = 30000
    if args.static:
        conf["group.instance.id"] = f"{args.client_id}-instance-{i}"
    return conf


consumers = [Consumer(config(i)) for i in range(args.members)]
meta = consumers[0].list_topics(args.topic, timeout=30).topics[args.topic]
partitions = sorted(meta.partitions)
ends = {p: consumers[0].get_watermark_offsets(TopicPartition(args.topic, p), timeout=30)[1] for p in partitions}
if args.manual:
    consumers[0].assign([TopicPartition(args.topic, p, 0) for p in partitions])
else:
    for c in consumers:
        c.subscribe([args.topic])

stop = threading.Event()
pause = threading.Event()
lock = threading.Lock()
positions = {}  # partition -> next offset read, across members
assignments = {}  # member -> its partitions
paused = set()  # members that paused


# Each consumer is used by its own thread only: librdkafka's calls on one
# consumer from two threads at once (poll and assignment) can block.
def run(i, c):
    while not stop.is_set():
        m = c.poll(0.2)
        mine = c.assignment()
        with lock:
            assignments[i] = {tp.partition for tp in mine}
        if pause.is_set():
            if i not in paused:
                c.pause(mine)
                with lock:
                    paused.add(i)
            continue
        if m is None or m.error():
            continue
        try:
            c.commit(message=m, asynchronous=False)
        except KafkaException as e:
            # A rebalance came mid-commit. Whoever owns the partition next
            # reads this record again: this member, if it kept it, from
            # here; another from the last commit.
            if e.args[0].code() not in REBALANCING:
                raise
            try:
                c.seek(TopicPartition(m.topic(), m.partition(), m.offset()))
            except KafkaException:
                pass  # no longer this member's
            continue
        with lock:
            positions[m.partition()] = m.offset() + 1


threads = [threading.Thread(target=run, args=(i, c), daemon=True) for i, c in enumerate(consumers)]
for t in threads:
    t.start()


def wait(cond, what):
    deadline = time.time() + 120
    while True:
        with lock:
            if cond():
                return
        if time.time() > deadline:
            sys.exit(f"not {what}: positions {positions}, ends {ends}, assignments {assignments}")
        time.sleep(0.1)


def ready():
    # Every member holds a share of the partitions, and the shares add up
    # to them all, exactly: the group's rebalance has settled.
    shares = [assignments.get(i, set()) for i in range(len(consumers))]
    settled = all(shares) and sum(map(len, shares)) == len(partitions) == len(set().union(*shares))
    return settled and all(positions.get(p, 0) >= ends[p] for p in partitions)


wait(ready, "caught up")
pause.set()
wait(lambda: len(paused) == len(consumers), "paused")
print("ready", flush=True)
sys.stdin.read()
stop.set()
for t in threads:
    t.join()
for c in consumers:
    c.close()
