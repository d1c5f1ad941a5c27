"""A confluent-kafka (librdkafka) consumer that joins a group, reads and
commits a given number of records, prints "ready", and stays in the group
until its standard input closes. kscope's tests use it as an independent
client: with --protocol consumer it is a KIP-848 group member."""
import argparse
import sys

from confluent_kafka import Consumer

ap = argparse.ArgumentParser()
ap.add_argument("--bootstrap", required=True)
ap.add_argument("--topic", required=True)
ap.add_argument("--group", required=True)
ap.add_argument("--read", type=int, required=True)
ap.add_argument("--protocol", default="classic")
ap.add_argument("--assignor", default="range")
ap.add_argument("--client-id", default="interop")
ap.add_argument("--instance-id")
args = ap.parse_args()

conf = {
    "bootstrap.servers": args.bootstrap,
    "group.id": args.group,
    "group.protocol": args.protocol,
    "client.id": args.client_id,
    "auto.offset.reset": "earliest",
    "enable.auto.commit": False,
}
if args.protocol == "classic":
    conf["partition.assignment.strategy"] = args.assignor
if args.instance_id:
    conf["group.instance.id"] = args.instance_id
c = Consumer(conf)
c.subscribe([args.topic])
read = 0
while read < args.read:
    m = c.poll(1.0)
    if m is None or m.error():
        continue
    read += 1
c.commit(asynchronous=False)
print("ready", flush=True)
sys.stdin.read()
c.close()
