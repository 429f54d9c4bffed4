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
	// A Condition is four words, passed around in registers rather than
	// copied through memory, and comparable with ==. A leaf, the most
	// common condition, is held inline: meta is its kind, its comparator
	// shifted by 8 and the length of its path shifted by 16, p the first
	// element of the path, value its value. Otherwise meta's low byte is a
	// tag: tagNode when p points to a node, on the heap and never written
	// once made (so that Conditions share them freely), tagErr when p
	// points to an errBox.
	meta  uint64
	p     unsafe.Pointer
	value types.AttributeValue
}

// tagNode is the tag of a Condition held in a node.
const tagNode = tagList

// leaf is the most common condition, a path compared with a value (a = :v,
// begins_with(a, :v), contains(a, :v)), held inline in a Condition. The
// path's elements are held as a pointer and a length; paths are
// immutable, so the pointer reaches the same elements for good.
type leaf struct {
	kind  condKind
	cmp   Comparator
	n     int32
	elems *pathElem
	value types.AttributeValue
}

// path returns the path of a leaf.
func (l *leaf) path() Path { return Path{elems: unsafe.Slice(l.elems, l.n)} }

// leafOf returns the Condition of the leaf l.
func leafOf[T any](l leaf) Condition[T] {
	return Condition[T]{meta: uint64(l.kind) | uint64(l.cmp)<<8 | uint64(l.n)<<16, p: unsafe.Pointer(l.elems), value: l.value}
}

// nodeOf returns the Condition of the node n.
func nodeOf[T any](n *condNode[T]) Condition[T] {
	return Condition[T]{meta: tagNode, p: unsafe.Pointer(n)}
}

// node returns the node of c, nil when c is not held in one.
func (c *Condition[T]) node() *condNode[T] {
	if c.meta&0xff == tagNode {
		return (*condNode[T])(c.p)
	}
	return nil
}

// isLeaf reports whether c is a leaf.
func (c *Condition[T]) isLeaf() bool {
	t := c.meta & 0xff
	return t != 0 && t < tagErr
}

// leaf returns the leaf of c, which is one.
func (c *Condition[T]) leaf() leaf {
	return leaf{kind: condKind(c.meta), cmp: Comparator(c.meta >> 8), n: int32(c.meta >> 16), elems: (*pathElem)(c.p), value: c.value}
}

// err returns the mistake c holds, or nil.
func (c *Condition[T]) err() error {
	if c.meta&0xff == tagErr {
		return (*errBox)(c.p).err
	}
	return nil
}

// failed reports whether c holds a mistake.
func (c *Condition[T]) failed() bool { return c.meta&0xff == tagErr }

// kind returns the kind of c's root, 0 when c is absent or holds a
// mistake.
func (c *Condition[T]) kind() condKind {
	switch t := c.meta & 0xff; t {
	case tagNode:
		return (*condNode[T])(c.p).kind
	case tagErr:
		return 0
	default:
		return condKind(t)
	}
}

// ConditionError returns the Condition holding err, a mistake made by a
// package building conditions on top of this one (package attr keeps the
// errors of encoding values this way): And, Or and Not keep it as they
// keep their own mistakes, first one first, and Builder.Condition returns
// it. A nil err gives the zero Condition.
func ConditionError[T any](err error) Condition[T] {
	if err == nil {
		return Condition[T]{}
	}
	return Condition[T]{meta: tagErr, p: unsafe.Pointer(&errBox{err})}
}

// Err returns the first mistake made while building c, or nil.
func (c Condition[T]) Err() error { return c.err() }

// Comparison returns the parts of c when it compares a top-level attribute
// with values: a comparison (=, <>, <, <=, >, >=), BETWEEN or IN whose
// first operand is the path of a top-level attribute and whose others are
// values, or begins_with of such a path and a value. op is the operator as
// DynamoDB writes it: "=", "<>", "<", "<=", ">", ">=", "BETWEEN", "IN" or
// "begins_with"; values are the operands after the attribute, in a new
// slice. ok is false for every other condition.
func (c Condition[T]) Comparison() (name, op string, values []types.AttributeValue, ok bool) {
	if c.isLeaf() {
		l := c.leaf()
		switch {
		case l.n != 1:
			return "", "", nil, false
		case l.kind == condCompare:
			op = l.cmp.String()
		case l.kind == condBeginsWith:
			op = "begins_with"
		default:
			return "", "", nil, false
		}
		return l.elems.name, op, []types.AttributeValue{l.value}, true
	}
	n := c.node()
	if n == nil {
		return "", "", nil, false
	}
	switch n.kind {
	case condCompare:
		op = n.cmp.String()
	case condBetween:
		op = "BETWEEN"
	case condIn:
		op = "IN"
	case condBeginsWith:
		op = "begins_with"
	default:
		return "", "", nil, false
	}
	ops := n.ops()
	first := &ops[0]
	if first.kind() != opPath || first.meta>>8 != 1 {
		return "", "", nil, false
	}
	values = make([]types.AttributeValue, 0, len(ops)-1)
	for i := range ops[1:] {
		o := &ops[1+i]
		if o.kind() != opValue {
			return "", "", nil, false
		}
		values = append(values, o.value)
	}
	return (*pathElem)(first.p).name, op, values, true
}

type condNode[T any] struct {
	kind condKind
	cmp  Comparator // condCompare
	// n and p are the length and the first element of the node's kids
	// (see kids) or operands (see ops), never both: a pointer and a
	// length rather than two slices keep nodes, allocated with their kids
	// or operands, small.
	n int32
	p unsafe.Pointer
}

// ops returns the operands of comparisons and functions, in written order:
// the path of condExists and condNotExists, the path and the type (a
// string value) of condType.
func (n *condNode[T]) ops() []Operand[T] { return unsafe.Slice((*Operand[T])(n.p), n.n) }

// kids returns the kids of condAnd and condOr (two or more, none of the
// same kind) and of condNot (one).
func (n *condNode[T]) kids() []Condition[T] { return unsafe.Slice((*Condition[T])(n.p), n.n) }

func (n *condNode[T]) setOps(ops []Operand[T]) {
	n.n, n.p = int32(len(ops)), unsafe.Pointer(unsafe.SliceData(ops))
}

func (n *condNode[T]) setKids(kids []Condition[T]) {
	n.n, n.p = int32(len(kids)), unsafe.Pointer(unsafe.SliceData(kids))
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
	w.n.setOps(w.ops[:])
	return &w.n
}

// Compare returns the comparison a op b, as in views > :0 or
// size(tags) <= :1.
func Compare[T any](op Comparator, a, b Operand[T]) Condition[T] {
	if op.valid() && a.kind() == opPath && b.kind() == opValue { // valid operands, a leaf
		return pathValueLeaf(condCompare, op, &a, &b)
	}
	return compare(op, a, b)
}

// pathValueLeaf returns the leaf of kind of the path a and the value b.
func pathValueLeaf[T any](kind condKind, cmp Comparator, a, b *Operand[T]) Condition[T] {
	return Condition[T]{meta: uint64(kind) | uint64(cmp)<<8 | a.meta>>8<<16, p: a.p, value: b.value}
}

// compare is Compare of other operands than a path and a value: a node
// allocated with them.
func compare[T any](op Comparator, a, b Operand[T]) Condition[T] {
	if !op.valid() {
		return ConditionError[T](newError(ErrInvalidOperand, "invalid comparator "+op.String()))
	}
	if err := condOperands2("in a comparison", &a, &b); err != nil {
		return ConditionError[T](err)
	}
	return nodeOf(newOps2(condCompare, op, a, b))
}

// Between returns v BETWEEN lo AND hi, true when lo <= v <= hi.
func Between[T any](v, lo, hi Operand[T]) Condition[T] {
	if err := condOperands("in BETWEEN", v, lo, hi); err != nil {
		return ConditionError[T](err)
	}
	w := &ops3Node[T]{n: condNode[T]{kind: condBetween}, ops: [3]Operand[T]{v, lo, hi}}
	w.n.setOps(w.ops[:])
	return nodeOf(&w.n)
}

// In returns v IN (list...), true when v equals one of the 1 to 100
// operands of list.
func In[T any](v Operand[T], list ...Operand[T]) Condition[T] {
	if len(list) == 0 || len(list) > MaxInOperands {
		return ConditionError[T](newError(ErrInvalidCondition,
			fmt.Sprintf("IN needs 1 to %d operands, got %d", MaxInOperands, len(list))))
	}
	ops := make([]Operand[T], 0, len(list)+1)
	ops = append(ops, v)
	ops = append(ops, list...)
	if err := condOperands("in IN", ops...); err != nil {
		return ConditionError[T](err)
	}
	n := &condNode[T]{kind: condIn}
	n.setOps(ops)
	return nodeOf(n)
}

// ops1Node is a node allocated with its one operand.
type ops1Node[T any] struct {
	n   condNode[T]
	ops [1]Operand[T]
}

// pathNode returns the condition of kind on the path p alone.
func pathNode[T any](kind condKind, p Path) Condition[T] {
	if err := p.Err(); err != nil {
		return ConditionError[T](err)
	}
	w := &ops1Node[T]{n: condNode[T]{kind: kind}, ops: [1]Operand[T]{PathOf[T](p)}}
	w.n.setOps(w.ops[:])
	return nodeOf(&w.n)
}

// AttributeExists returns attribute_exists(p), true when the item has an
// attribute at p.
func AttributeExists[T any](p Path) Condition[T] {
	return pathNode[T](condExists, p)
}

// AttributeNotExists returns attribute_not_exists(p), true when the item has
// no attribute at p.
func AttributeNotExists[T any](p Path) Condition[T] {
	return pathNode[T](condNotExists, p)
}

// AttributeType returns attribute_type(p, t), true when the attribute at p
// has type t. The type is sent as a string value.
func AttributeType[T any](p Path, t Type) Condition[T] {
	if err := p.Err(); err != nil {
		return ConditionError[T](err)
	}
	if !t.valid() {
		return ConditionError[T](newError(ErrInvalidOperand, fmt.Sprintf("invalid attribute type %q", string(t))))
	}
	return nodeOf(newOps2(condType, 0, PathOf[T](p), Value[T](&types.AttributeValueMemberS{Value: string(t)})))
}

// BeginsWith returns begins_with(s, prefix), true when the string or binary
// s starts with prefix. Both are operands: usually a path and a value, but
// DynamoDB accepts any two paths, values or sizes.
func BeginsWith[T any](s, prefix Operand[T]) Condition[T] {
	if s.kind() == opPath && prefix.kind() == opValue { // valid operands, a leaf
		return pathValueLeaf(condBeginsWith, 0, &s, &prefix)
	}
	return beginsWith(s, prefix)
}

// beginsWith is BeginsWith of other operands than a path and a value: a
// node allocated with them.
func beginsWith[T any](s, prefix Operand[T]) Condition[T] {
	if err := condOperands2("in begins_with", &s, &prefix); err != nil {
		return ConditionError[T](err)
	}
	return nodeOf(newOps2(condBeginsWith, 0, s, prefix))
}

// Contains returns contains(container, x): true when the string container
// holds the substring x, or the set or list container holds the element x.
// Both are operands, so contains(:allowed, role) (is the attribute among
// the values of a set) is as expressible as contains(tags, :tag).
func Contains[T any](container, x Operand[T]) Condition[T] {
	if container.kind() == opPath && x.kind() == opValue { // valid operands, a leaf
		return pathValueLeaf(condContains, 0, &container, &x)
	}
	return contains(container, x)
}

// contains is Contains of other operands than a path and a value: a node
// allocated with them.
func contains[T any](container, x Operand[T]) Condition[T] {
	if err := condOperands2("in contains", &container, &x); err != nil {
		return ConditionError[T](err)
	}
	return nodeOf(newOps2(condContains, 0, container, x))
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
	case c.failed():
		return c
	case c.kind() == 0:
		return ConditionError[T](newError(ErrInvalidCondition, "NOT of the empty condition"))
	}
	w := &kidsNode[T]{n: condNode[T]{kind: condNot}, kids: [2]Condition[T]{c}}
	w.n.setKids(w.kids[:1])
	return nodeOf(&w.n)
}

// kidsNode is a node allocated with its kids: the two of the common And
// and Or, or the one of Not.
type kidsNode[T any] struct {
	n    condNode[T]
	kids [2]Condition[T]
}

// combine builds the connective of kind over c and others. The kids are
// counted first, so the node and its kids take one allocation for two and
// two allocations for more; the kids of a nested node of the same kind are
// copied, never shared, so no later combination can write into them.
func combine[T any](kind condKind, c Condition[T], others []Condition[T]) Condition[T] {
	if c.failed() {
		return c
	}
	count, last := c.kidCount(kind), c
	for _, o := range others {
		if o.failed() {
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
	n.setKids(kids)
	return nodeOf(n)
}

// kidCount returns how many kids c gives to a connective of kind: none when
// absent, its own kids when it is of that kind, else one.
func (c Condition[T]) kidCount(kind condKind) int {
	switch c.kind() {
	case 0:
		return 0
	case kind:
		return len(c.node().kids())
	}
	return 1
}

// appendKids appends the kids c gives to a connective of kind.
func (c Condition[T]) appendKids(kind condKind, kids []Condition[T]) []Condition[T] {
	switch c.kind() {
	case 0:
		return kids
	case kind:
		return append(kids, c.node().kids()...)
	}
	return append(kids, c)
}
