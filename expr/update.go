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
	actions []action[T]
	err     error
}

type action[T any] struct {
	kind  actionKind
	path  Path
	value Operand[T]           // actSet
	av    types.AttributeValue // actAdd, actDelete
}

type actionKind uint8

const (
	actSet actionKind = iota
	actRemove
	actAdd
	actDelete
	numActionKinds
)

func (k actionKind) String() string {
	return [...]string{"SET", "REMOVE", "ADD", "DELETE"}[k]
}

// Set returns the action SET p = v. The value v may be a path, a value,
// IfNotExists, ListAppend, or one Plus or Minus of those (but not of
// ListAppend); Size is not allowed in updates.
func Set[T any](p Path, v Operand[T]) Update[T] {
	if err := p.Err(); err != nil {
		return Update[T]{err: err}
	}
	if err := v.allowedIn("in SET", opPath, opValue, opIfNotExists, opListAppend, opPlus, opMinus); err != nil {
		return Update[T]{err: err}
	}
	return Update[T]{actions: []action[T]{{kind: actSet, path: p, value: v}}}
}

// Remove returns the action REMOVE p, which deletes the attribute, map key
// or list element at p.
func Remove[T any](p Path) Update[T] {
	if err := p.Err(); err != nil {
		return Update[T]{err: err}
	}
	return Update[T]{actions: []action[T]{{kind: actRemove, path: p}}}
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
			return Update[T]{actions: []action[T]{{kind: kind, path: p, av: v}}}
		}
	}
	return Update[T]{err: newError(ErrInvalidOperand, fmt.Sprintf("%s of a value of type %s on %s", kind, string(t), p))}
}

// And returns an Update holding the actions of u followed by those of
// others, in order. Zero Updates add nothing.
func (u Update[T]) And(others ...Update[T]) Update[T] {
	if u.err != nil {
		return u
	}
	n := len(u.actions)
	for _, o := range others {
		if o.err != nil {
			return o
		}
		n += len(o.actions)
	}
	if n == len(u.actions) {
		return u
	}
	actions := make([]action[T], len(u.actions), n)
	copy(actions, u.actions)
	for _, o := range others {
		for _, a := range o.actions {
			for _, b := range actions {
				if err := overlap(b.kind.String(), b.path, a.kind.String(), a.path); err != nil {
					return Update[T]{err: err}
				}
			}
			actions = append(actions, a)
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
