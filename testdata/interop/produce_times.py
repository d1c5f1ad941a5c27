"""Produce one record per --ms timestamp (milliseconds since the epoch)
with kafka-python, to partition 0 of --topic, valued with the timestamp.
kafka-python keeps timestamps as integers, so any date goes through
exactly. Prints "ready" once all are acknowledged."""
import argparse

from kafka import KafkaProducer

ap = argparse.ArgumentParser()
ap.add_argument("--bootstrap", required=True)
ap.add_argument("--topic", required=True)
ap.add_argument("--ms", type=int, action="append", required=True)
args = ap.parse_args()

p = KafkaProducer(bootstrap_servers=args.bootstrap.split(","))
for ms in args.ms:
    p.send(args.topic, value=str(ms).encode(), partition=0, timestamp_ms=ms).get(timeout=60)
p.close()
print("ready", flush=True)
