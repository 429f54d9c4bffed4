package polymorphic

import (
	"context"
	"errors"
	"fmt"
	stditer "iter"
	"reflect"
	"slices"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/gonamo/gonamo"
	"github.com/gonamo/gonamo/attr"
	"github.com/gonamo/gonamo/expr"
	"github.com/gonamo/gonamo/iter"
)

// Errors of the package; compare with errors.Is.
var (
	// ErrWrongVariant is wrapped by *WrongVariantError.
	ErrWrongVariant = errors.New("gonamo/polymorphic: item of another variant")
	// ErrUnknownVariant is wrapped by *UnknownError.
	ErrUnknownVariant = errors.New("gonamo/polymorphic: unknown discriminator")
	// ErrRegistry reports a mistake in declaring variants: a discriminator
	// value claimed twice, a variant that does not implement S.
	ErrRegistry = errors.New("gonamo/polymorphic: invalid variant")
)

// WrongVariantError reports an item of another variant met by a variant's
// table: read by Get or Load, or in the way of a write.
type WrongVariantError struct {
	// Variant is the Go type of the table's variant.
	Variant string
	// Want are the variant's discriminator values.
	Want []string
	// Got is the item's discriminator ("" when it has none).
	Got string
}

func (e *WrongVariantError) Error() string {
	return fmt.Sprintf("%s: %s reads %s, found %q", ErrWrongVariant, e.Variant, strings.Join(e.Want, "|"), e.Got)
}

// Unwrap returns ErrWrongVariant.
func (e *WrongVariantError) Unwrap() error { return ErrWrongVariant }

// UnknownError reports an item whose discriminator no variant declares.
type UnknownError struct {
	// Value is the discriminator found ("" when absent).
	Value string
	// Item is the item as stored.
	Item map[string]types.AttributeValue
}

func (e *UnknownError) Error() string { return fmt.Sprintf("%s %q", ErrUnknownVariant, e.Value) }

// Unwrap returns ErrUnknownVariant.
func (e *UnknownError) Unwrap() error { return ErrUnknownVariant }

// Unknown is an item of no known variant, handed out under the UnknownRaw
// policy when S can hold it.
type Unknown struct {
	// Value is the discriminator found ("" when absent).
	Value string
	// Item is the item as stored.
	Item map[string]types.AttributeValue
}

// Policy says what a registry does with items of unknown variants.
type Policy uint8

// The policies.
const (
	UnknownFail Policy = iota // yield an *UnknownError (the default)
	UnknownSkip               // leave the item out
	UnknownRaw                // yield an Unknown value (S must be able to hold one)
)

// Options configure a Registry.
type Options struct {
	// Unknown is the policy for items of unknown variants.
	Unknown Policy
}

// Registry holds the variants of the sum type S sharing a table, told
// apart by the discriminator attribute.
type Registry[S any] struct {
	attr string
	opts Options

	mu       sync.RWMutex
	variants map[string]*variant[S] // by discriminator value
}

// variant is one declared variant.
type variant[S any] struct {
	name   string
	values []string
	decode func(map[string]types.AttributeValue) (S, error)
}

// New returns a registry whose discriminator is stored as the string
// attribute called attribute.
func New[S any](attribute string, optFns ...func(*Options)) *Registry[S] {
	r := &Registry[S]{attr: attribute, variants: map[string]*variant[S]{}}
	for _, f := range optFns {
		f(&r.opts)
	}
	return r
}

// Attribute returns the discriminator attribute's name.
func (r *Registry[S]) Attribute() string { return r.attr }

// Values returns the discriminator values declared so far, sorted.
func (r *Registry[S]) Values() []string {
	r.mu.RLock()
	defer r.mu.RUnlock()
	out := make([]string, 0, len(r.variants))
	for v := range r.variants {
		out = append(out, v)
	}
	slices.Sort(out)
	return out
}

// discriminator returns the discriminator of item, "" when absent.
func (r *Registry[S]) discriminator(item map[string]types.AttributeValue) string {
	if s, ok := item[r.attr].(*types.AttributeValueMemberS); ok {
		return s.Value
	}
	return ""
}

// errSkip marks an item left out under UnknownSkip.
var errSkip = errors.New("skip")

// Decode decodes item into its variant, as an S, following the Unknown
// policy for unknown discriminators (UnknownSkip gives an *UnknownError
// here, as there is nothing to skip from).
func (r *Registry[S]) Decode(item map[string]types.AttributeValue) (S, error) {
	s, err := r.decode(item)
	if errors.Is(err, errSkip) {
		return s, &UnknownError{Value: r.discriminator(item), Item: item}
	}
	return s, err
}

func (r *Registry[S]) decode(item map[string]types.AttributeValue) (S, error) {
	var zero S
	d := r.discriminator(item)
	r.mu.RLock()
	v := r.variants[d]
	r.mu.RUnlock()
	if v != nil {
		return v.decode(item)
	}
	switch r.opts.Unknown {
	case UnknownSkip:
		return zero, errSkip
	case UnknownRaw:
		if s, ok := any(Unknown{Value: d, Item: item}).(S); ok {
			return s, nil
		}
	}
	return zero, &UnknownError{Value: d, Item: item}
}

// Variant declares the table of V as a variant of r, written with the
// discriminator values[0] and read with any of values. Pass it to
// gonamo.NewTable; NewTable fails when a value is already taken or when
// neither V nor *V implements S.
func Variant[S, V any](r *Registry[S], values ...string) gonamo.TableOption[V] {
	return gonamo.Extend[V](&variantExt[S, V]{r: r, values: values})
}

// variantExt is the extension of a variant's table.
type variantExt[S, V any] struct {
	r      *Registry[S]
	values []string
	name   string
}

// Bind registers the variant once its table is built.
func (e *variantExt[S, V]) Bind(t *gonamo.Table[V]) error {
	e.name = reflect.TypeFor[V]().Name()
	if len(e.values) == 0 || slices.Contains(e.values, "") {
		return fmt.Errorf("%w: variant %s needs non-empty discriminator values", ErrRegistry, e.name)
	}
	var toS func(*V) S
	switch {
	case reflect.TypeFor[*V]().Implements(typeOf[S]()):
		toS = func(v *V) S { return any(v).(S) }
	case reflect.TypeFor[V]().Implements(typeOf[S]()):
		toS = func(v *V) S { return any(*v).(S) }
	default:
		return fmt.Errorf("%w: neither %s nor *%s is a %s", ErrRegistry, e.name, e.name, typeOf[S]())
	}
	schema := t.Schema()
	v := &variant[S]{name: e.name, values: e.values, decode: func(item map[string]types.AttributeValue) (S, error) {
		dst := new(V)
		if err := schema.Decode(item, dst); err != nil {
			var zero S
			return zero, &gonamo.ValidationError{Model: schema.Model(), Err: err}
		}
		return toS(dst), nil
	}}
	e.r.mu.Lock()
	defer e.r.mu.Unlock()
	for _, val := range e.values {
		if other, taken := e.r.variants[val]; taken && other.name != e.name {
			return fmt.Errorf("%w: discriminator %q is already %s's", ErrRegistry, val, other.name)
		}
	}
	for _, val := range e.values {
		e.r.variants[val] = v
	}
	return nil
}

// typeOf returns the reflect type of S, an interface type or not.
func typeOf[S any]() reflect.Type { return reflect.TypeFor[S]() }

// condition returns "discriminator IN values" (or "=" for one value).
func (e *variantExt[S, V]) condition() attr.Condition[V] {
	p := expr.PathOf[V](expr.Name(e.r.attr))
	ops := make([]expr.Operand[V], len(e.values))
	for i, v := range e.values {
		ops[i] = expr.Value[V](&types.AttributeValueMemberS{Value: v})
	}
	if len(ops) == 1 {
		return attr.RawCondition(expr.Compare(expr.Eq, p, ops[0]))
	}
	return attr.RawCondition(expr.In(p, ops...))
}

// PrepareWrite writes the discriminator and keeps writes off the items of
// other variants.
func (e *variantExt[S, V]) PrepareWrite(w *gonamo.Write[V]) error {
	w.If(attr.RawCondition(expr.AttributeNotExists[V](expr.Name(e.r.attr))).Or(e.condition()))
	switch w.Kind {
	case gonamo.WritePut, gonamo.WriteSave, gonamo.WriteUpdate:
		w.Set(e.r.attr, &types.AttributeValueMemberS{Value: e.values[0]})
	}
	return nil
}

// ExplainFailure reports an item of another variant in the way.
func (e *variantExt[S, V]) ExplainFailure(_ *gonamo.Write[V], current map[string]types.AttributeValue) error {
	if current == nil {
		return nil
	}
	return e.check(current)
}

func (e *variantExt[S, V]) check(item map[string]types.AttributeValue) error {
	d, ok := item[e.r.attr].(*types.AttributeValueMemberS)
	if !ok {
		if _, present := item[e.r.attr]; !present {
			return nil // an item written before the discriminator existed
		}
		return &WrongVariantError{Variant: e.name, Want: e.values}
	}
	if slices.Contains(e.values, d.Value) {
		return nil
	}
	return &WrongVariantError{Variant: e.name, Want: e.values, Got: d.Value}
}

// ReadFilter keeps queries and scans to the variant's items.
func (e *variantExt[S, V]) ReadFilter() *attr.Condition[V] {
	c := e.condition()
	return &c
}

// CheckRead refuses an item of another variant.
func (e *variantExt[S, V]) CheckRead(item map[string]types.AttributeValue) error {
	return e.check(item)
}

// Iterator runs a query or scan over the items of every variant.
type Iterator[S any] struct {
	r   *Registry[S]
	raw *iter.Iterator[map[string]types.AttributeValue]
}

// Iter returns an iterator over the items q reads (q being a query or scan
// of any variant's table, whose variant filter is dropped), each decoded
// into its own variant. Cursors are q's, so Iter and q resume each other.
func Iter[S, V any](ctx context.Context, r *Registry[S], q gonamo.Query[V]) *Iterator[S] {
	return &Iterator[S]{r: r, raw: q.Unfiltered().Raw(ctx)}
}

// All runs the read and yields the items as S values; an error is yielded
// once and ends the loop.
func (it *Iterator[S]) All() stditer.Seq2[S, error] {
	return func(yield func(S, error) bool) {
		for item, err := range it.raw.All() {
			if err != nil {
				var zero S
				yield(zero, err)
				return
			}
			s, err := it.r.decode(item)
			if errors.Is(err, errSkip) {
				continue
			}
			if !yield(s, err) || err != nil {
				return
			}
		}
	}
}

// Cursor returns the cursor after the last item handed out (see
// iter.Iterator.Cursor).
func (it *Iterator[S]) Cursor() string { return it.raw.Cursor() }

// All is Iter(ctx, r, q).All().
func All[S, V any](ctx context.Context, r *Registry[S], q gonamo.Query[V]) stditer.Seq2[S, error] {
	return Iter(ctx, r, q).All()
}

// Collect returns the items of every variant that q reads.
func Collect[S, V any](ctx context.Context, r *Registry[S], q gonamo.Query[V]) ([]S, error) {
	return iter.Collect(All(ctx, r, q))
}

// Pick returns the items of items whose dynamic type is P (a variant type
// such as *Circle), in order: it splits a mixed result into typed slices.
func Pick[P, S any](items []S) []P {
	var out []P
	for _, s := range items {
		if p, ok := any(s).(P); ok {
			out = append(out, p)
		}
	}
	return out
}
