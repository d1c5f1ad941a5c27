package serde

import (
	"errors"
	"fmt"
	"math"
)

// avroDecoder walks a compiled schema over binary Avro, writing JSON.
type avroDecoder struct {
	in    []byte
	pos   int
	out   []byte
	limit int
}

func (d *avroDecoder) value(n *avroNode, depth int) error {
	if depth > maxNesting {
		return errTooDeep
	}
	if len(d.out) > d.limit {
		return errTooLarge
	}
	switch n.kind {
	case avroNull:
		d.out = append(d.out, "null"...)
	case avroBoolean:
		b, err := d.take(1)
		if err != nil {
			return err
		}
		switch b[0] {
		case 0:
			d.out = append(d.out, "false"...)
		case 1:
			d.out = append(d.out, "true"...)
		default:
			return fmt.Errorf("boolean byte %d", b[0])
		}
	case avroInt, avroLong:
		v, err := d.long()
		if err != nil {
			return err
		}
		if n.kind == avroInt && (v < math.MinInt32 || v > math.MaxInt32) {
			return fmt.Errorf("int %d out of range", v)
		}
		d.out = appendTemporal(d.out, v, n.logical)
	case avroFloat:
		b, err := d.take(4)
		if err != nil {
			return err
		}
		d.out = appendFloat(d.out, float64(math.Float32frombits(le32(b))), 32)
	case avroDouble:
		b, err := d.take(8)
		if err != nil {
			return err
		}
		d.out = appendFloat(d.out, math.Float64frombits(uint64(le32(b))|uint64(le32(b[4:]))<<32), 64)
	case avroBytes, avroDecimalBytes, avroString:
		b, err := d.bytes()
		if err != nil {
			return err
		}
		switch n.kind {
		case avroString:
			d.out = appendString(d.out, b)
		case avroDecimalBytes:
			d.out = appendDecimal(d.out, b, n.scale)
		default:
			d.out = appendBase64(d.out, b)
		}
	case avroFixed, avroDecimalFixed:
		b, err := d.take(n.size)
		if err != nil {
			return err
		}
		if n.kind == avroDecimalFixed {
			d.out = appendDecimal(d.out, b, n.scale)
		} else {
			d.out = appendBase64(d.out, b)
		}
	case avroRecord:
		d.out = append(d.out, '{')
		for i := range n.fields {
			f := &n.fields[i]
			if i > 0 {
				d.out = append(d.out, ',')
			}
			d.out = append(d.out, f.key...)
			if err := d.value(f.node, depth+1); err != nil {
				return fmt.Errorf("%s: %w", f.name, err)
			}
		}
		d.out = append(d.out, '}')
	case avroEnum:
		i, err := d.long()
		if err != nil {
			return err
		}
		if i < 0 || i >= int64(len(n.symbols)) {
			return fmt.Errorf("enum %s has no symbol %d", n.name, i)
		}
		d.out = append(d.out, n.symbols[i]...)
	case avroUnion:
		i, err := d.long()
		if err != nil {
			return err
		}
		if i < 0 || i >= int64(len(n.branches)) {
			return fmt.Errorf("union branch %d of %d", i, len(n.branches))
		}
		return d.value(n.branches[i], depth+1)
	case avroArray:
		d.out = append(d.out, '[')
		count := 0
		err := d.blocks(func() error {
			if count++; count > 1 {
				d.out = append(d.out, ',')
			}
			return d.value(n.items, depth+1)
		})
		d.out = append(d.out, ']')
		return err
	case avroMap:
		d.out = append(d.out, '{')
		count := 0
		err := d.blocks(func() error {
			if count++; count > 1 {
				d.out = append(d.out, ',')
			}
			k, err := d.bytes()
			if err != nil {
				return err
			}
			d.out = appendString(d.out, k)
			d.out = append(d.out, ':')
			return d.value(n.items, depth+1)
		})
		d.out = append(d.out, '}')
		return err
	default:
		return n.err
	}
	return nil
}

// blocks reads an array's or map's blocks, calling item for each item.
func (d *avroDecoder) blocks(item func() error) error {
	for {
		count, err := d.long()
		if err != nil {
			return err
		}
		if count == 0 {
			return nil
		}
		if count < 0 { // a block that says its size in bytes too
			if count == math.MinInt64 {
				return errors.New("invalid block count")
			}
			count = -count
			if _, err := d.long(); err != nil {
				return err
			}
		}
		for ; count > 0; count-- {
			if err := item(); err != nil {
				return err
			}
			if len(d.out) > d.limit {
				return errTooLarge
			}
		}
	}
}

func le32(b []byte) uint32 {
	return uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24
}

// long reads a zig-zag varint of at most ten bytes.
func (d *avroDecoder) long() (int64, error) {
	var u uint64
	for shift := uint(0); shift < 70; shift += 7 {
		if d.pos >= len(d.in) {
			return 0, errShort
		}
		c := d.in[d.pos]
		d.pos++
		u |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return int64(u>>1) ^ -int64(u&1), nil
		}
	}
	return 0, errors.New("varint longer than ten bytes")
}

func (d *avroDecoder) take(n int) ([]byte, error) {
	if n < 0 || n > len(d.in)-d.pos {
		return nil, errShort
	}
	b := d.in[d.pos : d.pos+n]
	d.pos += n
	return b, nil
}

// bytes reads a length-prefixed byte string; its length is checked
// against what is left before anything is allocated.
func (d *avroDecoder) bytes() ([]byte, error) {
	n, err := d.long()
	if err != nil {
		return nil, err
	}
	if n < 0 || n > int64(len(d.in)-d.pos) {
		return nil, errShort
	}
	return d.take(int(n))
}
