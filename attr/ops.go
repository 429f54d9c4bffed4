package attr

import (
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/gonamo/gonamo/expr"
)

// The operations every descriptor has. Their values are encoded with the
// descriptor's codec; an encoding error is kept in the returned Condition or
// Update and returned by its Expr method.

// check returns the error of the descriptor itself.
func (a Attr[T, V]) check() error {
	if a.f == nil {
		return errZero()
	}
	return a.f.err
}

// encodeOperand encodes v with c. The codecs of scalars take v by value,
// so that the common case does not move v to the heap; the others get a
// pointer to a copy.
func encodeOperand[V any](c Codec[V], v V) (types.AttributeValue, error) {
	if sc, ok := c.(scalar[V]); ok {
		return sc.encodeValue(v)
	}
	w := v
	return c.Encode(&w)
}

// asScalar returns c as a scalar codec, or nil when it is none.
func asScalar[V any](c Codec[V]) scalar[V] {
	sc, _ := c.(scalar[V])
	return sc
}

// encode encodes the operand v as encodeOperand does, with the scalar codec
// found when f was built.
func (f *field[T, V]) encode(v V) (types.AttributeValue, error) {
	if f.sc != nil {
		return f.sc.encodeValue(v)
	}
	w := v
	return f.codec.Encode(&w)
}

// operand encodes an operand of a condition or of ADD, as value does.
func (f *field[T, V]) operand(v V) (types.AttributeValue, error) {
	if f.err != nil {
		return nil, f.err
	}
	av, err := f.encode(v)
	if err != nil {
		return nil, f.fail(err)
	}
	if av == nil {
		return nil, f.fail(detail(ErrNoValue, "the value encodes to nothing"))
	}
	return av, nil
}

// writtenValue encodes the value of a Set, as written does.
func (f *field[T, V]) writtenValue(v V) (types.AttributeValue, error) {
	if f.err != nil || f.opts.OmitEmpty {
		w := v
		return f.written(&w)
	}
	if f.opts.Validate != nil {
		if err := f.opts.Validate(v); err != nil {
			return nil, f.fail(validationError(err))
		}
	}
	av, err := f.encode(v)
	if err != nil {
		return nil, f.fail(err)
	}
	if av == nil {
		return nil, f.removable()
	}
	return av, nil
}

func (a Attr[T, V]) compare(cmp expr.Comparator, v V) Condition[T] {
	if err := a.check(); err != nil {
		return condErr[T](err)
	}
	av, err := a.f.operand(v)
	if err != nil {
		return condErr[T](err)
	}
	return Condition[T]{c: expr.Compare(cmp, expr.PathOf[T](a.f.path), expr.Value[T](av))}
}

// Eq returns the condition attr = v.
func (a Attr[T, V]) Eq(v V) Condition[T] { return a.compare(expr.Eq, v) }

// Ne returns the condition attr <> v.
func (a Attr[T, V]) Ne(v V) Condition[T] { return a.compare(expr.Ne, v) }

// Lt returns the condition attr < v. DynamoDB orders numbers by value,
// strings and binaries by their UTF-8 bytes.
func (a Attr[T, V]) Lt(v V) Condition[T] { return a.compare(expr.Lt, v) }

// Le returns the condition attr <= v.
func (a Attr[T, V]) Le(v V) Condition[T] { return a.compare(expr.Le, v) }

// Gt returns the condition attr > v.
func (a Attr[T, V]) Gt(v V) Condition[T] { return a.compare(expr.Gt, v) }

// Ge returns the condition attr >= v.
func (a Attr[T, V]) Ge(v V) Condition[T] { return a.compare(expr.Ge, v) }

// Between returns the condition attr BETWEEN lo AND hi, true when
// lo <= attr <= hi.
func (a Attr[T, V]) Between(lo, hi V) Condition[T] {
	if err := a.check(); err != nil {
		return condErr[T](err)
	}
	l, err := a.f.operand(lo)
	if err != nil {
		return condErr[T](err)
	}
	h, err := a.f.operand(hi)
	if err != nil {
		return condErr[T](err)
	}
	return Condition[T]{c: expr.Between(expr.PathOf[T](a.f.path), expr.Value[T](l), expr.Value[T](h))}
}

// In returns the condition attr IN (vs...), true when the attribute equals
// one of the 1 to 100 values.
func (a Attr[T, V]) In(vs ...V) Condition[T] {
	if err := a.check(); err != nil {
		return condErr[T](err)
	}
	ops := make([]expr.Operand[T], len(vs))
	for i := range vs {
		av, err := a.f.operand(vs[i])
		if err != nil {
			return condErr[T](err)
		}
		ops[i] = expr.Value[T](av)
	}
	return Condition[T]{c: expr.In(expr.PathOf[T](a.f.path), ops...)}
}

// Exists returns the condition attribute_exists(attr).
func (a Attr[T, V]) Exists() Condition[T] {
	if err := a.check(); err != nil {
		return condErr[T](err)
	}
	return Condition[T]{c: expr.AttributeExists[T](a.f.path)}
}

// NotExists returns the condition attribute_not_exists(attr): on a key
// attribute, "the item does not exist yet".
func (a Attr[T, V]) NotExists() Condition[T] {
	if err := a.check(); err != nil {
		return condErr[T](err)
	}
	return Condition[T]{c: expr.AttributeNotExists[T](a.f.path)}
}

// IsType returns the condition attribute_type(attr, t).
func (a Attr[T, V]) IsType(t expr.Type) Condition[T] {
	if err := a.check(); err != nil {
		return condErr[T](err)
	}
	return Condition[T]{c: expr.AttributeType[T](a.f.path, t)}
}

// Size returns size(attr), to compare with numbers: name.Size().Le(20).
func (a Attr[T, V]) Size() Size[T] {
	if err := a.check(); err != nil {
		return Size[T]{err: err}
	}
	return Size[T]{path: a.f.path}
}

// Set returns the action SET attr = v. The value goes through the
// descriptor's Validate option; a value without encoding (a nil slice) or
// empty with OmitEmpty removes the attribute instead (REMOVE attr), which is
// an error wrapping ErrRequired for a Required attribute.
func (a Attr[T, V]) Set(v V) Update[T] {
	if err := a.check(); err != nil {
		return updErr[T](err)
	}
	av, err := a.f.writtenValue(v)
	switch {
	case err != nil:
		return updErr[T](err)
	case av == nil:
		return Update[T]{u: expr.Remove[T](a.f.path)}
	}
	return Update[T]{u: expr.Set(a.f.path, expr.Value[T](av))}
}

// SetIfNotExists returns the action SET attr = if_not_exists(attr, v): v is
// written only when the item has no such attribute yet.
func (a Attr[T, V]) SetIfNotExists(v V) Update[T] {
	if err := a.check(); err != nil {
		return updErr[T](err)
	}
	av, err := a.f.writtenValue(v)
	switch {
	case err != nil:
		return updErr[T](err)
	case av == nil:
		return updErr[T](a.f.fail(detail(ErrNoValue, "if_not_exists needs a value")))
	}
	return Update[T]{u: expr.Set(a.f.path, expr.IfNotExists(a.f.path, expr.Value[T](av)))}
}

// Remove returns the action REMOVE attr. Removing a Required attribute is an
// error wrapping ErrRequired.
func (a Attr[T, V]) Remove() Update[T] {
	if err := a.check(); err != nil {
		return updErr[T](err)
	}
	if err := a.f.removable(); err != nil {
		return updErr[T](err)
	}
	return Update[T]{u: expr.Remove[T](a.f.path)}
}

// Descriptor is any descriptor of items of type T holding values of type V:
// Attr and the typed variants that embed it. Nested and its variants take
// one as the parent (a struct S stored as a map: a Struct attribute, a
// Pointer or Custom attribute with StructCodec, list.Index(i) of a list of
// structs, m.Key(k) of a map of structs) and Nested as the attribute inside.
type Descriptor[T, V any] interface {
	descriptor() *field[T, V]
}

func (a Attr[T, V]) descriptor() *field[T, V] { return a.f }
