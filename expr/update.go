package expr

import (
	"fmt"
	"unsafe"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Update is the UpdateExpression of an UpdateItem on an item of type T: a
// list of SET, REMOVE, ADD and DELETE actions, combined with And and
// rendered as one expression with one clause per action kind.
//
// The zero Update has no action and renders as the empty string (leave
// UpdateExpression unset). Updates are immutable: And returns a new Update.
// Two actions on overlapping paths (a and a.b, or a twice) or conflicting
// ones (a.b and a[0]) are an error of category ErrPathOverlap, as DynamoDB
// rejects them; like every building mistake it is kept in the value (the
// first one wins) and returned by Builder.Update.
type Update[T any] struct {
	// n is the number of actions. Up to inlineActions of them are held in
	// inline, so that building and combining a few actions allocates
	// nothing; more are all in more, a slice made by And and never written
	// afterwards, which Updates therefore share freely.
	n      int32
	inline [inlineActions]action[T]
	more   []action[T]
	err    error
}

// inlineActions is how many actions an Update holds without allocating:
// enough for the updates of a typical UpdateItem.
const inlineActions = 6

// inlineLimit is inlineActions, or less when a test checks that actions in a
// slice render as inline ones do.
var inlineLimit = inlineActions

// action is one action, kept small as Updates hold several and And copies
// them: the elements of its (valid) target path, as a pointer and a length
// (paths are immutable, so the pointer reaches the same elements for
// good), and the value of ADD, DELETE or of a SET to a value, or the
// right-hand side of any other SET.
type action[T any] struct {
	kind  actionKind
	n     int32
	elems *pathElem
	value types.AttributeValue
	rhs   *Operand[T]
}

// newAction returns the action of kind on the valid path p.
func newAction[T any](kind actionKind, p Path) action[T] {
	return action[T]{kind: kind, n: int32(len(p.elems)), elems: unsafe.SliceData(p.elems)}
}

// target returns the path of a.
func (a *action[T]) target() Path { return Path{elems: unsafe.Slice(a.elems, a.n)} }

type actionKind uint8

const (
	actNone actionKind = iota
	actSet
	actRemove
	actAdd
	actDelete
	numActionKinds
)

func (k actionKind) String() string {
	return [...]string{"", "SET", "REMOVE", "ADD", "DELETE"}[k]
}

// size returns the number of actions of u.
func (u *Update[T]) size() int { return int(u.n) }

// at returns action i of u, for i < u.size().
func (u *Update[T]) at(i int) *action[T] {
	if u.more != nil {
		return &u.more[i]
	}
	return &u.inline[i]
}

func single[T any](a action[T]) Update[T] {
	u := Update[T]{n: 1}
	u.inline[0] = a
	return u
}

// Set returns the action SET p = v. The value v may be a path, a value,
// IfNotExists, ListAppend, or one Plus or Minus of those (but not of
// ListAppend); Size is not allowed in updates.
func Set[T any](p Path, v Operand[T]) Update[T] {
	if err := p.Err(); err != nil {
		return Update[T]{err: err}
	}
	if err := v.allowedIn("in SET", setKinds); err != nil {
		return Update[T]{err: err}
	}
	a := newAction[T](actSet, p)
	if v.kind == opValue {
		a.value = v.value
	} else {
		rhs := v // a copy, so that v stays on the stack when it is a value
		a.rhs = &rhs
	}
	return single(a)
}

// Remove returns the action REMOVE p, which deletes the attribute, map key
// or list element at p.
func Remove[T any](p Path) Update[T] {
	if err := p.Err(); err != nil {
		return Update[T]{err: err}
	}
	return single(newAction[T](actRemove, p))
}

// Add returns the action ADD p v: v (a number, N) is added to the number at
// p, or the elements of v (a set: SS, NS or BS) are added to the set at p. A
// missing attribute counts as 0 or the empty set.
func Add[T any](p Path, v types.AttributeValue) Update[T] {
	return setAction[T](actAdd, p, v, TypeNumber, TypeStringSet, TypeNumberSet, TypeBinarySet)
}

// Delete returns the action DELETE p v: the elements of the set v (SS, NS or
// BS) are removed from the set at p.
func Delete[T any](p Path, v types.AttributeValue) Update[T] {
	return setAction[T](actDelete, p, v, TypeStringSet, TypeNumberSet, TypeBinarySet)
}

func setAction[T any](kind actionKind, p Path, v types.AttributeValue, allowed ...Type) Update[T] {
	if err := p.Err(); err != nil {
		return Update[T]{err: err}
	}
	if err := checkValue(v); err != nil {
		return Update[T]{err: err}
	}
	t := valueType(v)
	for _, a := range allowed {
		if t == a {
			a := newAction[T](kind, p)
			a.value = v
			return single(a)
		}
	}
	return Update[T]{err: newError(ErrInvalidOperand, fmt.Sprintf("%s of a value of type %s on %s", kind, string(t), p))}
}

// And returns an Update holding the actions of u followed by those of
// others, in order. Zero Updates add nothing. u and others are left as they
// were: the result holds its actions itself (or in a slice of its own when
// they are many), or is one of them when only one has actions.
func (u Update[T]) And(others ...Update[T]) Update[T] {
	if u.err != nil {
		return u
	}
	n, parts, only := u.size(), 0, -1
	if n > 0 {
		parts = 1
	}
	for i := range others {
		o := &others[i]
		if o.err != nil {
			return *o
		}
		if k := o.size(); k > 0 {
			n, parts, only = n+k, parts+1, i
		}
	}
	switch {
	case parts == 0 || n == u.size():
		return u
	case parts == 1:
		return others[only]
	}
	out := Update[T]{n: int32(n)}
	if n <= inlineLimit {
		out.err = joinActions(out.inline[:0:n], &u, others)
	} else {
		out.more = make([]action[T], n)
		out.err = joinActions(out.more[:0], &u, others)
	}
	if out.err != nil {
		return Update[T]{err: out.err}
	}
	return out
}

// joinActions appends the actions of u and others to dst, whose capacity
// holds them all, checking each against those before it.
func joinActions[T any](dst []action[T], u *Update[T], others []Update[T]) error {
	for i := range u.size() {
		dst = append(dst, *u.at(i))
	}
	for i := range others {
		o := &others[i]
		for j := range o.size() {
			a := o.at(j)
			for k := range dst {
				b := &dst[k]
				if relate(b.target(), a.target()) != disjoint {
					return overlap(b.kind.String(), b.target(), a.kind.String(), a.target())
				}
			}
			dst = append(dst, *a)
		}
	}
	return nil
}

// overlap returns the ErrPathOverlap error for two target paths DynamoDB
// would reject together, or nil.
func overlap(whatA string, a Path, whatB string, b Path) error {
	switch relate(a, b) {
	case overlapping:
		return newError(ErrPathOverlap, fmt.Sprintf("%s %s and %s %s overlap", whatA, a, whatB, b))
	case conflicting:
		return newError(ErrPathOverlap, fmt.Sprintf("%s %s and %s %s conflict", whatA, a, whatB, b))
	}
	return nil
}
