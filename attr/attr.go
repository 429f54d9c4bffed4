package attr

import (
	"reflect"
	"unsafe"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/gonamo/gonamo/expr"
)

// Options are the options of one attribute, set by the functions OmitEmpty,
// Required, Default, DefaultFunc and Validate passed to its constructor.
type Options[V any] struct {
	// OmitEmpty leaves the attribute out of the item when its value is
	// empty (the codec's IsEmpty: zero, "", empty collection). Sets need it
	// to be empty, as DynamoDB cannot store an empty set.
	OmitEmpty bool

	// Required makes an absent attribute an error wrapping ErrRequired, when
	// encoding (a nil pointer, an omitted empty value), when decoding, and
	// in Set (an absent value) and Remove.
	Required bool

	// Default, when not nil, gives the value of an empty field when the item
	// is encoded (Encode writes it into the item, as a constructor would)
	// and of an absent attribute when it is decoded.
	Default func() V

	// Validate, when not nil, checks every value written: by Encode (after
	// defaults, unless the value is omitted) and by Set and SetIfNotExists.
	// Its error is wrapped with ErrValidation.
	Validate func(V) error
}

// OmitEmpty is the option that leaves the attribute out of the item when its
// value is empty. Pass it uninstantiated: attr.String("nick", get,
// attr.OmitEmpty).
func OmitEmpty[V any](o *Options[V]) { o.OmitEmpty = true }

// Required is the option that makes an absent attribute an error wrapping
// ErrRequired. Pass it uninstantiated: attr.String("email", get,
// attr.Required).
func Required[V any](o *Options[V]) { o.Required = true }

// Default returns the option giving an empty field the value v when the item
// is encoded and an absent attribute v when it is decoded.
func Default[V any](v V) func(*Options[V]) {
	return func(o *Options[V]) { o.Default = func() V { return v } }
}

// DefaultFunc returns the option giving an empty field the result of f when
// the item is encoded and an absent attribute that of f when it is decoded:
// attr.DefaultFunc(time.Now).
func DefaultFunc[V any](f func() V) func(*Options[V]) {
	return func(o *Options[V]) { o.Default = f }
}

// Validate returns the option checking every value written with f. A
// non-nil result is an error wrapping ErrValidation and the result.
func Validate[V any](f func(V) error) func(*Options[V]) {
	return func(o *Options[V]) { o.Validate = f }
}

// Field is a descriptor of one top-level attribute of items of type T,
// whatever the type of its value: what a Schema is built from. Every
// descriptor of this package is a Field (Attr, StringAttr, NumberAttr,
// SetAttr, ListAttr, MapAttr), as are the fields of a FromTags schema, and
// only they are: another package makes one by embedding a descriptor.
type Field[T any] interface {
	// Name returns the stored name of the attribute.
	Name() string
	// Path returns the document path of the attribute, for expressions.
	Path() expr.Path
	// Err returns the mistake the descriptor was built with (an empty name,
	// a nil accessor...), as an *Error wrapping ErrDescriptor, or nil.
	Err() error
	// KeyType returns the scalar type of the attribute for a key schema
	// (S, N or B) and false when its values are not scalars of one type.
	KeyType() (types.ScalarAttributeType, bool)
	// TTL reports whether the attribute was declared as the table's time to
	// live attribute (by TTL).
	TTL() bool
	// Encode returns the attribute's value in item, after defaults,
	// OmitEmpty and validation, or nil when the attribute is absent (a nil
	// pointer or collection, an omitted empty value): a partial save removes
	// it. Errors are *Error values.
	Encode(item *T) (types.AttributeValue, error)
	// Decode stores av, the attribute's value read from DynamoDB, in item. A
	// nil or NULL av means absent: the field gets its default or its zero
	// value, or the error ErrRequired.
	Decode(av types.AttributeValue, item *T) error
	// IsEmpty reports whether the field of item is empty.
	IsEmpty(item *T) bool

	impl() (fieldImpl[T], error)
}

// fieldImpl is the storage side of a top-level field, with its value type
// erased: a Schema walks a slice of them.
type fieldImpl[T any] interface {
	name() string
	encode(item *T) (types.AttributeValue, error)
	decode(av types.AttributeValue, item *T) error
	isEmpty(item *T) bool
}

// field is what a descriptor is made of: the expression side (path, codec
// of operands, options) and, for a top-level attribute, the storage side.
type field[T, V any] struct {
	model string    // name of T, for errors
	name  string    // stored name of a top-level attribute, "" when nested
	path  expr.Path // document path
	where string    // document path as text, for errors
	codec Codec[V]  // encodes operands
	sc    scalar[V] // codec, when it is a scalar codec: found once, not per operand
	opts  Options[V]
	ttl   bool
	err   error
	store fieldImpl[T] // nil when nested, or when err is set
}

// Attr is a descriptor of an attribute of items of type T holding values of
// type V: its stored name, how to reach the value in an item (an accessor
// func(*T) *V, a field selector such as func(t *T) *int { return &t.Views })
// and its codec. It builds the conditions and updates every
// attribute supports; the typed variants (StringAttr, NumberAttr, SetAttr,
// ListAttr, MapAttr) embed it and add the operations of their types.
//
// Descriptors are immutable values, safe to share between goroutines and
// cheap to copy; declare them once, as package variables. The zero Attr is
// invalid: its operations return errors.
type Attr[T, V any] struct {
	f *field[T, V]
}

// modelName returns the name of T for error messages.
func modelName[T any]() string {
	t := reflect.TypeFor[T]()
	if t.Name() != "" {
		return t.Name()
	}
	return t.String()
}

// newAttr builds a top-level descriptor whose value is stored through get
// with codec c (the storage codec, of type P) and whose operands are
// encoded with oc (of type V). For every attribute but pointers P is V.
func newAttr[T, V, P any](name string, get func(*T) *P, c Codec[P], oc Codec[V], opts Options[V], sopts Options[P]) Attr[T, V] {
	f := &field[T, V]{
		model: modelName[T](),
		name:  name,
		path:  expr.Name(name),
		where: name,
		codec: oc,
		sc:    asScalar(oc),
		opts:  opts,
	}
	switch {
	case name == "":
		f.err = &Error{Model: f.model, Err: detail(ErrDescriptor, "empty stored name")}
	case get == nil:
		f.err = &Error{Model: f.model, Attr: name, Err: detail(ErrDescriptor, "nil accessor")}
	case c == nil || oc == nil:
		f.err = &Error{Model: f.model, Attr: name, Err: detail(ErrDescriptor, "nil codec")}
	default:
		f.store = newStored(f.model, name, get, c, sopts)
	}
	return Attr[T, V]{f}
}

// plain builds a top-level descriptor whose field has the operand's type.
func plain[T, V any](name string, get func(*T) *V, c Codec[V], opts []func(*Options[V])) Attr[T, V] {
	o := buildOptions(opts)
	return newAttr(name, get, c, c, o, o)
}

func buildOptions[V any](opts []func(*Options[V])) Options[V] {
	var o Options[V]
	for _, fn := range opts {
		if fn != nil {
			fn(&o)
		}
	}
	return o
}

// stored is the storage side of a top-level field of type P.
type stored[T, P any] struct {
	model  string
	attr   string
	get    func(*T) *P
	off    uintptr // the field's offset in T, when direct
	direct bool    // get selects a field of T: use off instead of calling it
	codec  Codec[P]
	opts   Options[P]
}

func newStored[T, P any](model, name string, get func(*T) *P, c Codec[P], opts Options[P]) *stored[T, P] {
	s := &stored[T, P]{model: model, attr: name, get: get, codec: c, opts: opts}
	s.off, s.direct = offsetOf(get)
	return s
}

// field returns the address of the field in item.
func (s *stored[T, P]) field(item *T) *P {
	if s.direct {
		return (*P)(unsafe.Add(unsafe.Pointer(item), s.off))
	}
	return s.get(item)
}

// offsetOf finds out, once, whether the accessor get selects a field of its
// argument (as &t.Views does) and at which offset, by calling it on two
// zero items: both results must lie inside their item, at the same offset.
// Encoding and decoding then add the offset instead of calling get, which
// saves an indirect call per field and item. An accessor that returns
// memory outside the item (through a pointer field, a map, a global) or
// panics on a zero item keeps being called.
func offsetOf[T, P any](get func(*T) *P) (off uintptr, ok bool) {
	defer func() {
		if recover() != nil {
			off, ok = 0, false
		}
	}()
	var zeroT T
	var zeroP P
	size, psize := unsafe.Sizeof(zeroT), unsafe.Sizeof(zeroP)
	if size == 0 || psize == 0 {
		return 0, false
	}
	at := func(item *T) (uintptr, bool) {
		q := get(item)
		if q == nil {
			return 0, false
		}
		base, addr := uintptr(unsafe.Pointer(item)), uintptr(unsafe.Pointer(q))
		if addr < base || addr-base > size-psize {
			return 0, false
		}
		return addr - base, true
	}
	a, okA := at(new(T))
	b, okB := at(new(T))
	return a, okA && okB && a == b
}

func (s *stored[T, P]) name() string { return s.attr }

func (s *stored[T, P]) encode(item *T) (types.AttributeValue, error) {
	if item == nil {
		return nil, &Error{Model: s.model, Attr: s.attr, Err: detail(ErrNoValue, "nil item")}
	}
	p := s.field(item)
	if p == nil {
		return s.absent()
	}
	if s.opts.Default != nil && s.codec.IsEmpty(p) {
		*p = s.opts.Default()
	}
	if s.opts.OmitEmpty && s.codec.IsEmpty(p) {
		return s.absent()
	}
	if s.opts.Validate != nil {
		if err := s.opts.Validate(*p); err != nil {
			return nil, &Error{Model: s.model, Attr: s.attr, Err: validationError(err)}
		}
	}
	av, err := s.codec.Encode(p)
	if err != nil {
		return nil, withPath(s.model, s.attr, err)
	}
	if av == nil {
		return s.absent()
	}
	return av, nil
}

// absent is the result of encoding a field without value.
func (s *stored[T, P]) absent() (types.AttributeValue, error) {
	if s.opts.Required {
		return nil, &Error{Model: s.model, Attr: s.attr, Err: ErrRequired}
	}
	return nil, nil
}

func (s *stored[T, P]) decode(av types.AttributeValue, item *T) error {
	if item == nil {
		return &Error{Model: s.model, Attr: s.attr, Err: detail(ErrNoValue, "nil item")}
	}
	p := s.field(item)
	if p == nil {
		return &Error{Model: s.model, Attr: s.attr, Err: detail(ErrDescriptor, "accessor returned nil")}
	}
	if isNull(av) {
		switch {
		case s.opts.Required:
			return &Error{Model: s.model, Attr: s.attr, Err: ErrRequired}
		case s.opts.Default != nil:
			*p = s.opts.Default()
		default:
			var zero P
			*p = zero
		}
		return nil
	}
	if err := s.codec.Decode(av, p); err != nil {
		return withPath(s.model, s.attr, err)
	}
	return nil
}

func (s *stored[T, P]) isEmpty(item *T) bool {
	if item == nil {
		return true
	}
	p := s.field(item)
	return p == nil || s.codec.IsEmpty(p)
}

// validationError wraps the error of a Validate function.
func validationError(err error) error {
	return &multiError{msg: ErrValidation.Error() + ": " + err.Error(), errs: []error{ErrValidation, err}}
}

// multiError is an error wrapping several, with its own message.
type multiError struct {
	msg  string
	errs []error
}

func (e *multiError) Error() string   { return e.msg }
func (e *multiError) Unwrap() []error { return e.errs }

// errZero returns the error of the zero descriptor.
func errZero() error { return &Error{Err: detail(ErrDescriptor, "zero descriptor")} }

// Name returns the stored name of the attribute; for a descriptor made by
// Nested, Index or Key, its document path as text ("address.city").
func (a Attr[T, V]) Name() string {
	if a.f == nil {
		return ""
	}
	if a.f.name == "" {
		return a.f.where
	}
	return a.f.name
}

// Path returns the document path of the attribute, to use with package expr.
func (a Attr[T, V]) Path() expr.Path {
	if a.f == nil {
		return expr.Path{}
	}
	return a.f.path
}

// Err returns the mistake the descriptor was built with, as an *Error
// wrapping ErrDescriptor, or nil.
func (a Attr[T, V]) Err() error {
	if a.f == nil {
		return errZero()
	}
	if a.f.err != nil {
		return a.f.err
	}
	return nil
}

// KeyType returns the scalar type of the attribute for a key schema: S, N or
// B, from its codec's Type; false for any other type.
func (a Attr[T, V]) KeyType() (types.ScalarAttributeType, bool) {
	if a.f == nil || a.f.codec == nil {
		return "", false
	}
	switch a.f.codec.Type() {
	case expr.TypeString:
		return types.ScalarAttributeTypeS, true
	case expr.TypeNumber:
		return types.ScalarAttributeTypeN, true
	case expr.TypeBinary:
		return types.ScalarAttributeTypeB, true
	}
	return "", false
}

// TTL reports whether the attribute was made by TTL.
func (a Attr[T, V]) TTL() bool { return a.f != nil && a.f.ttl }

// Encode returns the attribute's value in item, or nil when the attribute
// is absent; see Field.
func (a Attr[T, V]) Encode(item *T) (_ types.AttributeValue, err error) {
	s, err := a.impl()
	if err != nil {
		return nil, err
	}
	defer a.recoverInto(&err)
	return s.encode(item)
}

// Decode stores av in the attribute's field of item; see Field.
func (a Attr[T, V]) Decode(av types.AttributeValue, item *T) (err error) {
	s, err := a.impl()
	if err != nil {
		return err
	}
	defer a.recoverInto(&err)
	return s.decode(av, item)
}

// IsEmpty reports whether the attribute's field of item is empty (always
// true for a descriptor that has no field, or whose accessor panics).
func (a Attr[T, V]) IsEmpty(item *T) (empty bool) {
	s, err := a.impl()
	if err != nil {
		return true
	}
	defer func() {
		if recover() != nil {
			empty = true
		}
	}()
	return s.isEmpty(item)
}

// recoverInto turns a panic in the accessor or codec into an error in *err.
func (a Attr[T, V]) recoverInto(err *error) {
	if r := recover(); r != nil {
		*err = &Error{Model: a.f.model, Attr: a.f.where, Err: panicError(r)}
	}
}

func (a Attr[T, V]) impl() (fieldImpl[T], error) {
	switch {
	case a.f == nil:
		return nil, errZero()
	case a.f.err != nil:
		return nil, a.f.err
	case a.f.store == nil:
		return nil, &Error{Model: a.f.model, Attr: a.f.where,
			Err: detail(ErrDescriptor, "a nested descriptor is not a field of its own")}
	}
	return a.f.store, nil
}

// EncodeValue returns the attribute value of v encoded with the attribute's
// codec, as used in expressions and keys, or an *Error. A value encoding to
// nothing (a nil slice) is an error wrapping ErrNoValue.
func (a Attr[T, V]) EncodeValue(v V) (types.AttributeValue, error) {
	if a.f == nil {
		return nil, errZero()
	}
	return a.f.value(&v)
}

// DecodeValue decodes av with the attribute's codec.
func (a Attr[T, V]) DecodeValue(av types.AttributeValue) (V, error) {
	var v V
	switch {
	case a.f == nil:
		return v, errZero()
	case a.f.err != nil:
		return v, a.f.err
	case isNull(av):
		return v, &Error{Model: a.f.model, Attr: a.f.where, Err: detail(ErrNoValue, "NULL or nil attribute value")}
	}
	if err := a.f.codec.Decode(av, &v); err != nil {
		return v, withPath(a.f.model, a.f.where, err)
	}
	return v, nil
}

// fail returns the *Error for err about this attribute.
func (f *field[T, V]) fail(err error) error {
	return withPath(f.model, f.where, err)
}

// value encodes an operand.
func (f *field[T, V]) value(v *V) (types.AttributeValue, error) {
	if f.err != nil {
		return nil, f.err
	}
	av, err := f.codec.Encode(v)
	if err != nil {
		return nil, f.fail(err)
	}
	if av == nil {
		return nil, f.fail(detail(ErrNoValue, "the value encodes to nothing"))
	}
	return av, nil
}

// written encodes a value written by Set: validated, and nil (REMOVE) when
// it is absent or omitted.
func (f *field[T, V]) written(v *V) (types.AttributeValue, error) {
	if f.err != nil {
		return nil, f.err
	}
	if f.opts.OmitEmpty && f.codec.IsEmpty(v) {
		return nil, f.removable()
	}
	if f.opts.Validate != nil {
		if err := f.opts.Validate(*v); err != nil {
			return nil, f.fail(validationError(err))
		}
	}
	av, err := f.codec.Encode(v)
	if err != nil {
		return nil, f.fail(err)
	}
	if av == nil {
		return nil, f.removable()
	}
	return av, nil
}

// removable returns the error of removing a required attribute, or nil.
func (f *field[T, V]) removable() error {
	if f.opts.Required {
		return f.fail(ErrRequired)
	}
	return nil
}
