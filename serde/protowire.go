package serde

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/reflect/protoreflect"

	"github.com/kscope/kscope/model"
)

// The fast path from Protobuf's wire format to JSON: it walks the bytes
// with the message's descriptor and writes what protojson would write for
// them (field order, JSON names, 64-bit integers as strings, enums by
// name, defaults left out), without building a dynamic message: that took
// 8 µs for a 10-field record, this takes a small part of it. Well-known
// types, whose JSON has forms of their own, go through protojson; so does
// anything this path does not handle (groups).

var errNotUTF8 = errors.New("a string that is not UTF-8")

// errSlowPath sends a message to the protojson path.
var errSlowPath = errors.New("needs the protojson path")

// wellKnown are the messages whose JSON protojson writes in a form of
// their own (a Timestamp is a string, a wrapper its value).
func wellKnown(md protoreflect.MessageDescriptor) bool {
	name := md.FullName()
	return strings.HasPrefix(string(name), "google.protobuf.") && name != "google.protobuf.Empty"
}

// field is one occurrence of a field on the wire.
type field struct {
	index int // the field's declaration index: protojson's order
	typ   protowire.Type
	num   uint64 // varint and fixed values
	bytes []byte // length-delimited values
}

type protoWriter struct {
	out     []byte
	limit   int
	unknown int
	slow    *ProtoMessage // writes well-known types through protojson
	plans   *plans
}

func (w *protoWriter) message(md protoreflect.MessageDescriptor, b []byte, depth int) error {
	if depth > maxNesting {
		return errTooDeep
	}
	if len(w.out) > w.limit {
		return errTooLarge
	}
	p := w.plans.of(md)
	if p.wellKnown {
		out, err := w.slow.slowJSON(md, b)
		if err != nil {
			return err
		}
		w.out = append(w.out, out...)
		return nil
	}
	var stack [16]field
	seen := stack[:0]
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return protowire.ParseError(n)
		}
		if !num.IsValid() {
			return fmt.Errorf("invalid field number %d", num)
		}
		b = b[n:]
		f := field{typ: typ}
		switch typ {
		case protowire.VarintType:
			f.num, n = protowire.ConsumeVarint(b)
		case protowire.Fixed32Type:
			var v uint32
			v, n = protowire.ConsumeFixed32(b)
			f.num = uint64(v)
		case protowire.Fixed64Type:
			f.num, n = protowire.ConsumeFixed64(b)
		case protowire.BytesType:
			f.bytes, n = protowire.ConsumeBytes(b)
		default:
			return errSlowPath // groups
		}
		if n < 0 {
			return protowire.ParseError(n)
		}
		b = b[n:]
		fp := p.byNumber(num)
		if fp == nil || !fp.fits(typ) {
			w.unknown++
			continue
		}
		f.index = fp.index
		seen = append(seen, f)
	}
	seen = p.lastOfOneofs(seen)
	if !slices.IsSortedFunc(seen, byIndex) { // as most writers write them
		slices.SortStableFunc(seen, byIndex)
	}
	w.out = append(w.out, '{')
	first := true
	for i := 0; i < len(seen); {
		j := i + 1
		for j < len(seen) && seen[j].index == seen[i].index {
			j++
		}
		fp := &p.fields[seen[i].index]
		start := len(w.out)
		if !first {
			w.out = append(w.out, ',')
		}
		w.out = append(w.out, fp.key...)
		wrote, err := w.field(fp, seen[i:j], depth)
		if err != nil {
			return fmt.Errorf("%s: %w", fp.fd.Name(), err)
		}
		if wrote {
			first = false
		} else {
			w.out = w.out[:start]
		}
		i = j
	}
	w.out = append(w.out, '}')
	return nil
}

func byIndex(a, b field) int { return a.index - b.index }

// lastOfOneofs keeps, of each oneof, only the member set last and only
// its occurrences since the last time another member was set: setting a
// member clears the others, as decoding does.
func (p *plan) lastOfOneofs(seen []field) []field {
	if p.oneofs == 0 {
		return seen
	}
	type winner struct{ index, from int }
	win := make([]winner, p.oneofs)
	for i := range win {
		win[i].index = -1
	}
	for pos, f := range seen {
		if o := p.fields[f.index].oneof - 1; o >= 0 && win[o].index != f.index {
			win[o] = winner{f.index, pos}
		}
	}
	kept := seen[:0]
	for pos, f := range seen {
		o := p.fields[f.index].oneof - 1
		if o < 0 || win[o].index == f.index && pos >= win[o].from {
			kept = append(kept, f)
		}
	}
	return kept
}

// fits reports whether a wire type can carry the field: Go's protobuf
// keeps a field sent with another type as unknown, and so does this.
func (fp *planned) fits(typ protowire.Type) bool {
	return typ == fp.wire || typ == protowire.BytesType && fp.list && fp.wire != protowire.BytesType
}

func wireType(k protoreflect.Kind) protowire.Type {
	switch k {
	case protoreflect.Fixed32Kind, protoreflect.Sfixed32Kind, protoreflect.FloatKind:
		return protowire.Fixed32Type
	case protoreflect.Fixed64Kind, protoreflect.Sfixed64Kind, protoreflect.DoubleKind:
		return protowire.Fixed64Type
	case protoreflect.StringKind, protoreflect.BytesKind, protoreflect.MessageKind:
		return protowire.BytesType
	case protoreflect.GroupKind:
		return protowire.StartGroupType
	}
	return protowire.VarintType
}

// field writes a field's value from its occurrences, and reports false
// when protojson would leave it out (a default without presence).
func (w *protoWriter) field(fp *planned, occ []field, depth int) (bool, error) {
	switch {
	case fp.isMap:
		return true, w.mapField(fp, occ, depth)
	case fp.list:
		w.out = append(w.out, '[')
		n := 0
		for _, f := range occ {
			if f.typ == protowire.BytesType && fp.wire != protowire.BytesType {
				if err := w.packed(fp, f.bytes, &n); err != nil {
					return false, err
				}
				continue
			}
			if n++; n > 1 {
				w.out = append(w.out, ',')
			}
			if err := w.value(fp, f, depth); err != nil {
				return false, err
			}
		}
		w.out = append(w.out, ']')
		return n > 0, nil // protojson leaves out empty lists
	case fp.kind == protoreflect.MessageKind:
		// Occurrences of a message merge: decoding them one after the
		// other is what merging does.
		if len(occ) > 1 {
			var all []byte
			for _, f := range occ {
				if err := wellFormed(f.bytes); err != nil {
					return false, err // decoding each alone would fail
				}
				all = append(all, f.bytes...)
			}
			occ = []field{{typ: protowire.BytesType, bytes: all}}
		}
		return true, w.value(fp, occ[0], depth)
	}
	if fp.kind == protoreflect.StringKind {
		for _, f := range occ[:len(occ)-1] { // decoding checks each
			if !utf8.Valid(f.bytes) {
				return false, errNotUTF8
			}
		}
	}
	last := occ[len(occ)-1] // the last occurrence of a scalar wins
	if !fp.presence && isDefault(fp.kind, last) {
		return false, nil
	}
	return true, w.value(fp, last, depth)
}

func (w *protoWriter) packed(fp *planned, b []byte, n *int) error {
	for len(b) > 0 {
		f := field{typ: fp.wire}
		var size int
		switch f.typ {
		case protowire.Fixed32Type:
			var v uint32
			v, size = protowire.ConsumeFixed32(b)
			f.num = uint64(v)
		case protowire.Fixed64Type:
			f.num, size = protowire.ConsumeFixed64(b)
		default:
			f.num, size = protowire.ConsumeVarint(b)
		}
		if size < 0 {
			return protowire.ParseError(size)
		}
		b = b[size:]
		if *n++; *n > 1 {
			w.out = append(w.out, ',')
		}
		if err := w.value(fp, f, 0); err != nil {
			return err
		}
		if len(w.out) > w.limit {
			return errTooLarge
		}
	}
	return nil
}

func (w *protoWriter) mapField(fp *planned, occ []field, depth int) error {
	entry := w.plans.of(fp.msg)
	keyFP, valFP := entry.byNumber(1), entry.byNumber(2)
	w.out = append(w.out, '{')
	for i, f := range occ {
		var key, val field
		key.typ, val.typ = keyFP.wire, valFP.wire
		for b := f.bytes; len(b) > 0; {
			num, typ, n := protowire.ConsumeTag(b)
			if n < 0 {
				return protowire.ParseError(n)
			}
			b = b[n:]
			dst := &key
			if num == 2 {
				dst = &val
			}
			size := protowire.ConsumeFieldValue(num, typ, b)
			if size < 0 {
				return protowire.ParseError(size)
			}
			if (num == 1 || num == 2) && typ == dst.typ {
				if typ == protowire.BytesType {
					dst.bytes, _ = protowire.ConsumeBytes(b)
				} else {
					dst.num = scalarAt(typ, b)
				}
			}
			b = b[size:]
		}
		if i > 0 {
			w.out = append(w.out, ',')
		}
		// Keys are strings in JSON: write the key's JSON, quoted unless
		// it is a string already.
		start := len(w.out)
		if err := w.value(keyFP, key, depth); err != nil {
			return err
		}
		if keyFP.kind != protoreflect.StringKind {
			text := string(w.out[start:])
			w.out = model.AppendJSONString(w.out[:start], strings.Trim(text, `"`))
		}
		w.out = append(w.out, ':')
		if err := w.value(valFP, val, depth); err != nil {
			return err
		}
	}
	w.out = append(w.out, '}')
	return nil
}

func scalarAt(typ protowire.Type, b []byte) uint64 {
	switch typ {
	case protowire.Fixed32Type:
		v, _ := protowire.ConsumeFixed32(b)
		return uint64(v)
	case protowire.Fixed64Type:
		v, _ := protowire.ConsumeFixed64(b)
		return v
	}
	v, _ := protowire.ConsumeVarint(b)
	return v
}

// wellFormed checks that b is whole fields, as a message on its own.
func wellFormed(b []byte) error {
	for len(b) > 0 {
		_, _, n := protowire.ConsumeField(b)
		if n < 0 {
			return protowire.ParseError(n)
		}
		b = b[n:]
	}
	return nil
}

// isDefault reports whether a value is its kind's default, which
// protojson leaves out of a field without presence. 32-bit kinds compare
// what the varint holds once cut to 32 bits, as decoding cuts it.
func isDefault(k protoreflect.Kind, f field) bool {
	switch k {
	case protoreflect.Int32Kind, protoreflect.Uint32Kind, protoreflect.Sint32Kind, protoreflect.EnumKind:
		return uint32(f.num) == 0
	case protoreflect.StringKind, protoreflect.BytesKind:
		return len(f.bytes) == 0
	}
	return f.num == 0 // floats by their bits: -0 is not the default
}

// value writes one value of a field as protojson does.
func (w *protoWriter) value(fp *planned, f field, depth int) error {
	v := f.num
	switch fp.kind {
	case protoreflect.BoolKind:
		w.out = strconv.AppendBool(w.out, v != 0)
	case protoreflect.Int32Kind:
		w.out = strconv.AppendInt(w.out, int64(int32(v)), 10)
	case protoreflect.Sint32Kind:
		w.out = strconv.AppendInt(w.out, int64(int32(protowire.DecodeZigZag(v&math.MaxUint32))), 10)
	case protoreflect.Uint32Kind, protoreflect.Fixed32Kind:
		w.out = strconv.AppendUint(w.out, uint64(uint32(v)), 10)
	case protoreflect.Sfixed32Kind:
		w.out = strconv.AppendInt(w.out, int64(int32(uint32(v))), 10)
	case protoreflect.Int64Kind, protoreflect.Sfixed64Kind:
		w.out = append(strconv.AppendInt(append(w.out, '"'), int64(v), 10), '"')
	case protoreflect.Sint64Kind:
		w.out = append(strconv.AppendInt(append(w.out, '"'), protowire.DecodeZigZag(v), 10), '"')
	case protoreflect.Uint64Kind, protoreflect.Fixed64Kind:
		w.out = append(strconv.AppendUint(append(w.out, '"'), v, 10), '"')
	case protoreflect.FloatKind:
		w.out = appendProtoFloat(w.out, float64(math.Float32frombits(uint32(v))), 32)
	case protoreflect.DoubleKind:
		w.out = appendProtoFloat(w.out, math.Float64frombits(v), 64)
	case protoreflect.EnumKind:
		w.out = fp.enum.append(w.out, protoreflect.EnumNumber(int32(v)))
	case protoreflect.StringKind:
		if !utf8.Valid(f.bytes) {
			return errNotUTF8
		}
		w.out = model.AppendJSONString(w.out, f.bytes)
	case protoreflect.BytesKind:
		w.out = appendBase64(w.out, f.bytes)
	case protoreflect.MessageKind:
		return w.message(fp.msg, f.bytes, depth+1)
	default:
		return errSlowPath
	}
	return nil
}

// appendProtoFloat writes a float as protojson does: NaN and infinities
// as strings, exponents only for very small or large values.
func appendProtoFloat(dst []byte, f float64, bits int) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return appendFloat(dst, f, bits)
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 {
		if bits == 64 && (abs < 1e-6 || abs >= 1e21) || bits == 32 && (float32(abs) < 1e-6 || float32(abs) >= 1e21) {
			format = 'e'
		}
	}
	dst = strconv.AppendFloat(dst, f, format, -1, bits)
	if n := len(dst); format == 'e' && n >= 4 && dst[n-4] == 'e' && dst[n-3] == '-' && dst[n-2] == '0' {
		dst[n-2] = dst[n-1]
		dst = dst[:n-1]
	}
	return dst
}
