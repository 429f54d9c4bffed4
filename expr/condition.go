package expr

import (
	"fmt"
	"strconv"
	"unsafe"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
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
	n    *condNode[T]
	leaf leaf // a comparison or function of a path and a value, held inline when n is nil
	// conn is condAnd or condOr when c is the connective of two leaves,
	// leaf and pair, held inline like a single leaf: the common
	// "version = :v AND begins_with(sk, :p)" allocates nothing. It is 0
	// otherwise.
	conn condKind
	pair leaf
	err  error
}

// leaf is the most common condition, a path compared with a value (a = :v,
// begins_with(a, :v), contains(a, :v)), kept in the Condition itself so that
// building one allocates nothing. The path's elements are held as a pointer
// and a length, not a slice, so that Condition stays comparable with ==;
// paths are immutable, so the pointer reaches the same elements for good.
type leaf struct {
	kind  condKind // 0 when there is no leaf
	cmp   Comparator
	n     int32
	elems *pathElem
	value types.AttributeValue
}

// leafPath returns the path of a leaf.
func (l *leaf) path() Path { return Path{elems: unsafe.Slice(l.elems, l.n)} }

// kind returns the kind of c's root, 0 when c is absent.
func (c *Condition[T]) kind() condKind {
	switch {
	case c.n != nil:
		return c.n.kind
	case c.conn != 0:
		return c.conn
	}
	return c.leaf.kind
}

// isLeaf reports whether c is a single leaf.
func (c *Condition[T]) isLeaf() bool { return c.n == nil && c.conn == 0 && c.leaf.kind != 0 }

type condNode[T any] struct {
	kind condKind
	cmp  Comparator   // condCompare
	ops  []Operand[T] // operands of comparisons and functions, in written order
	// path is the only path of condExists, condNotExists and condType.
	path Path
	// value is the type of condType, as a string value.
	value types.AttributeValue
	kids  []Condition[T] // condAnd and condOr (two or more, none of the same kind), condNot (one)
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
	for i := range ops {
		if err := ops[i].allowedIn(where, condKinds); err != nil {
			return err
		}
	}
	return nil
}

// condOperands2 is condOperands for two operands, without copying them.
func condOperands2[T any](where string, a, b *Operand[T]) error {
	if err := a.allowedIn(where, condKinds); err != nil {
		return err
	}
	return b.allowedIn(where, condKinds)
}

func condOf[T any](n *condNode[T], err error) Condition[T] {
	if err != nil {
		return Condition[T]{err: err}
	}
	return Condition[T]{n: n}
}

// newOperands2 returns the condition of kind on the operands a and b: a
// leaf when they are a path and a value, else a node allocated with its two
// operands.
func newOperands2[T any](kind condKind, cmp Comparator, a, b Operand[T]) Condition[T] {
	if a.kind == opPath && b.kind == opValue {
		return Condition[T]{leaf: leaf{kind: kind, cmp: cmp, n: int32(len(a.path.elems)),
			elems: unsafe.SliceData(a.path.elems), value: b.value}}
	}
	return Condition[T]{n: newOps2(kind, cmp, a, b)}
}

// ops2Node and ops3Node are nodes allocated with their operands, so that a
// comparison, a function call or a BETWEEN costs one allocation.
type ops2Node[T any] struct {
	n   condNode[T]
	ops [2]Operand[T]
}

type ops3Node[T any] struct {
	n   condNode[T]
	ops [3]Operand[T]
}

// newOps2 returns a node of kind with the operands a and b.
func newOps2[T any](kind condKind, cmp Comparator, a, b Operand[T]) *condNode[T] {
	w := &ops2Node[T]{n: condNode[T]{kind: kind, cmp: cmp}, ops: [2]Operand[T]{a, b}}
	w.n.ops = w.ops[:]
	return &w.n
}

// Compare returns the comparison a op b, as in views > :0 or
// size(tags) <= :1.
func Compare[T any](op Comparator, a, b Operand[T]) Condition[T] {
	if !op.valid() {
		return Condition[T]{err: newError(ErrInvalidOperand, "invalid comparator "+op.String())}
	}
	if err := condOperands2("in a comparison", &a, &b); err != nil {
		return Condition[T]{err: err}
	}
	return newOperands2(condCompare, op, a, b)
}

// Between returns v BETWEEN lo AND hi, true when lo <= v <= hi.
func Between[T any](v, lo, hi Operand[T]) Condition[T] {
	if err := condOperands("in BETWEEN", v, lo, hi); err != nil {
		return Condition[T]{err: err}
	}
	w := &ops3Node[T]{n: condNode[T]{kind: condBetween}, ops: [3]Operand[T]{v, lo, hi}}
	w.n.ops = w.ops[:]
	return Condition[T]{n: &w.n}
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
	return Condition[T]{n: &condNode[T]{kind: condType, path: p, value: &types.AttributeValueMemberS{Value: string(t)}}}
}

// BeginsWith returns begins_with(s, prefix), true when the string or binary
// s starts with prefix. Both are operands: usually a path and a value, but
// DynamoDB accepts any two paths, values or sizes.
func BeginsWith[T any](s, prefix Operand[T]) Condition[T] {
	if err := condOperands2("in begins_with", &s, &prefix); err != nil {
		return Condition[T]{err: err}
	}
	return newOperands2(condBeginsWith, 0, s, prefix)
}

// Contains returns contains(container, x): true when the string container
// holds the substring x, or the set or list container holds the element x.
// Both are operands, so contains(:allowed, role) (is the attribute among
// the values of a set) is as expressible as contains(tags, :tag).
func Contains[T any](container, x Operand[T]) Condition[T] {
	if err := condOperands2("in contains", &container, &x); err != nil {
		return Condition[T]{err: err}
	}
	return newOperands2(condContains, 0, container, x)
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
	case c.kind() == 0:
		return Condition[T]{err: newError(ErrInvalidCondition, "NOT of the empty condition")}
	}
	return Condition[T]{n: &condNode[T]{kind: condNot, kids: []Condition[T]{c}}}
}

// kidsNode is a connective of two conditions allocated with its kids, the
// common case of And and Or.
type kidsNode[T any] struct {
	n    condNode[T]
	kids [2]Condition[T]
}

// combine builds the connective of kind over c and others. The kids are
// counted first, so the node and its kids take one allocation for two and
// two allocations for more; the kids of a nested node of the same kind are
// copied, never shared, so no later combination can write into them.
func combine[T any](kind condKind, c Condition[T], others []Condition[T]) Condition[T] {
	if c.err != nil {
		return c
	}
	count, last := c.kidCount(kind), c
	for _, o := range others {
		if o.err != nil {
			return o
		}
		if k := o.kidCount(kind); k > 0 {
			count, last = count+k, o
		}
	}
	switch count {
	case 0:
		return Condition[T]{}
	case 1: // connectives have two kids or more, so last is no connective of kind
		return last
	}
	if count == 2 && inlinePairs {
		if a, b, ok := twoLeaves(kind, c, others); ok {
			return Condition[T]{leaf: a, conn: kind, pair: b}
		}
	}
	var n *condNode[T]
	var kids []Condition[T]
	if count == 2 {
		w := &kidsNode[T]{n: condNode[T]{kind: kind}}
		n, kids = &w.n, w.kids[:0:2]
	} else {
		n, kids = &condNode[T]{kind: kind}, make([]Condition[T], 0, count)
	}
	kids = c.appendKids(kind, kids)
	for _, o := range others {
		kids = o.appendKids(kind, kids)
	}
	n.kids = kids
	return Condition[T]{n: n}
}

// inlinePairs lets tests turn off the inline connective of two leaves, to
// check that it renders as the general node does.
var inlinePairs = true

// twoLeaves returns the two kids c and others give to a connective of kind
// when they are both leaves, so that it can be held inline. It is called
// when they give two kids.
func twoLeaves[T any](kind condKind, c Condition[T], others []Condition[T]) (a, b leaf, ok bool) {
	got := 0
	for i := -1; i < len(others); i++ {
		x := &c
		if i >= 0 {
			x = &others[i]
		}
		switch {
		case x.kind() == 0:
			continue
		case x.n == nil && x.conn == kind: // an inline pair, the only part present
			return x.leaf, x.pair, true
		case !x.isLeaf():
			return leaf{}, leaf{}, false
		case got == 0:
			a = x.leaf
		default:
			b = x.leaf
		}
		got++
	}
	return a, b, true
}

// kidCount returns how many kids c gives to a connective of kind: none when
// absent, its own kids when it is of that kind, else one.
func (c Condition[T]) kidCount(kind condKind) int {
	switch c.kind() {
	case 0:
		return 0
	case kind:
		if c.n == nil {
			return 2 // an inline pair
		}
		return len(c.n.kids)
	}
	return 1
}

// appendKids appends the kids c gives to a connective of kind.
func (c Condition[T]) appendKids(kind condKind, kids []Condition[T]) []Condition[T] {
	switch c.kind() {
	case 0:
		return kids
	case kind:
		if c.n == nil {
			return append(kids, Condition[T]{leaf: c.leaf}, Condition[T]{leaf: c.pair})
		}
		return append(kids, c.n.kids...)
	}
	return append(kids, c)
}
