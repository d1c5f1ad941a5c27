package serde

import (
	"context"
	"fmt"
	"path"
	"runtime"
	"slices"
	"sync"

	"github.com/twmb/franz-go/pkg/sr"

	"github.com/kscope/kscope/model"
)

// Format is how the keys or values of a topic are read.
type Format struct {
	// Kind is auto (the default: the registry for framed bytes, else as
	// they are), json, msgpack, avro, protobuf, or raw (never decoded).
	Kind string
	// Message is the Protobuf message, for protobuf from local files.
	Message *ProtoMessage
	// Avro is the schema, for avro from a schema file.
	Avro *Avro
	// Broken, when set, is why the rule could not be read (a schema file
	// that is not Avro): what it covers is left undecoded, with this as
	// its note, and everything else decodes as ever.
	Broken error
}

// Rule says how to read the topics whose names match a pattern (a name,
// or a glob as in path.Match: "orders.*").
type Rule struct {
	Topics     string
	Key, Value Format
}

// Decoder reads records' keys and values: by the first rule whose pattern
// matches the topic, else through the registry when they are framed for
// one. It implements model.Decoder.
type Decoder struct {
	Registry *Registry // nil: none
	Protos   *Protos   // the local Protobuf files rules may name; nil: none

	mu    sync.RWMutex // rules change while tails decode
	rules []Rule
}

// NewDecoder makes a decoder of these rules.
func NewDecoder(registry *Registry, protos *Protos, rules []Rule) *Decoder {
	return &Decoder{Registry: registry, Protos: protos, rules: rules}
}

// Prefer puts a rule before the others, so it decides for the topics it
// matches from the next batch on; a rule for the very same topics goes.
func (d *Decoder) Prefer(r Rule) {
	d.mu.Lock()
	defer d.mu.Unlock()
	rest := slices.DeleteFunc(slices.Clone(d.rules), func(old Rule) bool { return old.Topics == r.Topics })
	d.rules = append([]Rule{r}, rest...)
}

// parallelFrom is the batch size from which decoding is spread over the
// machine's cores: a tail's batches of thousands of records decode in a
// fraction of the time, small ones are not worth the goroutines.
const parallelFrom = 512

// Decode sets DecodedKey and DecodedValue on each record it has a format
// for.
func (d *Decoder) Decode(ctx context.Context, records []model.Record) {
	if d == nil || len(records) == 0 {
		return
	}
	model.InParts(len(records), parallelFrom, runtime.GOMAXPROCS(0), func(_, lo, hi int) {
		d.decodeAll(ctx, records[lo:hi])
	})
}

func (d *Decoder) decodeAll(ctx context.Context, records []model.Record) {
	var topic, keySubject, valueSubject string
	var key, value Format
	var last lastSchema
	for i := range records {
		r := &records[i]
		if i == 0 || r.Topic != topic {
			topic, keySubject, valueSubject = r.Topic, r.Topic+"-key", r.Topic+"-value"
			key, value = Format{}, Format{}
			if rule := d.ruleFor(r.Topic); rule != nil {
				key, value = rule.Key, rule.Value
			}
		}
		r.DecodedKey = d.decode(ctx, key, r.Key, keySubject, &last)
		r.DecodedValue = d.decode(ctx, value, r.Value, valueSubject, &last)
	}
}

func (d *Decoder) ruleFor(topic string) *Rule {
	d.mu.RLock()
	defer d.mu.RUnlock()
	for i := range d.rules {
		if ok, _ := path.Match(d.rules[i].Topics, topic); ok || d.rules[i].Topics == topic {
			r := d.rules[i]
			return &r
		}
	}
	return nil
}

// decode reads one key or value, or says why it could not.
// subject is the record's own registry subject, for a framed one.
func (d *Decoder) decode(ctx context.Context, f Format, b []byte, subject string, last *lastSchema) *model.Decoded {
	if len(b) == 0 {
		return nil
	}
	if f.Broken != nil {
		return &model.Decoded{Format: f.Kind, Note: f.Broken.Error()}
	}
	if f.Kind == "" || f.Kind == "auto" {
		return d.decodeFramed(ctx, b, subject, last)
	}
	var c codec
	var out model.Decoded
	switch f.Kind {
	case "json":
		c, out.Format = JSONText{}, "json"
	case "msgpack":
		c, out.Format = MessagePack{}, "msgpack"
	case "avro":
		c, out.Format, out.Name = f.Avro, "avro", f.Avro.Name()
	case "protobuf":
		c, out.Format, out.Name = f.Message, "protobuf", f.Message.Name()
		// Framed for a registry, which a Protobuf message never starts
		// like (field 0 does not exist): read past the frame, so local
		// files decode a topic whose registry is out of reach.
		if id, framed := model.RegistryFrame(b); framed {
			var h sr.ConfluentHeader
			_, rest, _ := h.DecodeID(b)
			if _, payload, err := h.DecodeIndex(rest, maxNesting); err == nil {
				b = payload
				out.Schema = &model.Schema{ID: id, Type: "PROTOBUF"}
			}
		}
	default: // raw, text
		return nil
	}
	json, note, err := decodeJSON(c, b)
	if err != nil {
		out.Note = fmt.Sprintf("not %s: %v", describe(out), err)
		return &out
	}
	out.JSON, out.Note = json, note
	return &out
}

// decodeFramed reads bytes framed for a schema registry; nil for any
// others, which are most records of most topics: it allocates nothing
// for them.
func (d *Decoder) decodeFramed(ctx context.Context, b []byte, subject string, last *lastSchema) *model.Decoded {
	if _, framed := model.RegistryFrame(b); !framed {
		return nil
	}
	if d.Registry != nil {
		return d.Registry.decodeFor(ctx, b, subject, last)
	}
	if note := model.UnreadFrame(b); note != "" {
		return &model.Decoded{Note: note}
	}
	return nil
}

func describe(d model.Decoded) string {
	if d.Name != "" {
		return d.Format + " " + d.Name
	}
	return d.Format
}
