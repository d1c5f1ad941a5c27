// Package serde reads and writes the formats records carry: Avro,
// Protobuf and JSON Schema through a Confluent-compatible Schema Registry
// (franz-go's sr client and the Confluent wire format), the same from
// local schema files by per-topic rules, MessagePack, and JSON. Every
// decoder is bounded (depth, sizes, references) whatever the registry or
// the record says, and turns bytes into JSON for the front ends.
package serde
