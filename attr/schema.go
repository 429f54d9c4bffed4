package attr

import (
	"fmt"
	"unsafe"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Schema is the list of the attributes of items of type T: it encodes an
// item into the attribute map of a PutItem and decodes the map of a GetItem
// into an item, by walking its fields and calling their accessors and
// codecs, without reflection.
//
// Build it once, with NewSchema from descriptors or FromTags from struct
// tags; it is immutable and safe for concurrent use.
type Schema[T any] struct {
	model  string
	fields []Field[T]
	impls  []entry[T]
	index  map[string]int
	copies bool // see DecodeCopies
}

// entry is a field as the hot loops of Encode and Decode use it: its op,
// when it has one, is tried first (see fieldOp), and impl does the rest.
type entry[T any] struct {
	name string
	impl fieldImpl[T]
	off  uintptr // offset of the field in T, for op
	op   fieldOp // decoding fast path, opNone for none
	enc  bool    // encoding may take op too
}

// newEntry returns the entry of a field stored by impl.
func newEntry[T any](name string, impl fieldImpl[T]) entry[T] {
	e := entry[T]{name: name, impl: impl}
	if f, ok := impl.(fastField); ok {
		e.op, e.off, e.enc = f.fastOp()
		e.enc = e.enc && e.op != opNone
	}
	return e
}

// NewSchema returns the schema of the fields, in order. A field built with a
// mistake, a nil field, a nested descriptor (it has no accessor of its own)
// or two fields with one stored name are an *Error wrapping ErrDescriptor.
func NewSchema[T any](fields ...Field[T]) (*Schema[T], error) {
	s := &Schema[T]{
		model:  modelName[T](),
		fields: make([]Field[T], 0, len(fields)),
		impls:  make([]entry[T], 0, len(fields)),
		index:  make(map[string]int, len(fields)),
		copies: true,
	}
	for i, f := range fields {
		if f == nil {
			return nil, &Error{Model: s.model, Err: detail(ErrDescriptor, "field %d is nil", i)}
		}
		impl, err := f.impl()
		if err != nil {
			return nil, err
		}
		name := impl.name()
		if _, dup := s.index[name]; dup {
			return nil, &Error{Model: s.model, Attr: name, Err: detail(ErrDescriptor, "two attributes stored as %q", name)}
		}
		s.index[name] = len(s.fields)
		s.fields = append(s.fields, f)
		s.impls = append(s.impls, newEntry(name, impl))
		s.copies = s.copies && copies(impl)
	}
	return s, nil
}

// Encode returns the attribute map of item: every field that is not absent,
// under its stored name. It fills the defaults of empty fields into item
// (see Options.Default). The first error, an *Error, stops it; a panic in
// an accessor or a codec (an accessor following a nil pointer of the item)
// is recovered and returned as an *Error wrapping ErrDescriptor.
func (s *Schema[T]) Encode(item *T) (_ map[string]types.AttributeValue, err error) {
	if item == nil {
		return nil, &Error{Model: s.model, Err: detail(ErrNoValue, "nil item")}
	}
	i := 0
	defer func() {
		if r := recover(); r != nil {
			err = s.panicked(i, r)
		}
	}()
	return s.encode(item, &i)
}

// encode is Encode without the checks, for nested structs; *at follows the
// field being encoded.
func (s *Schema[T]) encode(item *T, at *int) (map[string]types.AttributeValue, error) {
	m := make(map[string]types.AttributeValue, len(s.impls))
	base := unsafe.Pointer(item) // for the ops; see fieldOp
	for i := range s.impls {
		e := &s.impls[i]
		if e.enc && base != nil {
			if av := encodeOp(e.op, unsafe.Add(base, e.off)); av != nil {
				m[e.name] = av
				continue
			}
		}
		*at = i
		av, err := e.impl.encode(item)
		if err != nil {
			return nil, err
		}
		if av != nil {
			m[e.name] = av
		}
	}
	return m, nil
}

// panicked turns a panic in the accessor or codec of field i (an accessor
// following a nil pointer of the item, a custom codec's bug) into an error.
func (s *Schema[T]) panicked(i int, r any) error {
	name := ""
	if i < len(s.impls) {
		name = s.impls[i].name
	}
	return &Error{Model: s.model, Attr: name, Err: panicError(r)}
}

// panicError is the error of a recovered panic.
func panicError(r any) error {
	if err, ok := r.(error); ok {
		return fmt.Errorf("%w: panic in the accessor or codec: %w", ErrDescriptor, err)
	}
	return fmt.Errorf("%w: panic in the accessor or codec: %v", ErrDescriptor, r)
}

// Decode stores the attributes of m in item, field by field: a field whose
// attribute is absent (or NULL) gets its default or its zero value, so item
// needs no clearing; attributes without field are ignored. The first error,
// an *Error, stops it, leaving item partly decoded; a panic in an accessor
// or a codec is recovered as in Encode.
func (s *Schema[T]) Decode(m map[string]types.AttributeValue, item *T) (err error) {
	if item == nil {
		return &Error{Model: s.model, Err: detail(ErrNoValue, "nil item")}
	}
	i := 0
	defer func() {
		if r := recover(); r != nil {
			err = s.panicked(i, r)
		}
	}()
	return s.decode(m, item, &i)
}

// decode is Decode without the checks, for nested structs; *at follows the
// field being decoded.
func (s *Schema[T]) decode(m map[string]types.AttributeValue, item *T, at *int) error {
	base := unsafe.Pointer(item) // for the ops; see fieldOp
	for i := range s.impls {
		e := &s.impls[i]
		av := m[e.name]
		if e.op != opNone && base != nil && decodeOp(e.op, av, unsafe.Add(base, e.off)) {
			continue
		}
		*at = i
		if err := e.impl.decode(av, item); err != nil {
			return err
		}
	}
	return nil
}

// Field returns the field stored under name.
func (s *Schema[T]) Field(name string) (Field[T], bool) {
	i, ok := s.index[name]
	if !ok {
		return nil, false
	}
	return s.fields[i], true
}

// Fields returns the fields of the schema, in order, in a new slice.
func (s *Schema[T]) Fields() []Field[T] {
	return append([]Field[T](nil), s.fields...)
}

// Model returns the name of T, as errors show it.
func (s *Schema[T]) Model() string { return s.model }
