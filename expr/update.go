package expr

import (
	"fmt"

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
	// one is the only action when actions is nil (kind actNone for none):
	// a single action, what every constructor returns, takes no allocation.
	one action[T]
	// actions holds all the actions when there are two or more. The slice
	// is made by And and never written afterwards, so Updates share it
	// freely.
	actions []action[T]
	err     error
}

// action is one action, kept small as And copies them: the elements of
// its (valid) target path, and the value of ADD, DELETE or of a SET to a
// value, or the right-hand side of any other SET.
type action[T any] struct {
	kind  actionKind
	path  []pathElem
	value types.AttributeValue
	rhs   *Operand[T]
}

// target returns the path of a.
func (a *action[T]) target() Path { return Path{elems: a.path} }

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
func (u *Update[T]) size() int {
	switch {
	case u.actions != nil:
		return len(u.actions)
	case u.one.kind != actNone:
		return 1
	}
	return 0
}

// at returns action i of u, for i < u.size().
func (u *Update[T]) at(i int) *action[T] {
	if u.actions != nil {
		return &u.actions[i]
	}
	return &u.one
}

func single[T any](a action[T]) Update[T] { return Update[T]{one: a} }

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
	a := action[T]{kind: actSet, path: p.elems}
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
	return single(action[T]{kind: actRemove, path: p.elems})
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
			return single(action[T]{kind: kind, path: p.elems, value: v})
		}
	}
	return Update[T]{err: newError(ErrInvalidOperand, fmt.Sprintf("%s of a value of type %s on %s", kind, string(t), p))}
}

// And returns an Update holding the actions of u followed by those of
// others, in order. Zero Updates add nothing. u and others are left as they
// were: the result has a slice of its own, or is one of them when only one
// has actions.
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
	actions := make([]action[T], 0, n)
	for i := range u.size() {
		actions = append(actions, *u.at(i))
	}
	for i := range others {
		o := &others[i]
		for j := range o.size() {
			a := o.at(j)
			for k := range actions {
				b := &actions[k]
				if relate(b.target(), a.target()) != disjoint {
					return Update[T]{err: overlap(b.kind.String(), b.target(), a.kind.String(), a.target())}
				}
			}
			actions = append(actions, *a)
		}
	}
	return Update[T]{actions: actions}
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
