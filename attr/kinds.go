package attr

import (
	"encoding"
	"strconv"
	"time"
	"unsafe"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/gonamo/gonamo/expr"
)

// Custom returns the descriptor of the attribute name of items of type T,
// reached by get and stored by the codec c: the way to store a type of your
// own, or a built-in one differently (a time as JSON, a list of structs
// with options: Custom(name, get, ListCodec(StructCodec(fields...)),
// OmitEmpty)).
func Custom[T, V any](name string, get func(*T) *V, c Codec[V], opts ...func(*Options[V])) Attr[T, V] {
	return plain(name, get, c, opts)
}

// Bool returns the descriptor of a bool attribute, stored as BOOL.
func Bool[T any, V ~bool](name string, get func(*T) *V, opts ...func(*Options[V])) Attr[T, V] {
	return fastBool(plain(name, get, BoolCodec[V](), opts))
}

// Bytes returns the descriptor of a []byte attribute, stored as B; a nil
// slice is absent.
func Bytes[T any](name string, get func(*T) *[]byte, opts ...func(*Options[[]byte])) Attr[T, []byte] {
	return plain(name, get, BytesCodec(), opts)
}

// Epoch returns the descriptor of a time.Time attribute stored as N, whole
// seconds since the Unix epoch (see EpochCodec).
func Epoch[T any](name string, get func(*T) *time.Time, opts ...func(*Options[time.Time])) Attr[T, time.Time] {
	return plain(name, get, EpochCodec(), opts)
}

// TTL returns the descriptor of the time to live attribute of a table:
// Epoch seconds, with OmitEmpty so the zero time means "never expires", and
// marked so that Field.TTL reports it.
func TTL[T any](name string, get func(*T) *time.Time, opts ...func(*Options[time.Time])) Attr[T, time.Time] {
	a := plain(name, get, EpochCodec(), append([]func(*Options[time.Time]){OmitEmpty[time.Time]}, opts...))
	a.f.ttl = true
	return a
}

// JSON returns the descriptor of an attribute of any type stored as S, its
// JSON text (see JSONCodec).
func JSON[T, V any](name string, get func(*T) *V, opts ...func(*Options[V])) Attr[T, V] {
	return plain(name, get, JSONCodec[V](), opts)
}

// Pointer returns the descriptor of a pointer field *V stored with the codec
// of V: a nil pointer is absent (an error wrapping ErrRequired when
// Required), decoding allocates. Its operations take V values, and its
// options are those of V: Default fills a nil pointer, Validate sees the
// pointee.
func Pointer[T, V any](name string, get func(*T) **V, c Codec[V], opts ...func(*Options[V])) Attr[T, V] {
	o := buildOptions(opts)
	po := Options[*V]{OmitEmpty: o.OmitEmpty, Required: o.Required}
	if d := o.Default; d != nil {
		po.Default = func() *V { v := d(); return &v }
	}
	if fn := o.Validate; fn != nil {
		po.Validate = func(p *V) error {
			if p == nil {
				return nil
			}
			return fn(*p)
		}
	}
	var pc Codec[*V]
	if c != nil {
		pc = PointerCodec(c)
	}
	a := newAttr(name, get, pc, c, o, po)
	if s, ok := a.f.store.(*stored[T, *V]); ok {
		if sc, ok := c.(scalar[V]); ok {
			a.f.store = storedScalarPtr[T, V]{s, sc, s.plainOptions()}
		}
	}
	return a
}

// Struct returns the descriptor of a struct field S stored as M, each field
// of S described by fields (see StructCodec). Reach the attributes inside
// with Nested and its variants: attr.NestedString(address, city).
func Struct[T, S any](name string, get func(*T) *S, fields ...Field[S]) Attr[T, S] {
	return plain(name, get, StructCodec(fields...), nil)
}

// StringAttr is the descriptor of an attribute stored as a string (S), with
// the string operations BeginsWith and Contains besides those of Attr.
type StringAttr[T, V any] struct{ Attr[T, V] }

// String returns the descriptor of a string attribute, stored as S; invalid
// UTF-8 is an error wrapping ErrInvalidUTF8.
func String[T any, V ~string](name string, get func(*T) *V, opts ...func(*Options[V])) StringAttr[T, V] {
	return StringAttr[T, V]{fastString(plain(name, get, StringCodec[V](), opts))}
}

// StringOf returns a string descriptor for any type stored as S by the codec
// c, so it gets BeginsWith and Contains.
func StringOf[T, V any](name string, get func(*T) *V, c Codec[V], opts ...func(*Options[V])) StringAttr[T, V] {
	return StringAttr[T, V]{plain(name, get, c, opts)}
}

// Text returns the descriptor of an attribute whose type implements
// encoding.TextMarshaler and encoding.TextUnmarshaler, stored as S (see
// TextCodec).
func Text[T, V any, P interface {
	*V
	encoding.TextMarshaler
	encoding.TextUnmarshaler
}](name string, get func(*T) *V, opts ...func(*Options[V])) StringAttr[T, V] {
	return StringAttr[T, V]{plain(name, get, TextCodec[V, P](), opts)}
}

// Time returns the descriptor of a time.Time attribute stored as S in the
// sortable TimeLayout, in UTC (see TimeCodec): comparisons follow time
// order, and BeginsWith("2024-05") selects a month.
func Time[T any](name string, get func(*T) *time.Time, opts ...func(*Options[time.Time])) StringAttr[T, time.Time] {
	return StringAttr[T, time.Time]{plain(name, get, TimeCodec(), opts)}
}

// stringOperand encodes the string operand of begins_with and contains.
func (a StringAttr[T, V]) stringOperand(s string) (types.AttributeValue, error) {
	if err := a.check(); err != nil {
		return nil, err
	}
	if err := checkUTF8(s); err != nil {
		return nil, a.f.fail(err)
	}
	return &types.AttributeValueMemberS{Value: s}, nil
}

// BeginsWith returns the condition begins_with(attr, prefix). On a sort key
// it makes a key condition (see KeyCondition).
func (a StringAttr[T, V]) BeginsWith(prefix string) Condition[T] {
	av, err := a.stringOperand(prefix)
	if err != nil {
		return condErr[T](err)
	}
	return Condition[T]{c: expr.BeginsWith(expr.PathOf[T](a.f.path), expr.Value[T](av))}
}

// Contains returns the condition contains(attr, sub), true when the string
// holds the substring sub.
func (a StringAttr[T, V]) Contains(sub string) Condition[T] {
	av, err := a.stringOperand(sub)
	if err != nil {
		return condErr[T](err)
	}
	return Condition[T]{c: expr.Contains(expr.PathOf[T](a.f.path), expr.Value[T](av))}
}

// NumberAttr is the descriptor of an attribute stored as a number (N), with
// Add, Incr, Decr, IncrFrom and DecrFrom besides the operations of Attr.
type NumberAttr[T, V any] struct{ Attr[T, V] }

// Number returns the descriptor of an attribute of any Go integer or float
// type (named types too), stored as N (see NumberCodec):
// attr.Number("views", func(t *Thread) *int64 { return &t.Views }).
func Number[T any, V Numeric](name string, get func(*T) *V, opts ...func(*Options[V])) NumberAttr[T, V] {
	return NumberAttr[T, V]{fastNumber(plain(name, get, NumberCodec[V](), opts))}
}

// Int returns the descriptor of an int attribute, stored as N. It is
// Number for the most common type.
func Int[T any](name string, get func(*T) *int, opts ...func(*Options[int])) NumberAttr[T, int] {
	return Number(name, get, opts...)
}

// Exact returns the descriptor of a Decimal attribute, stored as N without
// losing a digit: money, quantities, any number beyond float64.
func Exact[T any](name string, get func(*T) *Decimal, opts ...func(*Options[Decimal])) NumberAttr[T, Decimal] {
	return NumberAttr[T, Decimal]{plain(name, get, DecimalCodec(), opts)}
}

// NumberOf returns a number descriptor for any type stored as N by the codec
// c, so it gets Add.
func NumberOf[T, V any](name string, get func(*T) *V, c Codec[V], opts ...func(*Options[V])) NumberAttr[T, V] {
	return NumberAttr[T, V]{plain(name, get, c, opts)}
}

// Add returns the action ADD attr v: v is added to the number (a negative v
// subtracts), a missing attribute counting as 0. DynamoDB applies it
// atomically.
func (a NumberAttr[T, V]) Add(v V) Update[T] {
	if err := a.check(); err != nil {
		return updErr[T](err)
	}
	av, err := a.f.operand(v)
	if err != nil {
		return updErr[T](err)
	}
	return Update[T]{u: expr.Add[T](a.f.path, av)}
}

// Incr returns the action SET attr = attr + by, which DynamoDB applies
// atomically. Unlike Add (for which a missing attribute counts as 0) it
// fails when the attribute is missing, and nothing is written: IncrFrom
// starts from a value of your choice. It reaches nested numbers too: a
// struct field (NestedNumber), a list element (IndexNumber), a map value
// (KeyNumber).
func (a NumberAttr[T, V]) Incr(by V) Update[T] { return a.arith(by, false, nil) }

// Decr returns the action SET attr = attr - by, with the rules of Incr.
func (a NumberAttr[T, V]) Decr(by V) Update[T] { return a.arith(by, true, nil) }

// IncrFrom returns the action SET attr = if_not_exists(attr, start) + by:
// a missing attribute counts as start, so IncrFrom(0, 1) counts from zero
// anywhere in an item.
func (a NumberAttr[T, V]) IncrFrom(start, by V) Update[T] { return a.arith(by, false, &start) }

// DecrFrom returns the action SET attr = if_not_exists(attr, start) - by.
func (a NumberAttr[T, V]) DecrFrom(start, by V) Update[T] { return a.arith(by, true, &start) }

// arith builds SET attr = x + by or x - by, where x is the attribute or,
// when start is set, if_not_exists(attr, start).
func (a NumberAttr[T, V]) arith(by V, minus bool, start *V) Update[T] {
	if err := a.check(); err != nil {
		return updErr[T](err)
	}
	d, err := a.f.operand(by)
	if err != nil {
		return updErr[T](err)
	}
	cur := expr.PathOf[T](a.f.path)
	if start != nil {
		s, err := a.f.value(start)
		if err != nil {
			return updErr[T](err)
		}
		cur = expr.IfNotExists(a.f.path, expr.Value[T](s))
	}
	if minus {
		return Update[T]{u: expr.Set(a.f.path, cur.Minus(expr.Value[T](d)))}
	}
	return Update[T]{u: expr.Set(a.f.path, cur.Plus(expr.Value[T](d)))}
}

// SetAttr is the descriptor of a string, number or binary set attribute: a
// Go set S (a slice or a map[E]struct{}) of elements E. Besides the
// operations of Attr it adds and deletes elements and tests membership.
//
// DynamoDB cannot store an empty set: an empty S (nil included) is an error
// wrapping ErrEmptySet unless the descriptor has OmitEmpty; duplicates are
// an error wrapping ErrDuplicate. DynamoDB does not keep the order of a set.
type SetAttr[T, S, E any] struct {
	Attr[T, S]
	set setCodec[S, E]
	// text converts the elements of string and number sets; it is nil for
	// binary sets, whose elements E are []byte.
	text elem[E]
}

func setAttr[T, S, E any](name string, get func(*T) *S, c setCodec[S, E], text elem[E], opts []func(*Options[S])) SetAttr[T, S, E] {
	return SetAttr[T, S, E]{plain(name, get, Codec[S](c), opts), c, text}
}

// StringSet returns the descriptor of a string set (SS) held in a slice.
func StringSet[T any, E ~string](name string, get func(*T) *[]E, opts ...func(*Options[[]E])) SetAttr[T, []E, E] {
	return setAttr(name, get, sliceSet[E, stringElem[E]]{}, elem[E](stringElem[E]{}), opts)
}

// StringSetMap returns the descriptor of a string set (SS) held in a
// map[E]struct{}.
func StringSetMap[T any, E ~string](name string, get func(*T) *map[E]struct{}, opts ...func(*Options[map[E]struct{}])) SetAttr[T, map[E]struct{}, E] {
	return setAttr(name, get, mapSet[E, stringElem[E]]{}, elem[E](stringElem[E]{}), opts)
}

// NumberSet returns the descriptor of a number set (NS) held in a slice of
// any Go number type.
func NumberSet[T any, E Numeric](name string, get func(*T) *[]E, opts ...func(*Options[[]E])) SetAttr[T, []E, E] {
	x := newNumberElem[E]()
	return setAttr(name, get, sliceSet[E, numberElem[E]]{x}, elem[E](x), opts)
}

// NumberSetMap returns the descriptor of a number set (NS) held in a
// map[E]struct{}.
func NumberSetMap[T any, E Numeric](name string, get func(*T) *map[E]struct{}, opts ...func(*Options[map[E]struct{}])) SetAttr[T, map[E]struct{}, E] {
	x := newNumberElem[E]()
	return setAttr(name, get, mapSet[E, numberElem[E]]{x}, elem[E](x), opts)
}

// BinarySet returns the descriptor of a binary set (BS) held in a
// [][]byte.
func BinarySet[T any](name string, get func(*T) *[][]byte, opts ...func(*Options[[][]byte])) SetAttr[T, [][]byte, []byte] {
	return setAttr(name, get, setCodec[[][]byte, []byte](binarySet{}), nil, opts)
}

// elems encodes the set operand of ADD and DELETE. Its calls are static,
// so that es, the variadic argument of Add and Delete, stays on the stack.
func (a SetAttr[T, S, E]) elems(es []E) (types.AttributeValue, error) {
	if err := a.check(); err != nil {
		return nil, err
	}
	var av types.AttributeValue
	var err error
	if a.text != nil {
		av, err = textSetOf(a.text, es)
	} else if _, ok := any(a.set).(binarySet); ok { // E is []byte
		av, err = binarySet{}.encodeElems(*(*[][]byte)(unsafe.Pointer(&es)))
	} else { // a SetAttr made without constructor
		return nil, errZero()
	}
	if err != nil {
		return nil, a.f.fail(err)
	}
	return av, nil
}

// Add returns the action ADD attr {elems}: the elements join the set, a
// missing attribute counting as the empty set.
func (a SetAttr[T, S, E]) Add(elems ...E) Update[T] {
	av, err := a.elems(elems)
	if err != nil {
		return updErr[T](err)
	}
	return Update[T]{u: expr.Add[T](a.f.path, av)}
}

// Delete returns the action DELETE attr {elems}: the elements leave the
// set; DynamoDB removes the attribute when the set becomes empty.
func (a SetAttr[T, S, E]) Delete(elems ...E) Update[T] {
	av, err := a.elems(elems)
	if err != nil {
		return updErr[T](err)
	}
	return Update[T]{u: expr.Delete[T](a.f.path, av)}
}

// Contains returns the condition contains(attr, e), true when e is in the
// set.
func (a SetAttr[T, S, E]) Contains(e E) Condition[T] {
	if err := a.check(); err != nil {
		return condErr[T](err)
	}
	av, err := a.set.encodeElem(&e)
	if err != nil {
		return condErr[T](a.f.fail(err))
	}
	return Condition[T]{c: expr.Contains(expr.PathOf[T](a.f.path), expr.Value[T](av))}
}

// ListAttr is the descriptor of a list attribute (L) held in a []E, each
// element stored by its own codec. Besides the operations of Attr it
// appends, prepends, reaches an element and tests membership. IndexNumber
// and IndexString reach an element with the operations of its type.
type ListAttr[T, E any] struct {
	Attr[T, []E]
	elem Codec[E]
}

// List returns the descriptor of a list attribute whose elements are stored
// by c: List("lines", get, StructCodec(lineFields...)),
// List("scores", get, NumberCodec[int]()).
func List[T, E any](name string, get func(*T) *[]E, c Codec[E], opts ...func(*Options[[]E])) ListAttr[T, E] {
	var lc Codec[[]E]
	if c != nil {
		lc = ListCodec(c)
	}
	return ListAttr[T, E]{plain(name, get, lc, opts), c}
}

// listValue encodes elements as an L value.
func (a ListAttr[T, E]) listValue(es []E) (types.AttributeValue, error) {
	if err := a.check(); err != nil {
		return nil, err
	}
	if es == nil {
		es = []E{}
	}
	return a.f.value(&es)
}

// appendTo returns SET attr = list_append(first, second) where the list
// attribute, missing, counts as empty.
func (a ListAttr[T, E]) appendTo(es []E, front bool) Update[T] {
	av, err := a.listValue(es)
	if err != nil {
		return updErr[T](err)
	}
	cur := expr.IfNotExists(a.f.path, expr.Value[T](&types.AttributeValueMemberL{Value: []types.AttributeValue{}}))
	vals := expr.Value[T](av)
	if front {
		return Update[T]{u: expr.Set(a.f.path, expr.ListAppend(vals, cur))}
	}
	return Update[T]{u: expr.Set(a.f.path, expr.ListAppend(cur, vals))}
}

// Append returns the action SET attr = list_append(if_not_exists(attr, []),
// [elems]): the elements go at the end of the list, which is created when
// missing.
func (a ListAttr[T, E]) Append(elems ...E) Update[T] { return a.appendTo(elems, false) }

// Prepend returns the action SET attr = list_append([elems],
// if_not_exists(attr, [])): the elements go at the front of the list.
func (a ListAttr[T, E]) Prepend(elems ...E) Update[T] { return a.appendTo(elems, true) }

// Index returns the descriptor of element i of the list, attr[i], to
// compare, set or remove it. A negative i is an error when the expression
// is rendered.
func (a ListAttr[T, E]) Index(i int) Attr[T, E] {
	if err := a.check(); err != nil {
		return Attr[T, E]{&field[T, E]{err: err}}
	}
	return Attr[T, E]{&field[T, E]{
		model: a.f.model,
		path:  a.f.path.Index(i),
		where: a.f.where + "[" + strconv.Itoa(i) + "]",
		codec: a.elem,
		sc:    asScalar(a.elem),
	}}
}

// IndexNumber returns the descriptor of element i of a list of numbers,
// list[i], with the operations of numbers (Incr, IncrFrom...): scores[2]
// is IndexNumber(scores, 2). A list whose elements are not stored as N
// gives a descriptor whose operations return an error wrapping
// ErrDescriptor.
func IndexNumber[T, E any](list ListAttr[T, E], i int) NumberAttr[T, E] {
	return NumberAttr[T, E]{elemOf(list.Index(i), list.elem, expr.TypeNumber)}
}

// IndexString returns the descriptor of element i of a list of strings,
// list[i], with the operations of strings (BeginsWith, Contains). A list
// whose elements are not stored as S gives a descriptor whose operations
// return an error wrapping ErrDescriptor.
func IndexString[T, E any](list ListAttr[T, E], i int) StringAttr[T, E] {
	return StringAttr[T, E]{elemOf(list.Index(i), list.elem, expr.TypeString)}
}

// elemOf checks that the element descriptor a, of a list or map whose
// elements are stored by c, holds values of type want.
func elemOf[T, E any](a Attr[T, E], c Codec[E], want expr.Type) Attr[T, E] {
	if a.f.err != nil || c == nil {
		return a
	}
	if got := c.Type(); got != want {
		f := *a.f
		f.err = f.fail(detail(ErrDescriptor, "elements stored as %s, not %s", got, want))
		return Attr[T, E]{&f}
	}
	return a
}

// Contains returns the condition contains(attr, e), true when e is an
// element of the list.
func (a ListAttr[T, E]) Contains(e E) Condition[T] {
	if err := a.check(); err != nil {
		return condErr[T](err)
	}
	av, err := encodeOperand(a.elem, e)
	if err != nil {
		return condErr[T](a.f.fail(err))
	}
	if av == nil {
		return condErr[T](a.f.fail(detail(ErrNoValue, "the element encodes to nothing")))
	}
	return Condition[T]{c: expr.Contains(expr.PathOf[T](a.f.path), expr.Value[T](av))}
}

// MapAttr is the descriptor of a map attribute (M) held in a
// map[string]V, each value stored by its own codec. Besides the operations
// of Attr it reaches the value of a key; KeyNumber and KeyString reach it
// with the operations of its type.
type MapAttr[T, V any] struct {
	Attr[T, map[string]V]
	elem Codec[V]
}

// Map returns the descriptor of a map attribute whose values are stored by
// c: Map("prefs", get, StringCodec[string]()).
func Map[T, V any](name string, get func(*T) *map[string]V, c Codec[V], opts ...func(*Options[map[string]V])) MapAttr[T, V] {
	var mc Codec[map[string]V]
	if c != nil {
		mc = MapCodec(c)
	}
	return MapAttr[T, V]{plain(name, get, mc, opts), c}
}

// Key returns the descriptor of the value of key k, attr.k, to compare, set
// or remove it.
func (a MapAttr[T, V]) Key(k string) Attr[T, V] {
	if err := a.check(); err != nil {
		return Attr[T, V]{&field[T, V]{err: err}}
	}
	f := &field[T, V]{
		model: a.f.model,
		path:  a.f.path.Key(k),
		where: a.f.where + "." + k,
		codec: a.elem,
		sc:    asScalar(a.elem),
	}
	if err := checkUTF8(k); err != nil {
		f.err = f.fail(err)
	}
	return Attr[T, V]{f}
}

// KeyNumber returns the descriptor of the value of key k in a map of
// numbers, m.k, with the operations of numbers (Incr, IncrFrom...): the
// counter of one day is KeyNumber(daily, "2026-11-23"). A map whose values
// are not stored as N gives a descriptor whose operations return an error
// wrapping ErrDescriptor.
func KeyNumber[T, V any](m MapAttr[T, V], k string) NumberAttr[T, V] {
	return NumberAttr[T, V]{elemOf(m.Key(k), m.elem, expr.TypeNumber)}
}

// KeyString returns the descriptor of the value of key k in a map of
// strings, m.k, with the operations of strings (BeginsWith, Contains). A
// map whose values are not stored as S gives a descriptor whose operations
// return an error wrapping ErrDescriptor.
func KeyString[T, V any](m MapAttr[T, V], k string) StringAttr[T, V] {
	return StringAttr[T, V]{elemOf(m.Key(k), m.elem, expr.TypeString)}
}
