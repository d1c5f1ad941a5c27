"""Produce records with Confluent's own Schema Registry serializers, for
kscope's interop tests.

Registers schemas in the registry at --registry (subjects named by topic,
as Confluent's default TopicNameStrategy does) and produces to partition 0
of the topics --avro, --proto and --json:

  Avro: an Order whose customer is a shop.Customer from another subject
    (a schema reference), with unions, decimal, uuid, timestamp-millis,
    date, enums, arrays, maps, bytes and fixed.
  Protobuf: messages of a file that imports another (registered by the
    serializer as a reference) and well-known types; Address (message
    index [0]), Shipment ([1]: nested messages, an enum, oneofs, repeated
    fields, a map, 64-bit integers, bytes, Timestamp, Duration,
    StringValue) and Shipment.Parcel ([1, 0]).
  JSON Schema: objects with nested values.

For every record it writes one line to --expect: the topic, the key and
what Confluent's deserializer reads back, as JSON in kscope's conventions
(protobuf's JSON mapping by MessageToDict; Avro decimals as exact strings,
timestamps as ISO 8601 with milliseconds and Z, dates as ISO dates, bytes
as base64). Prints "ready" once every record is acknowledged.

With --fixture FILE instead of --bootstrap and --registry, it runs the
same cases against Confluent's in-memory registry, produces nothing, and
writes FILE: every schema the serializers registered (id, subject,
version, type, text, references) and every record's bytes beside what
the deserializer read back, so the plain go test checks kscope's decoding
against Confluent's without a registry or a broker
(scripts/fixtures/confluent-serde.sh makes it)."""
import argparse
import base64
import datetime
import decimal
import faulthandler
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid

import confluent_kafka
from confluent_kafka import Producer
from confluent_kafka.schema_registry import Schema, SchemaReference, SchemaRegistryClient, topic_subject_name_strategy
from confluent_kafka.schema_registry.avro import AvroDeserializer, AvroSerializer
from confluent_kafka.schema_registry.json_schema import JSONDeserializer, JSONSerializer
from confluent_kafka.schema_registry.protobuf import ProtobufDeserializer, ProtobufSerializer
from confluent_kafka.serialization import MessageField, SerializationContext
from google.protobuf.json_format import MessageToDict, ParseDict

ap = argparse.ArgumentParser()
ap.add_argument("--bootstrap")
ap.add_argument("--registry")
ap.add_argument("--avro", default="avro")
ap.add_argument("--proto", default="proto")
ap.add_argument("--json", default="json")
ap.add_argument("--expect")
ap.add_argument("--fixture")
args = ap.parse_args()
if not args.fixture and not (args.bootstrap and args.registry and args.expect):
    ap.error("give --bootstrap, --registry and --expect, or --fixture")

here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "schemas")
failed = []
fixture = []
if args.fixture:
    from confluent_kafka.schema_registry._sync.mock_schema_registry_client import MockSchemaRegistryClient
    registry = MockSchemaRegistryClient({"url": "mock://"})
    producer = None
    expect = None
else:
    registry = SchemaRegistryClient({"url": args.registry})
    producer = Producer({"bootstrap.servers": args.bootstrap, "linger.ms": 20})
    expect = open(args.expect, "w")


def read(name):
    with open(os.path.join(here, name)) as f:
        return f.read()


def as_json(v):
    """A deserialized Python value in kscope's JSON conventions."""
    if isinstance(v, dict):
        return {k: as_json(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [as_json(x) for x in v]
    if isinstance(v, decimal.Decimal):
        return format(v, "f")
    if isinstance(v, datetime.datetime):
        return v.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
    if isinstance(v, datetime.date):
        return v.isoformat()
    if isinstance(v, uuid.UUID):
        return str(v)
    if isinstance(v, bytes):
        return base64.b64encode(v).decode()
    return v


def send(topic, key, value, read_back):
    back = as_json(read_back(value))
    if producer is None:
        fixture.append({"topic": topic, "key": key, "bytes": base64.b64encode(value).decode(), "value": back})
        return
    producer.produce(topic, partition=0, key=key.encode(), value=value,
                     on_delivery=lambda err, msg: err and failed.append(err))
    expect.write(json.dumps({"topic": topic, "key": key, "value": back}) + "\n")


def registered():
    """Every schema version the serializers registered, as the registry's API has them."""
    out = []
    for subject in registry.get_subjects():
        for version in registry.get_versions(subject):
            rs = registry.get_version(subject, version)
            out.append({"id": rs.schema_id, "subject": subject, "version": rs.version,
                        "schemaType": rs.schema.schema_type, "schema": rs.schema.schema_str,
                        "references": [{"name": r.name, "subject": r.subject, "version": r.version}
                                       for r in rs.schema.references or []]})
    return sorted(out, key=lambda s: (s["id"], s["subject"], s["version"]))


# Subjects are named by topic, as the wire format kscope reads expects,
# and said so: left to its default, confluent-kafka 2.16 first asks the
# registry for "associations", which Apicurio does not know; its answer
# once never came, and each serializer call hung for 90 s (a CI run).
BY_TOPIC = {"subject.name.strategy": topic_subject_name_strategy}


def avro():
    topic = args.avro
    registry.register_schema("shop.Customer", Schema(read("customer.avsc"), "AVRO"))
    version = registry.get_latest_version("shop.Customer").version
    schema = Schema(read("order.avsc"), "AVRO", [SchemaReference("shop.Customer", "shop.Customer", version)])
    registry.register_schema(topic + "-value", schema)
    ser = AvroSerializer(registry, schema, conf={"auto.register.schemas": False, "use.latest.version": True, **BY_TOPIC})
    de = AvroDeserializer(registry)
    ctx = SerializationContext(topic, MessageField.VALUE)
    base = {
        "id": 1, "ref": uuid.UUID("0b7c6e2a-5a8e-4c1e-9d55-0c2f3c9e4a11"), "total": decimal.Decimal("-12.34"),
        "placed": datetime.datetime(2026, 11, 25, 6, 40, 0, 123000, tzinfo=datetime.timezone.utc),
        "day": datetime.date(2026, 11, 25), "status": "PAID", "note": None, "extra": None,
        "customer": {"id": "cus-7", "tier": "GOLD"},
        "items": [{"sku": "A-1", "qty": 2, "price": 9.99}, {"sku": "B-2", "qty": 1, "price": 0.1}],
        "tags": {"weight": 1.5, "volume": -0.25}, "blob": b"\x00\xff\x10", "code": b"AB\x00\x01",
    }
    for i, change in enumerate([
        {},
        {"id": 2**40, "note": "gift wrap ünïcödé ✓", "extra": 7, "total": decimal.Decimal("0.05"), "items": [], "tags": {}},
        {"id": -3, "extra": "text", "status": "NEW", "total": decimal.Decimal("9999999999.99")},
        {"extra": {"id": "cus-9", "tier": "BASIC"}, "blob": b""},
    ]):
        send(topic, f"avro-{i}", ser({**base, **change}, ctx), lambda v: de(v, ctx))


def protobuf():
    topic = args.proto
    out = tempfile.mkdtemp()
    subprocess.run([sys.executable, "-m", "grpc_tools.protoc", "-I", here, "--python_out", out,
                    "common.proto", "shipment.proto"], check=True)
    sys.path.insert(0, out)
    import shipment_pb2  # generated just now by protoc, not by kscope's compiler

    ctx = SerializationContext(topic, MessageField.VALUE)
    conf = {"use.deprecated.format": False}
    cases = [
        (shipment_pb2.Address, {"city": "Zürich", "country": "CH"}),
        (shipment_pb2.Shipment, {
            "id": "shp-1", "carrier": "DHL", "destination": {"city": "Lyon", "country": "FR"},
            "parcels": [{"sku": "A-1", "grams": 1200, "labels": [{"text": "fragile"}]}, {"sku": "B-2"}],
            "shipped_at": "2026-11-25T06:40:00.123456789Z", "transit": "3600.5s", "note": "leave at door",
            "cost": {"currency": "EUR", "units": "12", "nanos": 340000000},
            "counts": {"a": 1, "b": -2}, "big": "-9007199254740993", "blob": "AP8Q",
            "tracking_code": "TRK-1", "weights": [0.1, 2.5], "fragile": True}),
        (shipment_pb2.Shipment, {"id": "shp-2", "pickup_point": "18446744073709551615", "note": ""}),
        (shipment_pb2.Shipment.Parcel, {"sku": "C-3", "grams": 7, "labels": [{"text": "x"}, {"text": "y"}]}),
    ]
    for i, (cls, fields) in enumerate(cases):
        ser = ProtobufSerializer(cls, registry, {**conf, **BY_TOPIC})
        de = ProtobufDeserializer(cls, conf)
        send(topic, f"proto-{i}", ser(ParseDict(fields, cls()), ctx), lambda v: MessageToDict(de(v, ctx)))


def json_schema():
    topic = args.json
    schema = read("event.schema.json")
    ser = JSONSerializer(schema, registry, conf=BY_TOPIC)
    de = JSONDeserializer(schema)
    ctx = SerializationContext(topic, MessageField.VALUE)
    for i, v in enumerate([
        {"id": "e-1", "count": 3, "ratio": 0.5, "tags": ["a", "ü"], "nested": {"ok": True}},
        {"id": "e-2"},
    ]):
        send(topic, f"json-{i}", ser(v, ctx), lambda v: de(v, ctx))


# Each stage says on stderr when it is done, so a run that never gets
# ready shows where it stopped; one that hangs prints where every thread
# is, before the test gives up on it at two minutes (the protobuf stage
# hung once under load).
faulthandler.dump_traceback_later(90, exit=False)
started = time.monotonic()
for stage in (avro, protobuf, json_schema):
    stage()
    print(f"serde.py: {stage.__name__} sent after {time.monotonic() - started:.1f}s", file=sys.stderr, flush=True)
if producer is None:
    with open(args.fixture, "w") as f:
        json.dump({"made_by": f"confluent-kafka {confluent_kafka.__version__}", "schemas": registered(), "records": fixture}, f, indent=1, ensure_ascii=False)
        f.write("\n")
    faulthandler.cancel_dump_traceback_later()
    sys.exit(0)
expect.close()
if producer.flush(60) != 0 or failed:
    sys.exit(f"not delivered: {failed}")
faulthandler.cancel_dump_traceback_later()
print("ready", flush=True)
