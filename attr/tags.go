package attr

import (
	"encoding"
	"encoding/json"
	"reflect"
	"strings"
	"time"
	"unsafe"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/gonamo/gonamo/expr"
)

// FromTags returns the schema of the struct type T derived once, by
// reflection, from its fields and their `dynamodbav` tags, for users who
// prefer tags to descriptors. The tag is the stored name (the Go field name
// when empty) followed by options:
//
//	type User struct {
//		ID    string            `dynamodbav:"id,required"`
//		Nick  string            `dynamodbav:"nick,omitempty"`
//		Tags  []string          `dynamodbav:"tags,stringset,omitempty"`
//		Seen  time.Time         `dynamodbav:"seen,unixtime"`
//		Exp   time.Time         `dynamodbav:"exp,ttl"`
//		Prefs map[string]string `dynamodbav:"prefs"`
//		Extra Extra             `dynamodbav:"extra,json"`
//		Skip  int               `dynamodbav:"-"`
//	}
//
// The options are omitempty, required, stringset, numberset and binaryset
// (a slice, or a map[E]struct{} of string or number E, stored as a set),
// unixtime (a time.Time stored as epoch seconds), ttl (unixtime, omitempty
// and Field.TTL) and json (any type stored as its JSON text).
//
// Types map to the codecs of the descriptors: strings, bools, every integer
// and float kind, []byte, time.Time, Decimal, types implementing
// encoding.TextMarshaler and TextUnmarshaler, pointers (nil is absent),
// slices (lists), map[string]V (maps) and structs (maps described by their
// own tags); embedded structs are flattened. Unexported fields and fields
// tagged "-" are skipped. Other types (channels, functions, interfaces,
// arrays, complex numbers) or unknown options are an *Error wrapping
// ErrDescriptor.
//
// Encoding and decoding reach fields by their offsets, without reflection,
// except to allocate the pointee of a pointer to a struct or a slice of
// structs, to walk a map whose value type is not built in, and for text and
// JSON values. The schema's fields have no typed operations; use
// Field.Path with package expr, or descriptors, for expressions.
func FromTags[T any]() (*Schema[T], error) {
	t := reflect.TypeFor[T]()
	model := modelName[T]()
	if t.Kind() != reflect.Struct {
		return nil, &Error{Model: model, Err: detail(ErrDescriptor, "FromTags needs a struct type, not %s", t)}
	}
	b := &tagBuilder{model: model, seen: map[reflect.Type]*uStruct{}}
	us, err := b.structOf(t, "")
	if err != nil {
		return nil, err
	}
	fields := make([]Field[T], len(us.fields))
	for i, f := range us.fields {
		fields[i] = &tagField[T]{model: model, f: f, path: expr.Name(f.name)}
	}
	return NewSchema(fields...)
}

// ucodec is a codec of a value known by its address only: the shape of the
// tag schema, whose field types are known at run time.
type ucodec interface {
	encode(p unsafe.Pointer) (types.AttributeValue, error)
	decode(av types.AttributeValue, p unsafe.Pointer) error
	isEmpty(p unsafe.Pointer) bool
	typ() expr.Type
	zero(p unsafe.Pointer) // sets the value to its zero value
}

// typed adapts a Codec[V] to a ucodec on the address of a V (or of a value
// of a type with the same underlying type, which has the same layout).
type typed[V any] struct{ c Codec[V] }

func (t typed[V]) encode(p unsafe.Pointer) (types.AttributeValue, error) { return t.c.Encode((*V)(p)) }
func (t typed[V]) decode(av types.AttributeValue, p unsafe.Pointer) error {
	return t.c.Decode(av, (*V)(p))
}
func (t typed[V]) isEmpty(p unsafe.Pointer) bool { return t.c.IsEmpty((*V)(p)) }
func (t typed[V]) typ() expr.Type                { return t.c.Type() }
func (t typed[V]) zero(p unsafe.Pointer)         { var z V; *(*V)(p) = z }

// ufield is one field of a struct in the tag schema.
type ufield struct {
	name      string
	off       uintptr
	c         ucodec
	omitEmpty bool
	required  bool
	ttl       bool
}

func (f *ufield) encode(model string, p unsafe.Pointer) (types.AttributeValue, error) {
	q := unsafe.Add(p, f.off)
	if f.omitEmpty && f.c.isEmpty(q) {
		return f.absent(model)
	}
	av, err := f.c.encode(q)
	if err != nil {
		return nil, withPath(model, f.name, err)
	}
	if av == nil {
		return f.absent(model)
	}
	return av, nil
}

func (f *ufield) absent(model string) (types.AttributeValue, error) {
	if f.required {
		return nil, &Error{Model: model, Attr: f.name, Err: ErrRequired}
	}
	return nil, nil
}

func (f *ufield) decode(model string, av types.AttributeValue, p unsafe.Pointer) error {
	q := unsafe.Add(p, f.off)
	if isNull(av) {
		if f.required {
			return &Error{Model: model, Attr: f.name, Err: ErrRequired}
		}
		f.c.zero(q)
		return nil
	}
	if err := f.c.decode(av, q); err != nil {
		return withPath(model, f.name, err)
	}
	return nil
}

// uStruct stores a struct as M.
type uStruct struct {
	model  string
	t      reflect.Type
	fields []*ufield
}

func (s *uStruct) encode(p unsafe.Pointer) (types.AttributeValue, error) {
	m := make(map[string]types.AttributeValue, len(s.fields))
	for _, f := range s.fields {
		av, err := f.encode(s.model, p)
		if err != nil {
			return nil, err
		}
		if av != nil {
			m[f.name] = av
		}
	}
	return &types.AttributeValueMemberM{Value: m}, nil
}

func (s *uStruct) decode(av types.AttributeValue, p unsafe.Pointer) error {
	x, ok := av.(*types.AttributeValueMemberM)
	if !ok || x == nil { // a typed nil is no value either
		return typeError(expr.TypeMap, av)
	}
	for _, f := range s.fields {
		if err := f.decode(s.model, x.Value[f.name], p); err != nil {
			return err
		}
	}
	return nil
}

func (s *uStruct) isEmpty(p unsafe.Pointer) bool {
	for _, f := range s.fields {
		if !f.c.isEmpty(unsafe.Add(p, f.off)) {
			return false
		}
	}
	return true
}

func (s *uStruct) typ() expr.Type        { return expr.TypeMap }
func (s *uStruct) zero(p unsafe.Pointer) { zeroValue(s.t, p) }

// uPointer stores a pointer to a value of type elem; nil is absent.
type uPointer struct {
	elem reflect.Type
	c    ucodec
}

func (u *uPointer) encode(p unsafe.Pointer) (types.AttributeValue, error) {
	q := *(*unsafe.Pointer)(p)
	if q == nil {
		return nil, nil
	}
	return u.c.encode(q)
}

func (u *uPointer) decode(av types.AttributeValue, p unsafe.Pointer) error {
	if isNull(av) {
		*(*unsafe.Pointer)(p) = nil
		return nil
	}
	q := reflect.New(u.elem).UnsafePointer()
	if err := u.c.decode(av, q); err != nil {
		return err
	}
	*(*unsafe.Pointer)(p) = q
	return nil
}

func (u *uPointer) isEmpty(p unsafe.Pointer) bool { return *(*unsafe.Pointer)(p) == nil }
func (u *uPointer) typ() expr.Type                { return u.c.typ() }
func (u *uPointer) zero(p unsafe.Pointer)         { *(*unsafe.Pointer)(p) = nil }

// sliceHeader is the layout of a Go slice.
type sliceHeader struct {
	data unsafe.Pointer
	len  int
	cap  int
}

// uSlice stores a slice of values of type elem as L.
type uSlice struct {
	t    reflect.Type // the slice type
	size uintptr      // element size
	c    ucodec
}

func (u *uSlice) encode(p unsafe.Pointer) (types.AttributeValue, error) {
	h := (*sliceHeader)(p)
	if h.data == nil {
		return nil, nil
	}
	out := make([]types.AttributeValue, h.len)
	for i := range h.len {
		av, err := u.c.encode(unsafe.Add(h.data, uintptr(i)*u.size))
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

func (u *uSlice) decode(av types.AttributeValue, p unsafe.Pointer) error {
	x, ok := av.(*types.AttributeValueMemberL)
	if !ok || x == nil { // a typed nil is no value either
		return typeError(expr.TypeList, av)
	}
	n := len(x.Value)
	data := reflect.MakeSlice(u.t, n, n).UnsafePointer()
	for i, e := range x.Value {
		if isNull(e) {
			continue
		}
		if err := u.c.decode(e, unsafe.Add(data, uintptr(i)*u.size)); err != nil {
			return atIndex(i, err)
		}
	}
	*(*sliceHeader)(p) = sliceHeader{data: data, len: n, cap: n}
	return nil
}

func (u *uSlice) isEmpty(p unsafe.Pointer) bool { return (*sliceHeader)(p).len == 0 }
func (u *uSlice) typ() expr.Type                { return expr.TypeList }
func (u *uSlice) zero(p unsafe.Pointer)         { *(*sliceHeader)(p) = sliceHeader{} }

// uMap stores a map[string]V of a value type that is not built in, walking
// it with reflection.
type uMap struct {
	t reflect.Type // the map type
	c ucodec
}

func (u *uMap) encode(p unsafe.Pointer) (types.AttributeValue, error) {
	m := reflect.NewAt(u.t, p).Elem()
	if m.IsNil() {
		return nil, nil
	}
	out := make(map[string]types.AttributeValue, m.Len())
	v := reflect.New(u.t.Elem()).Elem()
	for it := m.MapRange(); it.Next(); {
		k := it.Key().String()
		if err := checkUTF8(k); err != nil {
			return nil, atKey(k, err)
		}
		v.SetIterValue(it)
		av, err := u.c.encode(v.Addr().UnsafePointer())
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

func (u *uMap) decode(av types.AttributeValue, p unsafe.Pointer) error {
	x, ok := av.(*types.AttributeValueMemberM)
	if !ok || x == nil { // a typed nil is no value either
		return typeError(expr.TypeMap, av)
	}
	m := reflect.MakeMapWithSize(u.t, len(x.Value))
	kt := u.t.Key()
	for k, e := range x.Value {
		v := reflect.New(u.t.Elem())
		if !isNull(e) {
			if err := u.c.decode(e, v.UnsafePointer()); err != nil {
				return atKey(k, err)
			}
		}
		m.SetMapIndex(reflect.ValueOf(k).Convert(kt), v.Elem())
	}
	reflect.NewAt(u.t, p).Elem().Set(m)
	return nil
}

func (u *uMap) isEmpty(p unsafe.Pointer) bool { return reflect.NewAt(u.t, p).Elem().Len() == 0 }
func (u *uMap) typ() expr.Type                { return expr.TypeMap }
func (u *uMap) zero(p unsafe.Pointer)         { *(*unsafe.Pointer)(p) = nil }

// uText stores a value implementing encoding.TextMarshaler as S.
type uText struct{ t reflect.Type }

func (u uText) encode(p unsafe.Pointer) (types.AttributeValue, error) {
	b, err := reflect.NewAt(u.t, p).Interface().(encoding.TextMarshaler).MarshalText()
	if err != nil {
		return nil, err
	}
	if err := checkUTF8(string(b)); err != nil {
		return nil, err
	}
	return &types.AttributeValueMemberS{Value: string(b)}, nil
}

func (u uText) decode(av types.AttributeValue, p unsafe.Pointer) error {
	s, ok := av.(*types.AttributeValueMemberS)
	if !ok {
		return typeError(expr.TypeString, av)
	}
	if err := reflect.NewAt(u.t, p).Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(s.Value)); err != nil {
		return detail(ErrType, "%v", err)
	}
	return nil
}

func (u uText) isEmpty(p unsafe.Pointer) bool {
	b, err := reflect.NewAt(u.t, p).Interface().(encoding.TextMarshaler).MarshalText()
	return err == nil && len(b) == 0
}

func (u uText) typ() expr.Type        { return expr.TypeString }
func (u uText) zero(p unsafe.Pointer) { zeroValue(u.t, p) }

// uJSON stores any value as its JSON text.
type uJSON struct{ t reflect.Type }

func (u uJSON) encode(p unsafe.Pointer) (types.AttributeValue, error) {
	b, err := json.Marshal(reflect.NewAt(u.t, p).Interface())
	if err != nil {
		return nil, err
	}
	return &types.AttributeValueMemberS{Value: string(b)}, nil
}

func (u uJSON) decode(av types.AttributeValue, p unsafe.Pointer) error {
	s, ok := av.(*types.AttributeValueMemberS)
	if !ok {
		return typeError(expr.TypeString, av)
	}
	x := reflect.New(u.t)
	if err := json.Unmarshal([]byte(s.Value), x.Interface()); err != nil {
		return detail(ErrType, "invalid JSON: %v", err)
	}
	reflect.NewAt(u.t, p).Elem().Set(x.Elem())
	return nil
}

func (u uJSON) isEmpty(p unsafe.Pointer) bool {
	return reflect.NewAt(u.t, p).Elem().IsZero()
}

func (u uJSON) typ() expr.Type        { return expr.TypeString }
func (u uJSON) zero(p unsafe.Pointer) { zeroValue(u.t, p) }

// tagField is a top-level field of a tag schema.
type tagField[T any] struct {
	model string
	f     *ufield
	path  expr.Path
}

func (t *tagField[T]) Name() string    { return t.f.name }
func (t *tagField[T]) Path() expr.Path { return t.path }
func (t *tagField[T]) Err() error      { return nil }
func (t *tagField[T]) TTL() bool       { return t.f.ttl }

func (t *tagField[T]) KeyType() (types.ScalarAttributeType, bool) {
	switch t.f.c.typ() {
	case expr.TypeString:
		return types.ScalarAttributeTypeS, true
	case expr.TypeNumber:
		return types.ScalarAttributeTypeN, true
	case expr.TypeBinary:
		return types.ScalarAttributeTypeB, true
	}
	return "", false
}

func (t *tagField[T]) Encode(item *T) (types.AttributeValue, error) { return t.encode(item) }
func (t *tagField[T]) Decode(av types.AttributeValue, item *T) error {
	return t.decode(av, item)
}
func (t *tagField[T]) IsEmpty(item *T) bool        { return t.isEmpty(item) }
func (t *tagField[T]) impl() (fieldImpl[T], error) { return t, nil }
func (t *tagField[T]) name() string                { return t.f.name }

func (t *tagField[T]) isEmpty(item *T) bool {
	return item == nil || t.f.c.isEmpty(unsafe.Add(unsafe.Pointer(item), t.f.off))
}

func (t *tagField[T]) nilItem() error {
	return &Error{Model: t.model, Attr: t.f.name, Err: detail(ErrNoValue, "nil item")}
}

func (t *tagField[T]) encode(item *T) (types.AttributeValue, error) {
	if item == nil {
		return nil, t.nilItem()
	}
	return t.f.encode(t.model, unsafe.Pointer(item))
}

func (t *tagField[T]) decode(av types.AttributeValue, item *T) error {
	if item == nil {
		return t.nilItem()
	}
	return t.f.decode(t.model, av, unsafe.Pointer(item))
}

// tagBuilder derives ucodecs from types.
type tagBuilder struct {
	model string
	seen  map[reflect.Type]*uStruct // structs being built, for recursive types
}

// tagOptions are the options of one dynamodbav tag.
type tagOptions struct {
	omitEmpty, required, set, unixtime, ttl, json bool
	setKind                                       string
}

func parseTag(tag string) (name string, o tagOptions, err error) {
	parts := strings.Split(tag, ",")
	name = parts[0]
	for _, p := range parts[1:] {
		switch p {
		case "omitempty":
			o.omitEmpty = true
		case "required":
			o.required = true
		case "stringset", "numberset", "binaryset":
			o.set, o.setKind = true, p
		case "unixtime":
			o.unixtime = true
		case "ttl":
			o.unixtime, o.ttl, o.omitEmpty = true, true, true
		case "json":
			o.json = true
		case "":
		default:
			return "", o, detail(ErrDescriptor, "unknown dynamodbav option %q", p)
		}
	}
	return name, o, nil
}

// structOf returns the ucodec of the struct type t; where is the path of the
// struct for errors.
func (b *tagBuilder) structOf(t reflect.Type, where string) (*uStruct, error) {
	if s, ok := b.seen[t]; ok {
		return s, nil // a recursive type: its fields are being filled in
	}
	s := &uStruct{model: b.model, t: t}
	b.seen[t] = s
	names := map[string]bool{}
	if err := b.addFields(s, t, 0, where, names); err != nil {
		return nil, err
	}
	return s, nil
}

// addFields adds the fields of t at offset base to s, flattening embedded
// structs.
func (b *tagBuilder) addFields(s *uStruct, t reflect.Type, base uintptr, where string, names map[string]bool) error {
	for i := range t.NumField() {
		sf := t.Field(i)
		tag, hasTag := sf.Tag.Lookup("dynamodbav")
		if tag == "-" {
			continue
		}
		name, o, err := parseTag(tag)
		at := join(where, sf.Name)
		if err != nil {
			return &Error{Model: b.model, Attr: at, Err: err}
		}
		if sf.Anonymous && (!hasTag || name == "") {
			ft := sf.Type
			if ft.Kind() == reflect.Struct {
				if err := b.addFields(s, ft, base+sf.Offset, where, names); err != nil {
					return err
				}
				continue
			}
			if !sf.IsExported() {
				continue
			}
			if ft.Kind() == reflect.Pointer {
				return &Error{Model: b.model, Attr: at, Err: detail(ErrDescriptor, "embedded pointer %s is not supported", ft)}
			}
		}
		if !sf.IsExported() {
			continue
		}
		if name == "" {
			name = sf.Name
		}
		at = join(where, name)
		if names[name] {
			return &Error{Model: b.model, Attr: at, Err: detail(ErrDescriptor, "two attributes stored as %q", name)}
		}
		names[name] = true
		c, err := b.codecOf(sf.Type, o, at)
		if err != nil {
			return err
		}
		s.fields = append(s.fields, &ufield{
			name: name, off: base + sf.Offset, c: c,
			omitEmpty: o.omitEmpty, required: o.required, ttl: o.ttl,
		})
	}
	return nil
}

// zeroValue sets the value of type t at p to its zero value.
func zeroValue(t reflect.Type, p unsafe.Pointer) {
	reflect.NewAt(t, p).Elem().SetZero()
}

var (
	typeTime    = reflect.TypeFor[time.Time]()
	typeDecimal = reflect.TypeFor[Decimal]()
	typeBytes   = reflect.TypeFor[[]byte]()
	typeTextM   = reflect.TypeFor[encoding.TextMarshaler]()
	typeTextU   = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// codecOf returns the ucodec of a value of type t with options o.
func (b *tagBuilder) codecOf(t reflect.Type, o tagOptions, at string) (ucodec, error) {
	fail := func(format string, args ...any) error {
		return &Error{Model: b.model, Attr: at, Err: detail(ErrDescriptor, format, args...)}
	}
	switch {
	case o.json:
		return uJSON{t}, nil
	case o.set:
		if c, ok := setOf(t, o.setKind); ok {
			return c, nil
		}
		return nil, fail("%s cannot be stored as a %s", t, o.setKind)
	case t == typeTime && o.unixtime:
		return typed[time.Time]{EpochCodec()}, nil
	case o.unixtime && t.Kind() != reflect.Pointer && t.Kind() != reflect.Slice && t.Kind() != reflect.Map:
		return nil, fail("unixtime on %s, not time.Time", t)
	case t == typeTime:
		return typed[time.Time]{TimeCodec()}, nil
	case t == typeDecimal:
		return typed[Decimal]{DecimalCodec()}, nil
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8:
		return typed[[]byte]{BytesCodec()}, nil
	case t.Implements(typeTextM) && reflect.PointerTo(t).Implements(typeTextU):
		return uText{t}, nil
	}
	if c, ok := scalarCodec(t); ok {
		return c, nil
	}
	switch t.Kind() {
	case reflect.Pointer:
		e := t.Elem()
		if e.Kind() == reflect.Pointer {
			return nil, fail("pointer to pointer %s is not supported", t)
		}
		c, err := b.codecOf(e, o, at)
		if err != nil {
			return nil, err
		}
		return &uPointer{elem: e, c: c}, nil
	case reflect.Slice:
		c, err := b.codecOf(t.Elem(), tagOptions{unixtime: o.unixtime}, at+"[]")
		if err != nil {
			return nil, err
		}
		return &uSlice{t: t, size: t.Elem().Size(), c: c}, nil
	case reflect.Map:
		if c, ok := builtinMaps[t]; ok {
			return c, nil
		}
		if t.Key().Kind() != reflect.String {
			return nil, fail("map keys must be strings, not %s", t.Key())
		}
		c, err := b.codecOf(t.Elem(), tagOptions{unixtime: o.unixtime}, at+".*")
		if err != nil {
			return nil, err
		}
		return &uMap{t: t, c: c}, nil
	case reflect.Struct:
		return b.structOf(t, at)
	}
	return nil, fail("type %s is not supported", t)
}

// builtinMaps are the map types whose codecs need no reflection.
var builtinMaps = map[reflect.Type]ucodec{
	reflect.TypeFor[map[string]string]():  typed[map[string]string]{MapCodec(StringCodec[string]())},
	reflect.TypeFor[map[string]bool]():    typed[map[string]bool]{MapCodec(BoolCodec[bool]())},
	reflect.TypeFor[map[string]int]():     typed[map[string]int]{MapCodec(NumberCodec[int]())},
	reflect.TypeFor[map[string]int64]():   typed[map[string]int64]{MapCodec(NumberCodec[int64]())},
	reflect.TypeFor[map[string]float64](): typed[map[string]float64]{MapCodec(NumberCodec[float64]())},
}

// scalarCodec returns the typed codec of a string, bool or number kind: a
// named type has the layout of its underlying type.
func scalarCodec(t reflect.Type) (ucodec, bool) {
	switch t.Kind() {
	case reflect.String:
		return typed[string]{StringCodec[string]()}, true
	case reflect.Bool:
		return typed[bool]{BoolCodec[bool]()}, true
	case reflect.Int:
		return typed[int]{NumberCodec[int]()}, true
	case reflect.Int8:
		return typed[int8]{NumberCodec[int8]()}, true
	case reflect.Int16:
		return typed[int16]{NumberCodec[int16]()}, true
	case reflect.Int32:
		return typed[int32]{NumberCodec[int32]()}, true
	case reflect.Int64:
		return typed[int64]{NumberCodec[int64]()}, true
	case reflect.Uint:
		return typed[uint]{NumberCodec[uint]()}, true
	case reflect.Uint8:
		return typed[uint8]{NumberCodec[uint8]()}, true
	case reflect.Uint16:
		return typed[uint16]{NumberCodec[uint16]()}, true
	case reflect.Uint32:
		return typed[uint32]{NumberCodec[uint32]()}, true
	case reflect.Uint64:
		return typed[uint64]{NumberCodec[uint64]()}, true
	case reflect.Uintptr:
		return typed[uintptr]{NumberCodec[uintptr]()}, true
	case reflect.Float32:
		return typed[float32]{NumberCodec[float32]()}, true
	case reflect.Float64:
		return typed[float64]{NumberCodec[float64]()}, true
	}
	return nil, false
}

// setOf returns the typed set codec of a slice (of a string or number kind,
// or [][]byte) or of a map[E]struct{} of an unnamed string or number type.
func setOf(t reflect.Type, kind string) (ucodec, bool) {
	switch t.Kind() {
	case reflect.Slice:
		e := t.Elem()
		switch {
		case kind == "binaryset" && e == typeBytes:
			return typed[[][]byte]{binarySet{}}, true
		case kind == "stringset" && e.Kind() == reflect.String:
			return typed[[]string]{sliceSet[string, stringElem[string]]{}}, true
		case kind == "numberset":
			return numberSetOf(e.Kind(), false)
		}
	case reflect.Map:
		e := t.Elem()
		if e.Kind() != reflect.Struct || e.NumField() != 0 || t.Key().Name() != t.Key().Kind().String() {
			return nil, false // only map[string]struct{}, map[int]struct{}...: a map of a named key type has other hashing
		}
		switch {
		case kind == "stringset" && t.Key().Kind() == reflect.String:
			return typed[map[string]struct{}]{mapSet[string, stringElem[string]]{}}, true
		case kind == "numberset":
			return numberSetOf(t.Key().Kind(), true)
		}
	}
	return nil, false
}

// numberSetOf returns the typed number set codec of the element kind k.
func numberSetOf(k reflect.Kind, asMap bool) (ucodec, bool) {
	switch k {
	case reflect.Int:
		return numSet[int](asMap), true
	case reflect.Int8:
		return numSet[int8](asMap), true
	case reflect.Int16:
		return numSet[int16](asMap), true
	case reflect.Int32:
		return numSet[int32](asMap), true
	case reflect.Int64:
		return numSet[int64](asMap), true
	case reflect.Uint:
		return numSet[uint](asMap), true
	case reflect.Uint8:
		return numSet[uint8](asMap), true
	case reflect.Uint16:
		return numSet[uint16](asMap), true
	case reflect.Uint32:
		return numSet[uint32](asMap), true
	case reflect.Uint64:
		return numSet[uint64](asMap), true
	case reflect.Float32:
		return numSet[float32](asMap), true
	case reflect.Float64:
		return numSet[float64](asMap), true
	}
	return nil, false
}

func numSet[E Numeric](asMap bool) ucodec {
	x := newNumberElem[E]()
	if asMap {
		return typed[map[E]struct{}]{mapSet[E, numberElem[E]]{x}}
	}
	return typed[[]E]{sliceSet[E, numberElem[E]]{x}}
}
