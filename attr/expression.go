package attr

import (
	"strconv"
	"unsafe"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/gonamo/gonamo/expr"
)

// Condition is a condition on items of type T built by descriptors: an
// expr.Condition[T], which also holds the first error met while encoding
// its values (a NaN, an invalid UTF-8 string...; with expr.ConditionError).
// Expr returns them apart.
//
// The zero Condition is the absent condition, as in expr: And and Or skip
// it. Conditions are immutable values; And, Or and Not return new ones.
type Condition[T any] struct {
	c expr.Condition[T]
}

// RawCondition returns c as a Condition, to combine expressions built with
// package expr with those of descriptors.
func RawCondition[T any](c expr.Condition[T]) Condition[T] { return Condition[T]{c: c} }

func condErr[T any](err error) Condition[T] { return Condition[T]{c: expr.ConditionError[T](err)} }

// isZero reports whether c is the absent condition.
func (c Condition[T]) isZero() bool { return c.c == expr.Condition[T]{} }

// Expr returns the expression of c and the first error met while encoding
// its values (an *Error of this package); the mistakes of package expr stay
// in the expression and come out of expr.Builder when it is rendered.
func (c Condition[T]) Expr() (expr.Condition[T], error) {
	if err := c.c.Err(); err != nil {
		if _, ok := err.(*expr.Error); !ok {
			return expr.Condition[T]{}, err
		}
	}
	return c.c, nil
}

// exprs returns cs as the expressions they are, without copying them.
func exprs[T any](cs []Condition[T]) []expr.Condition[T] {
	return unsafe.Slice((*expr.Condition[T])(unsafe.Pointer(unsafe.SliceData(cs))), len(cs))
}

// And returns the conjunction of c and others, skipping absent conditions;
// the first error of any of them wins.
func (c Condition[T]) And(others ...Condition[T]) Condition[T] {
	return Condition[T]{c: c.c.And(exprs(others)...)}
}

// Or returns the disjunction of c and others, skipping absent conditions;
// the first error of any of them wins.
func (c Condition[T]) Or(others ...Condition[T]) Condition[T] {
	return Condition[T]{c: c.c.Or(exprs(others)...)}
}

// Not returns the negation of c.
func (c Condition[T]) Not() Condition[T] {
	return Condition[T]{c: c.c.Not()}
}

// Term returns the shape of a condition comparing a top-level attribute
// with values, as descriptor methods make them (Eq, Lt, Between,
// BeginsWith, In...), and false for any other condition. A table uses it
// to turn conditions on its key attributes into a key condition; see
// KeyCondition.
func (c Condition[T]) Term() (Term, bool) {
	if _, err := c.Expr(); err != nil {
		return Term{}, false
	}
	name, op, values, ok := c.c.Comparison()
	if !ok {
		return Term{}, false
	}
	// The operators of terms are written as expr writes them.
	for t := TermEq; t <= TermIn; t++ {
		if t.String() == op {
			return Term{Attr: name, Op: t, Values: values}, true
		}
	}
	return Term{}, false
}

// TermOp is the operator of a Term.
type TermOp uint8

// The operators of terms.
const (
	TermEq         TermOp = iota + 1 // attr = v
	TermNe                           // attr <> v
	TermLt                           // attr < v
	TermLe                           // attr <= v
	TermGt                           // attr > v
	TermGe                           // attr >= v
	TermBetween                      // attr BETWEEN v1 AND v2
	TermBeginsWith                   // begins_with(attr, v)
	TermIn                           // attr IN (v...)
)

// String returns the operator as DynamoDB writes it: "=", "BETWEEN",
// "begins_with"...
func (op TermOp) String() string {
	switch op {
	case TermEq:
		return "="
	case TermNe:
		return "<>"
	case TermLt:
		return "<"
	case TermLe:
		return "<="
	case TermGt:
		return ">"
	case TermGe:
		return ">="
	case TermBetween:
		return "BETWEEN"
	case TermBeginsWith:
		return "begins_with"
	case TermIn:
		return "IN"
	}
	return "TermOp(" + strconv.Itoa(int(op)) + ")"
}

// comparator returns the expr comparator of a comparison term.
func (op TermOp) comparator() (expr.Comparator, bool) {
	switch op {
	case TermEq:
		return expr.Eq, true
	case TermNe:
		return expr.Ne, true
	case TermLt:
		return expr.Lt, true
	case TermLe:
		return expr.Le, true
	case TermGt:
		return expr.Gt, true
	case TermGe:
		return expr.Ge, true
	}
	return 0, false
}

// Term is a condition comparing a top-level attribute with encoded values,
// as returned by Condition.Term.
type Term struct {
	// Attr is the stored name of the attribute.
	Attr string
	// Op is the operator.
	Op TermOp
	// Values are the operands after the attribute: one, two for
	// TermBetween, one or more for TermIn.
	Values []types.AttributeValue
}

// KeyCondition returns the key condition of a Query from a condition on the
// partition key (an Eq) and an optional one on the sort key (Eq, Lt, Le, Gt,
// Ge, Between or BeginsWith; the zero Condition for none), both made by
// descriptor methods on top-level attributes. Other shapes are errors
// wrapping expr.ErrInvalidKeyCondition; encoding errors come first.
func KeyCondition[T any](partition, sort Condition[T]) (expr.KeyCondition[T], error) {
	var none expr.KeyCondition[T]
	if err := partition.c.Err(); err != nil {
		return none, err
	}
	if err := sort.c.Err(); err != nil {
		return none, err
	}
	pk, ok := partition.Term()
	if !ok || pk.Op != TermEq {
		return none, &expr.Error{Err: expr.ErrInvalidKeyCondition,
			Detail: "the partition key condition must be an equality made by a descriptor"}
	}
	k := expr.KeyEquals[T](expr.Name(pk.Attr), pk.Values[0])
	if sort.isZero() {
		return k, nil
	}
	sk, ok := sort.Term()
	if !ok {
		return none, &expr.Error{Err: expr.ErrInvalidKeyCondition,
			Detail: "the sort key condition must be a comparison, BETWEEN or begins_with made by a descriptor"}
	}
	p := expr.Name(sk.Attr)
	switch sk.Op {
	case TermBetween:
		return k.SortBetween(p, sk.Values[0], sk.Values[1]), nil
	case TermBeginsWith:
		return k.SortBeginsWith(p, sk.Values[0]), nil
	case TermEq, TermLt, TermLe, TermGt, TermGe:
		cmp, _ := sk.Op.comparator()
		return k.SortCompare(cmp, p, sk.Values[0]), nil
	}
	return none, &expr.Error{Err: expr.ErrInvalidKeyCondition,
		Detail: "no key condition uses " + sk.Op.String()}
}

// Update is an update of items of type T built by descriptors: an
// expr.Update[T], which also holds the first error met while encoding its
// values (with expr.UpdateError). Expr returns them apart.
//
// The zero Update has no action. Updates are immutable values; And returns a
// new one.
type Update[T any] struct {
	u expr.Update[T]
}

// RawUpdate returns u as an Update, to combine actions built with package
// expr with those of descriptors.
func RawUpdate[T any](u expr.Update[T]) Update[T] { return Update[T]{u: u} }

func updErr[T any](err error) Update[T] { return Update[T]{u: expr.UpdateError[T](err)} }

// And returns an Update holding the actions of u followed by those of
// others; the first error of any of them wins.
func (u Update[T]) And(others ...Update[T]) Update[T] {
	return Update[T]{u: u.u.And(updates(others)...)}
}

// updates returns us as the expressions they are, without copying them:
// an Update is an expr.Update and nothing else.
func updates[T any](us []Update[T]) []expr.Update[T] {
	return unsafe.Slice((*expr.Update[T])(unsafe.Pointer(unsafe.SliceData(us))), len(us))
}

// Expr returns the expression of u and the first error met while encoding
// its values; the mistakes of package expr (overlapping paths...) stay in
// the expression and come out of expr.Builder when it is rendered.
func (u Update[T]) Expr() (expr.Update[T], error) {
	if err := u.u.Err(); err != nil {
		if _, ok := err.(*expr.Error); !ok {
			return expr.Update[T]{}, err
		}
	}
	return u.u, nil
}

// Size is the size of an attribute (its length in characters, bytes,
// elements or entries), compared with numbers in conditions: tags.Size().Gt(3).
// It is made by the Size method of a descriptor.
type Size[T any] struct {
	path expr.Path
	err  error
}

func (s Size[T]) cmp(op expr.Comparator, n int) Condition[T] {
	if s.err != nil {
		return condErr[T](s.err)
	}
	return Condition[T]{c: expr.Compare(op, expr.Size[T](s.path), expr.Value[T](intValue(n)))}
}

func intValue(n int) types.AttributeValue {
	return &types.AttributeValueMemberN{Value: strconv.Itoa(n)}
}

// Eq returns the condition size(attr) = n.
func (s Size[T]) Eq(n int) Condition[T] { return s.cmp(expr.Eq, n) }

// Ne returns the condition size(attr) <> n.
func (s Size[T]) Ne(n int) Condition[T] { return s.cmp(expr.Ne, n) }

// Lt returns the condition size(attr) < n.
func (s Size[T]) Lt(n int) Condition[T] { return s.cmp(expr.Lt, n) }

// Le returns the condition size(attr) <= n.
func (s Size[T]) Le(n int) Condition[T] { return s.cmp(expr.Le, n) }

// Gt returns the condition size(attr) > n.
func (s Size[T]) Gt(n int) Condition[T] { return s.cmp(expr.Gt, n) }

// Ge returns the condition size(attr) >= n.
func (s Size[T]) Ge(n int) Condition[T] { return s.cmp(expr.Ge, n) }

// Between returns the condition size(attr) BETWEEN lo AND hi.
func (s Size[T]) Between(lo, hi int) Condition[T] {
	if s.err != nil {
		return condErr[T](s.err)
	}
	return Condition[T]{c: expr.Between(expr.Size[T](s.path), expr.Value[T](intValue(lo)), expr.Value[T](intValue(hi)))}
}
