package serde

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/bufbuild/protocompile"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protodesc"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"
	"google.golang.org/protobuf/types/descriptorpb"
	"google.golang.org/protobuf/types/dynamicpb"

	"github.com/kscope/kscope/model"
)

// Protos are compiled Protobuf files: from a registry schema and its
// references, from .proto files, or from descriptor sets.
//
// .proto text is compiled at run time by bufbuild/protocompile (pure Go,
// what buf itself uses), so no protoc and no generated code are needed;
// the messages are read with google.golang.org/protobuf's dynamicpb and
// written as JSON by its protojson, the reference mapping (well-known
// types, Any, oneofs, 64-bit integers as strings).
type Protos struct {
	main  protoreflect.FileDescriptor // the file a registry schema is; nil for local files
	files *protoregistry.Files
	types *dynamicpb.Types // for Any and extensions
	plans plans            // for the wire walker, of the messages records were read as
}

// CompileProto compiles the file main, whose imports are found in
// sources by their import path, or among the well-known types. A source
// is .proto text, or a FileDescriptorProto in base64: registries keep
// what serializers send, and Confluent's Python and Go serializers send
// descriptors.
func CompileProto(ctx context.Context, main string, sources map[string]string) (*Protos, error) {
	resolve := protocompile.ResolverFunc(func(path string) (protocompile.SearchResult, error) {
		text, ok := sources[path]
		if !ok {
			return protocompile.SearchResult{}, fs.ErrNotExist
		}
		if fd := descriptorIn(text); fd != nil {
			fd.Name = proto.String(path) // imports name it by its path here
			return protocompile.SearchResult{Proto: fd}, nil
		}
		return protocompile.SearchResult{Source: strings.NewReader(text)}, nil
	})
	return compile(ctx, resolve, main)
}

// descriptorIn reads a base64 FileDescriptorProto, or nil when text is
// not one: .proto text is never valid base64 (it has spaces and
// semicolons).
func descriptorIn(text string) *descriptorpb.FileDescriptorProto {
	b, err := base64.StdEncoding.DecodeString(strings.TrimSpace(text))
	if err != nil {
		return nil
	}
	var fd descriptorpb.FileDescriptorProto
	if proto.Unmarshal(b, &fd) != nil {
		return nil
	}
	for _, m := range fd.MessageType {
		fillJSONNames(m)
	}
	return &fd
}

// fillJSONNames gives every field its JSON name, as protoc does: Python's
// serializers send descriptors without them, and the linker would take
// every field for one named "".
func fillJSONNames(m *descriptorpb.DescriptorProto) {
	for _, f := range m.Field {
		if f.GetJsonName() == "" {
			f.JsonName = proto.String(jsonName(f.GetName()))
		}
	}
	for _, n := range m.NestedType {
		fillJSONNames(n)
	}
}

// jsonName is protoc's default JSON name: lowerCamelCase of the field's
// name, each underscore dropped and the letter after it capitalised.
func jsonName(name string) string {
	out := make([]byte, 0, len(name))
	upper := false
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c == '_':
			upper = true
		case upper && 'a' <= c && c <= 'z':
			out = append(out, c-'a'+'A')
			upper = false
		default:
			out = append(out, c)
			upper = false
		}
	}
	return string(out)
}

// LoadProtos compiles .proto files found in importPaths (the current
// directory when none is given) and reads descriptor sets (protoc
// --descriptor_set_out, with --include_imports).
func LoadProtos(ctx context.Context, importPaths, files, descriptorSets []string) (*Protos, error) {
	p := &Protos{files: new(protoregistry.Files)}
	if len(files) > 0 {
		compiled, err := compile(ctx, &protocompile.SourceResolver{ImportPaths: importPaths}, files...)
		if err != nil {
			return nil, err
		}
		p = compiled
	}
	for _, path := range descriptorSets {
		if err := p.addDescriptorSet(path); err != nil {
			return nil, fmt.Errorf("descriptor set %s: %w", path, err)
		}
	}
	p.types = dynamicpb.NewTypes(p.files)
	return p, nil
}

func compile(ctx context.Context, r protocompile.Resolver, names ...string) (*Protos, error) {
	c := protocompile.Compiler{Resolver: protocompile.WithStandardImports(r)}
	compiled, err := c.Compile(ctx, names...)
	if err != nil {
		return nil, err
	}
	p := &Protos{files: new(protoregistry.Files)}
	for _, f := range compiled {
		if err := register(p.files, f); err != nil {
			return nil, err
		}
	}
	if p.main, err = p.files.FindFileByPath(compiled[0].Path()); err != nil {
		return nil, err
	}
	p.types = dynamicpb.NewTypes(p.files)
	return p, nil
}

// register adds f and, first, what it imports. It rebuilds f with
// protodesc: the protobuf module's own descriptors answer the questions
// decoding asks of every field (kind, presence, number) from fields
// worked out once, which made decoding several times faster than with the
// compiler's.
func register(files *protoregistry.Files, f protoreflect.FileDescriptor) error {
	if _, err := files.FindFileByPath(f.Path()); err == nil {
		return nil
	}
	imports := f.Imports()
	for i := range imports.Len() {
		if err := register(files, imports.Get(i).FileDescriptor); err != nil {
			return err
		}
	}
	native, err := protodesc.NewFile(protodesc.ToFileDescriptorProto(f), files)
	if err != nil {
		return err
	}
	return files.RegisterFile(native)
}

func (p *Protos) addDescriptorSet(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var set descriptorpb.FileDescriptorSet
	if err := proto.Unmarshal(b, &set); err != nil {
		return err
	}
	files, err := protodesc.NewFiles(&set)
	if err != nil {
		return err
	}
	files.RangeFiles(func(f protoreflect.FileDescriptor) bool {
		err = register(p.files, f)
		return err == nil
	})
	return err
}

// MessageAt is the message a Confluent message-index list names in the
// main file: the first index among its top-level messages, each next one
// among the nested messages of the one before.
func (p *Protos) MessageAt(index []int) (*ProtoMessage, error) {
	if p.main == nil {
		return nil, errors.New("no main file")
	}
	if len(index) == 0 {
		index = []int{0}
	}
	msgs := p.main.Messages()
	var md protoreflect.MessageDescriptor
	for _, i := range index {
		if i < 0 || i >= msgs.Len() {
			return nil, fmt.Errorf("message index %v: the schema has no message there", index)
		}
		md = msgs.Get(i)
		msgs = md.Messages()
	}
	return p.message(md), nil
}

// Message is the message of that full name, as in shop.v1.Order.
func (p *Protos) Message(name string) (*ProtoMessage, error) {
	d, err := p.files.FindDescriptorByName(protoreflect.FullName(strings.TrimPrefix(name, ".")))
	if err != nil {
		return nil, fmt.Errorf("no message %s in the loaded files", name)
	}
	md, ok := d.(protoreflect.MessageDescriptor)
	if !ok {
		return nil, fmt.Errorf("%s is not a message", name)
	}
	return p.message(md), nil
}

// Messages lists the full names of every message loaded, nested ones too.
func (p *Protos) Messages() []string {
	var names []string
	var walk func(protoreflect.MessageDescriptors)
	walk = func(ms protoreflect.MessageDescriptors) {
		for i := range ms.Len() {
			if m := ms.Get(i); !m.IsMapEntry() {
				names = append(names, string(m.FullName()))
				walk(m.Messages())
			}
		}
	}
	p.files.RangeFiles(func(f protoreflect.FileDescriptor) bool {
		if !strings.HasPrefix(f.Path(), "google/protobuf/") {
			walk(f.Messages())
		}
		return true
	})
	return names
}

func (p *Protos) message(md protoreflect.MessageDescriptor) *ProtoMessage {
	return &ProtoMessage{
		desc:      md,
		plans:     &p.plans,
		unmarshal: proto.UnmarshalOptions{Resolver: p.types, RecursionLimit: maxNesting},
		marshal:   protojson.MarshalOptions{Resolver: p.types},
	}
}

// ProtoMessage reads one message type.
type ProtoMessage struct {
	desc      protoreflect.MessageDescriptor
	plans     *plans
	unmarshal proto.UnmarshalOptions
	marshal   protojson.MarshalOptions
}

// Name is the message's full name.
func (m *ProtoMessage) Name() string { return string(m.desc.FullName()) }

// AppendJSON decodes b as the message and appends its JSON to dst, as
// protojson writes it. Fields the message does not know (written with a
// newer schema, or another message) are left out, and the note says how
// many.
func (m *ProtoMessage) AppendJSON(dst, b []byte) ([]byte, string, error) {
	w := protoWriter{out: dst, limit: len(dst) + outputLimit(len(b)), slow: m, plans: m.plans}
	err := w.message(m.desc, b, 0)
	switch {
	case errors.Is(err, errSlowPath):
		return m.slowAppend(dst, b)
	case err != nil:
		return dst, "", err
	}
	return w.out, unknownNote(w.unknown, m.Name()), nil
}

func unknownNote(n int, name string) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("%s not in %s, left out: written with another schema?", model.Plural(n, "field"), name)
}

// slowAppend is AppendJSON through a dynamic message and protojson.
func (m *ProtoMessage) slowAppend(dst, b []byte) ([]byte, string, error) {
	msg := dynamicpb.NewMessage(m.desc)
	if err := m.unmarshalSafely(b, msg); err != nil {
		return dst, "", err
	}
	out, err := m.marshal.MarshalAppend(dst, msg)
	if err != nil {
		return dst, "", err
	}
	out = append(out[:len(dst)], squeeze(out[len(dst):])...)
	if len(out)-len(dst) > outputLimit(len(b)) {
		return dst, "", errTooLarge
	}
	return model.JSONSafe(out, len(dst)), unknownNote(countUnknown(msg, 0), m.Name()), nil // protojson leaves C1 controls and bidi overrides raw
}

// unmarshalSafely is proto.Unmarshal into a dynamic message, with a
// panic taken for an error: fuzzing found map entries whose bytes make
// google.golang.org/protobuf v1.36.12 panic ("cannot convert nil to map
// key") inside dynamicpb.
func (m *ProtoMessage) unmarshalSafely(b []byte, msg *dynamicpb.Message) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the protobuf library failed on these bytes: %v", r)
		}
	}()
	return m.unmarshal.Unmarshal(b, msg)
}

// slowJSON writes one message, a well-known type, through protojson.
func (m *ProtoMessage) slowJSON(md protoreflect.MessageDescriptor, b []byte) ([]byte, error) {
	msg := dynamicpb.NewMessage(md)
	if err := m.unmarshalSafely(b, msg); err != nil {
		return nil, err
	}
	out, err := m.marshal.Marshal(msg)
	return model.JSONSafe(squeeze(out), 0), err
}

// squeeze drops the spaces protojson puts, at random on purpose, after
// some commas and colons, so the same record prints the same way every
// time. It works in place: spaces occur in JSON only between tokens or
// inside strings, and strings are copied as they are.
func squeeze(b []byte) []byte {
	out := b[:0]
	inString := false
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case inString && c == '\\' && i+1 < len(b):
			out = append(out, c, b[i+1])
			i++
			continue
		case c == '"':
			inString = !inString
		case !inString && c == ' ':
			continue
		}
		out = append(out, c)
	}
	return out
}

// countUnknown counts the unknown fields of m and the messages in it.
func countUnknown(m protoreflect.Message, depth int) int {
	n := 0
	for b := m.GetUnknown(); len(b) > 0; n++ {
		_, _, size := protowire.ConsumeField(b)
		if size < 0 {
			break
		}
		b = b[size:]
	}
	if depth > maxNesting {
		return n
	}
	m.Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		switch {
		case fd.IsMap():
			if fd.MapValue().Message() != nil {
				v.Map().Range(func(_ protoreflect.MapKey, mv protoreflect.Value) bool {
					n += countUnknown(mv.Message(), depth+1)
					return true
				})
			}
		case fd.Message() == nil:
		case fd.IsList():
			l := v.List()
			for i := range l.Len() {
				n += countUnknown(l.Get(i).Message(), depth+1)
			}
		default:
			n += countUnknown(v.Message(), depth+1)
		}
		return true
	})
	return n
}
