"""Produce records with confluent-kafka (librdkafka), for kscope's interop
tests: for each codec of --codecs, --count records to partition 0 of
--topic, compressed with it, keyed "py-<codec>-<i>", each with a header "h"
and a header "n" whose value is null. Prints "ready" once every record is
acknowledged."""
import argparse
import sys

from confluent_kafka import Producer

ap = argparse.ArgumentParser()
ap.add_argument("--bootstrap", required=True)
ap.add_argument("--topic", required=True)
ap.add_argument("--codecs", default="none")
ap.add_argument("--count", type=int, default=3)
args = ap.parse_args()

failed = []
for codec in args.codecs.split(","):
    # One producer per codec, flushed before the next: the records of one
    # codec travel in batches of their own, in order.
    p = Producer({"bootstrap.servers": args.bootstrap, "compression.type": codec,
                  "linger.ms": 50, "enable.idempotence": True})
    for i in range(args.count):
        p.produce(args.topic, partition=0, key=f"py-{codec}-{i}".encode(),
                  value=f'{{"codec":"{codec}","i":{i},"text":"ünïcödé ✓"}}'.encode(),
                  headers=[("h", f"v{i}".encode()), ("n", None)],
                  on_delivery=lambda err, msg: err and failed.append(err))
    if p.flush(60) != 0 or failed:
        sys.exit(f"not delivered: {failed}")
print("ready", flush=True)
