package attr

import (
	"unsafe"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/gonamo/gonamo/expr"
)

// avNull is the NULL value stored for an element without value (a nil
// pointer in a list or map). Attribute values are never modified once
// built, so it is shared.
var avNull = &types.AttributeValueMemberNULL{Value: true}

// ListCodec returns the codec storing a slice as L, each element encoded by
// c. A nil slice is no value (the attribute is absent); an empty non-nil
// slice is stored as an empty list. An element without value (a nil
// pointer) is stored as NULL and a NULL element decodes to the zero value.
// An empty slice is empty.
func ListCodec[E any](c Codec[E]) Codec[[]E] {
	l := listCodec[E]{c: c, op: valueOp(c)}
	if sc, ok := c.(*structCodec[E]); ok && sc.err == nil {
		l.s = sc.s
	}
	return l
}

type listCodec[E any] struct {
	c Codec[E]
	// s is the schema of c when c is a valid StructCodec: elements that
	// are maps go to it directly, saving the calls through c on each.
	s *Schema[E]
	// op is the op of c's values (see fieldOp), tried on each element
	// before c; the elements of the slice are addressable.
	op fieldOp
}

func (l listCodec[E]) Encode(v *[]E) (types.AttributeValue, error) {
	s := *v
	if s == nil {
		return nil, nil
	}
	out := make([]types.AttributeValue, len(s))
	if l.s != nil {
		var at int
		for i := range s {
			m, err := l.s.encode(&s[i], &at) // as structCodec.Encode
			if err != nil {
				return nil, atIndex(i, err)
			}
			out[i] = &types.AttributeValueMemberM{Value: m}
		}
		return &types.AttributeValueMemberL{Value: out}, nil
	}
	for i := range s {
		if l.op != opNone {
			if av := encodeOp(l.op, unsafe.Pointer(&s[i])); av != nil {
				out[i] = av
				continue
			}
		}
		av, err := l.c.Encode(&s[i])
		if err != nil {
			return nil, atIndex(i, err)
		}
		if av == nil {
			av = avNull
		}
		out[i] = av
	}
	return &types.AttributeValueMemberL{Value: out}, nil
}

func (l listCodec[E]) Decode(av types.AttributeValue, v *[]E) error {
	x, ok := av.(*types.AttributeValueMemberL)
	if !ok || x == nil { // a typed nil is no value either
		return typeError(expr.TypeList, av)
	}
	s := make([]E, len(x.Value))
	for i, e := range x.Value {
		if l.s != nil {
			if m, ok := e.(*types.AttributeValueMemberM); ok && m != nil {
				var at int
				if err := l.s.decode(m.Value, &s[i], &at); err != nil { // as structCodec.Decode
					return atIndex(i, err)
				}
				continue
			}
		}
		if l.op != opNone && decodeOp(l.op, e, unsafe.Pointer(&s[i])) {
			continue
		}
		if isNull(e) {
			continue
		}
		if err := l.c.Decode(e, &s[i]); err != nil {
			return atIndex(i, err)
		}
	}
	*v = s
	return nil
}

func (l listCodec[E]) IsEmpty(v *[]E) bool { return len(*v) == 0 }
func (l listCodec[E]) Type() expr.Type     { return expr.TypeList }

// MapCodec returns the codec storing a map[string]V as M, each value encoded
// by c. Keys must be valid UTF-8. A nil map is no value (the attribute is
// absent); an empty non-nil map is stored as an empty map. A value without
// value (a nil pointer) is stored as NULL and a NULL decodes to the zero
// value. An empty map is empty.
func MapCodec[V any](c Codec[V]) Codec[map[string]V] {
	sc, _ := c.(scalar[V])
	return mapCodec[V]{c, sc, valueOp(c)}
}

type mapCodec[V any] struct {
	c  Codec[V]
	sc scalar[V] // c, when it is a scalar codec
	op fieldOp   // the op of c's values (see fieldOp), tried first
}

func (m mapCodec[V]) Encode(v *map[string]V) (types.AttributeValue, error) {
	src := *v
	if src == nil {
		return nil, nil
	}
	out := make(map[string]types.AttributeValue, len(src))
	for k, val := range src {
		if err := checkUTF8(k); err != nil {
			return nil, atKey(k, err)
		}
		var av types.AttributeValue
		var err error
		if m.op != opNone {
			av = encodeOp(m.op, unsafe.Pointer(&val))
		}
		switch {
		case av != nil:
		case m.sc != nil:
			av, err = m.sc.encodeValue(val)
		default:
			av, err = encodeCopy(m.c, val)
		}
		if err != nil {
			return nil, atKey(k, err)
		}
		if av == nil {
			av = avNull
		}
		out[k] = av
	}
	return &types.AttributeValueMemberM{Value: out}, nil
}

func (m mapCodec[V]) Decode(av types.AttributeValue, v *map[string]V) error {
	x, ok := av.(*types.AttributeValueMemberM)
	if !ok || x == nil { // a typed nil is no value either
		return typeError(expr.TypeMap, av)
	}
	out := make(map[string]V, len(x.Value))
	for k, e := range x.Value {
		var val V
		var err error
		switch {
		case m.op != opNone && decodeOp(m.op, e, unsafe.Pointer(&val)):
		case isNull(e):
		case m.sc != nil:
			val, err = m.sc.decodeValue(e)
		default:
			val, err = decodeCopy(m.c, e)
		}
		if err != nil {
			return atKey(k, err)
		}
		out[k] = val
	}
	*v = out
	return nil
}

// encodeCopy encodes v with c: map values are not addressable, and the
// copy escapes to the heap only on this path, not the scalar one.
func encodeCopy[V any](c Codec[V], v V) (types.AttributeValue, error) {
	return c.Encode(&v)
}

// decodeCopy decodes av with c into a new V.
func decodeCopy[V any](c Codec[V], av types.AttributeValue) (V, error) {
	var v V
	err := c.Decode(av, &v)
	return v, err
}

func (m mapCodec[V]) IsEmpty(v *map[string]V) bool { return len(*v) == 0 }
func (m mapCodec[V]) Type() expr.Type              { return expr.TypeMap }

// StructCodec returns the codec storing a struct S as M, described by the
// fields of S, exactly as a Schema[S] stores an item: each field under its
// stored name, with its options. Use it for lists and maps of structs
// (ListCodec(StructCodec(...))); Struct builds a struct attribute directly.
//
// A mistake in fields (two fields with one stored name, a zero descriptor)
// is kept and returned by every Encode and Decode. A struct whose fields are
// all empty is empty.
func StructCodec[S any](fields ...Field[S]) Codec[S] {
	s, err := NewSchema(fields...)
	return &structCodec[S]{s: s, err: err}
}

type structCodec[S any] struct {
	s   *Schema[S]
	err error
}

func (c *structCodec[S]) Encode(v *S) (types.AttributeValue, error) {
	if c.err != nil {
		return nil, c.err
	}
	if v == nil {
		return nil, nil
	}
	var at int
	m, err := c.s.encode(v, &at) // the schema of the item recovers panics
	if err != nil {
		return nil, err
	}
	return &types.AttributeValueMemberM{Value: m}, nil
}

func (c *structCodec[S]) Decode(av types.AttributeValue, v *S) error {
	if c.err != nil {
		return c.err
	}
	x, ok := av.(*types.AttributeValueMemberM)
	if !ok || x == nil { // a typed nil is no value either
		return typeError(expr.TypeMap, av)
	}
	var at int
	return c.s.decode(x.Value, v, &at)
}

func (c *structCodec[S]) IsEmpty(v *S) bool {
	if c.err != nil {
		return false
	}
	for _, e := range c.s.impls {
		if !e.impl.isEmpty(v) {
			return false
		}
	}
	return true
}

func (c *structCodec[S]) Type() expr.Type { return expr.TypeMap }
