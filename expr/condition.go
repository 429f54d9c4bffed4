package expr

import (
	"fmt"
	"strconv"
)

// MaxInOperands is the most operands DynamoDB accepts in the list of IN.
const MaxInOperands = 100

// Comparator is the operator of a comparison.
type Comparator uint8

// The comparators of DynamoDB's expressions. The zero Comparator is invalid.
const (
	Eq Comparator = iota + 1 // =
	Ne                       // <>
	Lt                       // <
	Le                       // <=
	Gt                       // >
	Ge                       // >=
)

// String returns the comparator as DynamoDB writes it ("=", "<>", "<",
// "<=", ">", ">="), or "Comparator(n)" for an invalid one.
func (c Comparator) String() string {
	switch c {
	case Eq:
		return "="
	case Ne:
		return "<>"
	case Lt:
		return "<"
	case Le:
		return "<="
	case Gt:
		return ">"
	case Ge:
		return ">="
	}
	return "Comparator(" + strconv.Itoa(int(c)) + ")"
}

func (c Comparator) valid() bool { return c >= Eq && c <= Ge }

// Type is a DynamoDB data type, the second argument of AttributeType.
type Type string

// The data types attribute_type accepts.
const (
	TypeString    Type = "S"
	TypeStringSet Type = "SS"
	TypeNumber    Type = "N"
	TypeNumberSet Type = "NS"
	TypeBinary    Type = "B"
	TypeBinarySet Type = "BS"
	TypeBool      Type = "BOOL"
	TypeNull      Type = "NULL"
	TypeList      Type = "L"
	TypeMap       Type = "M"
)

func (t Type) valid() bool {
	switch t {
	case TypeString, TypeStringSet, TypeNumber, TypeNumberSet, TypeBinary,
		TypeBinarySet, TypeBool, TypeNull, TypeList, TypeMap:
		return true
	}
	return false
}

// Condition is a boolean expression on an item of type T, for a
// ConditionExpression or a FilterExpression.
//
// The zero Condition is the absent condition: it renders as the empty
// string (leave the input field unset) and And and Or skip it, so a
// condition can be accumulated from nothing:
//
//	var c expr.Condition[Thread]
//	for _, x := range parts {
//		c = c.And(x)
//	}
//
// Conditions are immutable: And, Or and Not return a new Condition and never
// change their receiver or arguments. A mistake made while building is kept
// (the first one wins) and returned by Builder.Condition.
type Condition[T any] struct {
	n   *condNode[T]
	err error
}

type condNode[T any] struct {
	kind condKind
	cmp  Comparator     // condCompare
	ops  []Operand[T]   // operands of comparisons and functions, in written order
	path Path           // condExists, condNotExists, condType
	typ  Type           // condType
	kids []Condition[T] // condAnd and condOr (two or more, none of the same kind), condNot (one)
}

type condKind uint8

const (
	condCompare condKind = iota + 1
	condBetween
	condIn
	condExists
	condNotExists
	condType
	condBeginsWith
	condContains
	condAnd
	condOr
	condNot
)

// isCall reports whether the condition renders as a function call, which
// needs no parentheses after NOT.
func (k condKind) isCall() bool {
	switch k {
	case condExists, condNotExists, condType, condBeginsWith, condContains:
		return true
	}
	return false
}

// condOperands checks the operands of a condition at the position where
// describes ("in BETWEEN"): each must be a path, a value or size.
func condOperands[T any](where string, ops ...Operand[T]) error {
	for _, o := range ops {
		if err := o.allowedIn(where, opPath, opValue, opSize); err != nil {
			return err
		}
	}
	return nil
}

func condOf[T any](n *condNode[T], err error) Condition[T] {
	if err != nil {
		return Condition[T]{err: err}
	}
	return Condition[T]{n: n}
}

// Compare returns the comparison a op b, as in views > :0 or
// size(tags) <= :1.
func Compare[T any](op Comparator, a, b Operand[T]) Condition[T] {
	if !op.valid() {
		return Condition[T]{err: newError(ErrInvalidOperand, "invalid comparator "+op.String())}
	}
	err := condOperands("in a comparison", a, b)
	return condOf(&condNode[T]{kind: condCompare, cmp: op, ops: []Operand[T]{a, b}}, err)
}

// Between returns v BETWEEN lo AND hi, true when lo <= v <= hi.
func Between[T any](v, lo, hi Operand[T]) Condition[T] {
	err := condOperands("in BETWEEN", v, lo, hi)
	return condOf(&condNode[T]{kind: condBetween, ops: []Operand[T]{v, lo, hi}}, err)
}

// In returns v IN (list...), true when v equals one of the 1 to 100
// operands of list.
func In[T any](v Operand[T], list ...Operand[T]) Condition[T] {
	if len(list) == 0 || len(list) > MaxInOperands {
		return Condition[T]{err: newError(ErrInvalidCondition,
			fmt.Sprintf("IN needs 1 to %d operands, got %d", MaxInOperands, len(list)))}
	}
	ops := make([]Operand[T], 0, len(list)+1)
	ops = append(ops, v)
	ops = append(ops, list...)
	err := condOperands("in IN", ops...)
	return condOf(&condNode[T]{kind: condIn, ops: ops}, err)
}

// AttributeExists returns attribute_exists(p), true when the item has an
// attribute at p.
func AttributeExists[T any](p Path) Condition[T] {
	return condOf(&condNode[T]{kind: condExists, path: p}, p.Err())
}

// AttributeNotExists returns attribute_not_exists(p), true when the item has
// no attribute at p.
func AttributeNotExists[T any](p Path) Condition[T] {
	return condOf(&condNode[T]{kind: condNotExists, path: p}, p.Err())
}

// AttributeType returns attribute_type(p, t), true when the attribute at p
// has type t. The type is sent as a string value.
func AttributeType[T any](p Path, t Type) Condition[T] {
	if err := p.Err(); err != nil {
		return Condition[T]{err: err}
	}
	if !t.valid() {
		return Condition[T]{err: newError(ErrInvalidOperand, fmt.Sprintf("invalid attribute type %q", string(t)))}
	}
	return Condition[T]{n: &condNode[T]{kind: condType, path: p, typ: t}}
}

// BeginsWith returns begins_with(s, prefix), true when the string or binary
// s starts with prefix. Both are operands: usually a path and a value, but
// DynamoDB accepts any two paths, values or sizes.
func BeginsWith[T any](s, prefix Operand[T]) Condition[T] {
	err := condOperands("in begins_with", s, prefix)
	return condOf(&condNode[T]{kind: condBeginsWith, ops: []Operand[T]{s, prefix}}, err)
}

// Contains returns contains(container, x): true when the string container
// holds the substring x, or the set or list container holds the element x.
// Both are operands, so contains(:allowed, role) (is the attribute among
// the values of a set) is as expressible as contains(tags, :tag).
func Contains[T any](container, x Operand[T]) Condition[T] {
	err := condOperands("in contains", container, x)
	return condOf(&condNode[T]{kind: condContains, ops: []Operand[T]{container, x}}, err)
}

// And returns the conjunction of c and others. Absent (zero) conditions are
// skipped: the result is the zero Condition when all are absent and the one
// present condition when only one is. Nested conjunctions are flattened.
func (c Condition[T]) And(others ...Condition[T]) Condition[T] {
	return combine(condAnd, c, others)
}

// Or returns the disjunction of c and others, skipping absent (zero)
// conditions like And does.
func (c Condition[T]) Or(others ...Condition[T]) Condition[T] {
	return combine(condOr, c, others)
}

// Not returns the negation of c. The absent condition cannot be negated:
// Not of the zero Condition is an error of category ErrInvalidCondition.
func (c Condition[T]) Not() Condition[T] {
	switch {
	case c.err != nil:
		return c
	case c.n == nil:
		return Condition[T]{err: newError(ErrInvalidCondition, "NOT of the empty condition")}
	}
	return Condition[T]{n: &condNode[T]{kind: condNot, kids: []Condition[T]{c}}}
}

func combine[T any](kind condKind, c Condition[T], others []Condition[T]) Condition[T] {
	if c.err != nil {
		return c
	}
	for _, o := range others {
		if o.err != nil {
			return o
		}
	}
	var kids []Condition[T]
	add := func(x Condition[T]) {
		switch {
		case x.n == nil:
		case x.n.kind == kind:
			kids = append(kids, x.n.kids...)
		default:
			kids = append(kids, x)
		}
	}
	add(c)
	for _, o := range others {
		add(o)
	}
	switch len(kids) {
	case 0:
		return Condition[T]{}
	case 1:
		return kids[0]
	}
	return Condition[T]{n: &condNode[T]{kind: kind, kids: kids}}
}
