package serde

import (
	"slices"
	"sync"

	"google.golang.org/protobuf/reflect/protoreflect"

	"github.com/kscope/kscope/model"
)

// plan is what the wire walker needs of a message type, worked out once
// rather than for every record: its fields by number, their JSON keys,
// and whether it goes through protojson. Looking fields up through the
// descriptor, escaping their names and sorting what was already in
// order were half of a decoded Protobuf tail's CPU.
type plan struct {
	fields    protoreflect.FieldDescriptors
	oneofs    int
	wellKnown bool
	index     []int32  // by field number, its declaration index + 1, for the numbers a small slice holds; 0: none
	keys      [][]byte // by declaration index: "jsonName":
}

// maxPlannedNumber bounds the field numbers indexed in a slice; larger
// ones (rare: numbers are small in practice) go through the descriptor.
const maxPlannedNumber = 1024

func newPlan(md protoreflect.MessageDescriptor) *plan {
	fields := md.Fields()
	p := &plan{fields: fields, oneofs: md.Oneofs().Len(), wellKnown: wellKnown(md), keys: make([][]byte, fields.Len())}
	for i := range fields.Len() {
		fd := fields.Get(i)
		p.keys[i] = append(model.AppendJSONString(nil, fd.JSONName()), ':')
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
func (p *plan) byNumber(num protoreflect.FieldNumber) protoreflect.FieldDescriptor {
	if int(num) < len(p.index) {
		if i := p.index[num]; i > 0 {
			return p.fields.Get(int(i - 1))
		}
		return nil
	}
	if int(num) < maxPlannedNumber {
		return nil
	}
	return p.fields.ByNumber(num)
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
