package stream

import (
	"fmt"
	"reflect"
	"unsafe"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	streamtypes "github.com/aws/aws-sdk-go-v2/service/dynamodbstreams/types"

	"github.com/gonamo/gonamo/attr"
)

// converter turns stream images into the attribute values of DynamoDB's
// API, which schemas decode. Strings and byte slices are shared, not
// copied.
//
// Codecs must not keep the attribute values they decode (see attr.Codec),
// and Schema.Decode keeps none, so an image converted is dead once
// decoded: the converter reuses its memory from one image to the next. An
// item it returns, and every value in it, is valid until its next call.
// The members of lists and maps are cut from blocks, and maps are filled
// again: once the blocks have grown to the largest image read, converting
// allocates nothing. The values of the last image stay referenced until
// the next. A converter is not safe for concurrent use.
//
// A map filled again is not cleared first: its attributes are overwritten,
// and when it ends up with more attributes than the image has, the stale
// ones are deleted. Images of one place (the keys, or the new images)
// mostly have the same attributes, so each place has its own top-level
// map, and the nested maps are used again in the order they are met.
type converter struct {
	names []string // the schema's attributes
	top   [places]map[string]types.AttributeValue
	maps  []map[string]types.AttributeValue // of nested M values, by order of use
	nmaps int                               // maps in use
	list  block[types.AttributeValue]       // elements of lists
	l     block[types.AttributeValueMemberL]
	m     block[types.AttributeValueMemberM]
	// The scalars, when their layouts differ (see sameScalars).
	s    block[types.AttributeValueMemberS]
	n    block[types.AttributeValueMemberN]
	b    block[types.AttributeValueMemberB]
	bool block[types.AttributeValueMemberBOOL]
	null block[types.AttributeValueMemberNULL]
	ss   block[types.AttributeValueMemberSS]
	ns   block[types.AttributeValueMemberNS]
	bs   block[types.AttributeValueMemberBS]
}

// sameScalars reports whether the scalar members of the Streams API's
// attribute values (S, N, B, BOOL, NULL, SS, NS, BS) have the fields of
// DynamoDB's, as in every SDK release so far: a pointer to one then reads
// as the other, and the converter hands the stream's values to the schema
// without copying them. It is checked once, with reflection, at start-up;
// should a release change a layout, the values are copied.
var sameScalars = sameLayout(
	pair[streamtypes.AttributeValueMemberS, types.AttributeValueMemberS](),
	pair[streamtypes.AttributeValueMemberN, types.AttributeValueMemberN](),
	pair[streamtypes.AttributeValueMemberB, types.AttributeValueMemberB](),
	pair[streamtypes.AttributeValueMemberBOOL, types.AttributeValueMemberBOOL](),
	pair[streamtypes.AttributeValueMemberNULL, types.AttributeValueMemberNULL](),
	pair[streamtypes.AttributeValueMemberSS, types.AttributeValueMemberSS](),
	pair[streamtypes.AttributeValueMemberNS, types.AttributeValueMemberNS](),
	pair[streamtypes.AttributeValueMemberBS, types.AttributeValueMemberBS](),
)

func pair[A, B any]() [2]reflect.Type {
	return [2]reflect.Type{reflect.TypeFor[A](), reflect.TypeFor[B]()}
}

// sameLayout reports whether the types of each pair are structs of the
// same size with the same fields, of identical types, at the same offsets.
func sameLayout(pairs ...[2]reflect.Type) bool {
	for _, p := range pairs {
		a, b := p[0], p[1]
		if a.Kind() != reflect.Struct || b.Kind() != reflect.Struct || a.Size() != b.Size() || a.NumField() != b.NumField() {
			return false
		}
		for i := range a.NumField() {
			fa, fb := a.Field(i), b.Field(i)
			if fa.Name != fb.Name || fa.Type != fb.Type || fa.Offset != fb.Offset {
				return false
			}
		}
	}
	return true
}

// place is where an image is in its record.
type place int

// The places of images.
const (
	keysPlace place = iota
	newPlace
	oldPlace
	places // their number
)

// minBlock is the length of a block's first allocation.
const minBlock = 16

// block hands out values of type E, or runs of them, from one slice that
// reset makes available again. When the slice is full it is replaced by
// one twice as long: the values handed out before stay where they are, and
// the next image fits.
type block[E any] struct {
	buf  []E
	used int
}

// take returns n consecutive values, holding what they held when last
// handed out.
func (p *block[E]) take(n int) []E {
	if len(p.buf)-p.used < n {
		p.buf, p.used = make([]E, max(2*len(p.buf), n, minBlock)), 0
	}
	x := p.buf[p.used : p.used+n : p.used+n]
	p.used += n
	return x
}

func (p *block[E]) next() *E { return &p.take(1)[0] }

// reset makes every value of the block available again.
func (p *block[E]) reset() { p.used = 0 }

// maxPooledMap is the largest number of attributes of a nested map whose
// map is used again: emptying a map costs its capacity, and a map that
// held many attributes is replaced by a new one.
const maxPooledMap = 64

// newConverter returns a converter for the attributes of schema s.
func newConverter[T any](s *attr.Schema[T]) *converter {
	cv := &converter{}
	for _, f := range s.Fields() {
		cv.names = append(cv.names, f.Name())
	}
	return cv
}

// reset makes the memory of the previous item available again.
func (cv *converter) reset() {
	cv.nmaps = 0
	cv.list.reset()
	cv.l.reset()
	cv.m.reset()
	if !sameScalars {
		cv.s.reset()
		cv.n.reset()
		cv.b.reset()
		cv.bool.reset()
		cv.null.reset()
		cv.ss.reset()
		cv.ns.reset()
		cv.bs.reset()
	}
}

// item converts the attributes of m, an image at place at, that the
// schema has, which are all that Schema.Decode reads; without names, it
// converts every attribute. The result is valid until the next call.
func (cv *converter) item(m map[string]streamtypes.AttributeValue, at place) (map[string]types.AttributeValue, error) {
	cv.reset()
	top := cv.top[at]
	if top == nil {
		top = make(map[string]types.AttributeValue, len(m))
		cv.top[at] = top
	}
	n := 0 // attributes put
	put := func(k string, v streamtypes.AttributeValue) error {
		av, err := cv.value(v)
		if err != nil {
			return fmt.Errorf("attribute %s: %w", k, err)
		}
		top[k] = av
		n++
		return nil
	}
	if cv.names == nil {
		for k, v := range m {
			if err := put(k, v); err != nil {
				return nil, err
			}
		}
	} else {
		for _, k := range cv.names {
			if v, ok := m[k]; ok {
				if err := put(k, v); err != nil {
					return nil, err
				}
			}
		}
	}
	if len(top) != n {
		dropStale(top, m)
	}
	return top, nil
}

// dropStale deletes the attributes of out that m does not have: those
// left from the previous image.
func dropStale(out map[string]types.AttributeValue, m map[string]streamtypes.AttributeValue) {
	for k := range out {
		if _, ok := m[k]; !ok {
			delete(out, k)
		}
	}
}

// nested converts the map of an M value into the map that held the same
// place in the previous item, or a new one.
func (cv *converter) nested(m map[string]streamtypes.AttributeValue) (map[string]types.AttributeValue, error) {
	i := cv.nmaps
	cv.nmaps++
	if i == len(cv.maps) {
		cv.maps = append(cv.maps, nil)
	}
	out := cv.maps[i]
	if out == nil {
		out = make(map[string]types.AttributeValue, len(m))
		cv.maps[i] = out
	}
	for k, v := range m {
		av, err := cv.value(v)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", k, err)
		}
		out[k] = av
	}
	if len(out) != len(m) {
		dropStale(out, m)
	}
	if len(out) > maxPooledMap {
		cv.maps[i] = nil // too costly to empty: not used again
	}
	return out, nil
}

func (cv *converter) value(v streamtypes.AttributeValue) (types.AttributeValue, error) {
	switch v := v.(type) {
	case *streamtypes.AttributeValueMemberS:
		if sameScalars {
			return (*types.AttributeValueMemberS)(unsafe.Pointer(v)), nil
		}
		x := cv.s.next()
		x.Value = v.Value
		return x, nil
	case *streamtypes.AttributeValueMemberN:
		if sameScalars {
			return (*types.AttributeValueMemberN)(unsafe.Pointer(v)), nil
		}
		x := cv.n.next()
		x.Value = v.Value
		return x, nil
	case *streamtypes.AttributeValueMemberB:
		if sameScalars {
			return (*types.AttributeValueMemberB)(unsafe.Pointer(v)), nil
		}
		x := cv.b.next()
		x.Value = v.Value
		return x, nil
	case *streamtypes.AttributeValueMemberBOOL:
		if sameScalars {
			return (*types.AttributeValueMemberBOOL)(unsafe.Pointer(v)), nil
		}
		x := cv.bool.next()
		x.Value = v.Value
		return x, nil
	case *streamtypes.AttributeValueMemberNULL:
		if sameScalars {
			return (*types.AttributeValueMemberNULL)(unsafe.Pointer(v)), nil
		}
		x := cv.null.next()
		x.Value = v.Value
		return x, nil
	case *streamtypes.AttributeValueMemberSS:
		if sameScalars {
			return (*types.AttributeValueMemberSS)(unsafe.Pointer(v)), nil
		}
		x := cv.ss.next()
		x.Value = v.Value
		return x, nil
	case *streamtypes.AttributeValueMemberNS:
		if sameScalars {
			return (*types.AttributeValueMemberNS)(unsafe.Pointer(v)), nil
		}
		x := cv.ns.next()
		x.Value = v.Value
		return x, nil
	case *streamtypes.AttributeValueMemberBS:
		if sameScalars {
			return (*types.AttributeValueMemberBS)(unsafe.Pointer(v)), nil
		}
		x := cv.bs.next()
		x.Value = v.Value
		return x, nil
	case *streamtypes.AttributeValueMemberL:
		l := []types.AttributeValue{} // not nil, as the SDK converts
		if len(v.Value) > 0 {
			l = cv.list.take(len(v.Value))
		}
		for i, e := range v.Value {
			av, err := cv.value(e)
			if err != nil {
				return nil, fmt.Errorf("[%d]: %w", i, err)
			}
			l[i] = av
		}
		x := cv.l.next()
		x.Value = l
		return x, nil
	case *streamtypes.AttributeValueMemberM:
		m, err := cv.nested(v.Value)
		if err != nil {
			return nil, err
		}
		x := cv.m.next()
		x.Value = m
		return x, nil
	}
	return nil, fmt.Errorf("attribute value of unknown type %T", v)
}
