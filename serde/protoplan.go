package serde

import (
	"slices"
	"strconv"
	"sync"

	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/reflect/protoreflect"

	"github.com/kscope/kscope/model"
)

// plan is what the wire walker needs of a message type, worked out once
// rather than for every record: its fields by number, with what it asks
// of each field's descriptor (kind, cardinality, presence, JSON key, enum
// names). Asking the descriptors, escaping names and sorting what was
// already in order were most of a decoded Protobuf tail's CPU.
type plan struct {
	fields    []planned // by declaration index: protojson's order
	oneofs    int
	wellKnown bool
	index     []int32 // by field number, its declaration index + 1, for numbers below maxPlannedNumber; 0: none
}

// planned is one field of a plan.
type planned struct {
	fd       protoreflect.FieldDescriptor
	index    int    // its declaration index
	key      []byte // "jsonName":
	kind     protoreflect.Kind
	wire     protowire.Type // the wire type of one value
	list     bool
	isMap    bool
	presence bool
	oneof    int                            // its oneof's index + 1; 0: none
	msg      protoreflect.MessageDescriptor // of a message or map field
	enum     *enumNames
}

// maxPlannedNumber bounds the field numbers indexed in a slice; larger
// ones (rare: numbers are small in practice) are looked up by a search.
const maxPlannedNumber = 1024

func newPlan(md protoreflect.MessageDescriptor) *plan {
	fields := md.Fields()
	p := &plan{fields: make([]planned, fields.Len()), oneofs: md.Oneofs().Len(), wellKnown: wellKnown(md)}
	for i := range fields.Len() {
		fd := fields.Get(i)
		fp := planned{fd: fd, index: i, key: append(model.AppendJSONString(nil, fd.JSONName()), ':'),
			kind: fd.Kind(), wire: wireType(fd.Kind()), list: fd.IsList(), isMap: fd.IsMap(), presence: fd.HasPresence(),
			msg: fd.Message()}
		if o := fd.ContainingOneof(); o != nil {
			fp.oneof = o.Index() + 1
		}
		if fd.Kind() == protoreflect.EnumKind {
			fp.enum = newEnumNames(fd.Enum())
		}
		p.fields[i] = fp
		if n := int(fd.Number()); n < maxPlannedNumber {
			if n >= len(p.index) {
				p.index = slices.Grow(p.index, n+1-len(p.index))[:n+1]
			}
			p.index[n] = int32(i + 1)
		}
	}
	return p
}

// byNumber is the field of that number, or nil.
func (p *plan) byNumber(num protoreflect.FieldNumber) *planned {
	if int(num) < len(p.index) {
		if i := p.index[num]; i > 0 {
			return &p.fields[i-1]
		}
		return nil
	}
	if int(num) < maxPlannedNumber {
		return nil
	}
	for i := range p.fields {
		if p.fields[i].fd.Number() == num {
			return &p.fields[i]
		}
	}
	return nil
}

// enumNames are an enum's values as protojson writes them: their names,
// or null for google.protobuf.NullValue, or the number when it has none.
type enumNames struct {
	null  bool
	desc  protoreflect.EnumDescriptor
	dense [][]byte // by number, for the numbers 0 to a small bound
}

func newEnumNames(ed protoreflect.EnumDescriptor) *enumNames {
	e := &enumNames{null: ed.FullName() == "google.protobuf.NullValue", desc: ed}
	values := ed.Values()
	for i := range values.Len() {
		v := values.Get(i)
		if n := int(v.Number()); n >= 0 && n < maxPlannedNumber {
			if n >= len(e.dense) {
				e.dense = slices.Grow(e.dense, n+1-len(e.dense))[:n+1]
			}
			if e.dense[n] == nil { // the first of aliases, as ByNumber
				e.dense[n] = model.AppendJSONString(nil, string(v.Name()))
			}
		}
	}
	return e
}

func (e *enumNames) append(dst []byte, n protoreflect.EnumNumber) []byte {
	switch {
	case e.null:
		return append(dst, "null"...)
	case n >= 0 && int(n) < len(e.dense) && e.dense[n] != nil:
		return append(dst, e.dense[n]...)
	}
	if v := e.desc.Values().ByNumber(n); v != nil {
		return model.AppendJSONString(dst, string(v.Name()))
	}
	return strconv.AppendInt(dst, int64(n), 10)
}

// plans holds the plans of the message types of one set of files, made
// as records first need them; records decode on several goroutines.
type plans struct{ m sync.Map } // protoreflect.MessageDescriptor → *plan

func (ps *plans) of(md protoreflect.MessageDescriptor) *plan {
	if p, ok := ps.m.Load(md); ok {
		return p.(*plan)
	}
	p, _ := ps.m.LoadOrStore(md, newPlan(md))
	return p.(*plan)
}
