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
	// An Update is four words, passed around in registers rather than
	// copied through memory. A single action of a path and a value (or of
	// a path alone), the common case, is held inline: meta is its kind
	// and the length of its path shifted by 8, p the first element of the
	// path, value its value. Otherwise meta's low byte is a tag: tagList
	// when p points to the actions, on the heap and never written once
	// made (so that Updates share them freely), their number shifted by
	// 8; tagErr when p points to an errBox.
	meta  uint64
	p     unsafe.Pointer
	value types.AttributeValue
}

// The tags of the low byte of the meta word of Updates and Conditions,
// above the kinds held inline.
const (
	tagErr  = 0xfe
	tagList = 0xff
)

// errBox holds the mistake of an Update or a Condition.
type errBox struct{ err error }

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

// UpdateError returns the Update holding err, a mistake made by a package
// building updates on top of this one (package attr keeps the errors of
// encoding values this way): And keeps it as it keeps its own mistakes,
// first one first, and Builder.Update returns it. A nil err gives the zero
// Update.
func UpdateError[T any](err error) Update[T] {
	if err == nil {
		return Update[T]{}
	}
	return Update[T]{meta: tagErr, p: unsafe.Pointer(&errBox{err})}
}

// Err returns the first mistake made while building u, or nil.
func (u Update[T]) Err() error { return u.err() }

func (u *Update[T]) err() error {
	if u.meta&0xff == tagErr {
		return (*errBox)(u.p).err
	}
	return nil
}

// size returns the number of actions of u.
func (u *Update[T]) size() int {
	switch u.meta & 0xff {
	case 0, tagErr:
		return 0
	case tagList:
		return int(u.meta >> 8)
	}
	return 1
}

// actions returns the actions of u, in order; an inline one is written to
// one.
func (u *Update[T]) actions(one *action[T]) []action[T] {
	switch u.meta & 0xff {
	case 0, tagErr:
		return nil
	case tagList:
		return unsafe.Slice((*action[T])(u.p), u.meta>>8)
	}
	*one = action[T]{kind: actionKind(u.meta), n: int32(u.meta >> 8), elems: (*pathElem)(u.p), value: u.value}
	return unsafe.Slice(one, 1)
}

// inline returns the Update of one action of kind on the valid path p,
// with the value v (nil for REMOVE).
func inline[T any](kind actionKind, p Path, v types.AttributeValue) Update[T] {
	return Update[T]{meta: uint64(kind) | uint64(len(p.elems))<<8, p: unsafe.Pointer(unsafe.SliceData(p.elems)), value: v}
}

// listOf returns the Update of the actions in acts, which nothing writes
// afterwards.
func listOf[T any](acts []action[T]) Update[T] {
	return Update[T]{meta: tagList | uint64(len(acts))<<8, p: unsafe.Pointer(unsafe.SliceData(acts))}
}

// Set returns the action SET p = v. The value v may be a path, a value,
// IfNotExists, ListAppend, or one Plus or Minus of those (but not of
// ListAppend); Size is not allowed in updates.
func Set[T any](p Path, v Operand[T]) Update[T] {
	if p.err == nil && len(p.elems) > 0 && v.kind() == opValue { // the common case
		return inline[T](actSet, p, v.value)
	}
	return set(p, v)
}

// set is Set of a path with a mistake or of another operand than a value.
func set[T any](p Path, v Operand[T]) Update[T] {
	if err := p.Err(); err != nil {
		return UpdateError[T](err)
	}
	if err := v.allowedIn("in SET", setKinds); err != nil {
		return UpdateError[T](err)
	}
	if v.kind() == opValue {
		return inline[T](actSet, p, v.value)
	}
	w := &struct {
		a   [1]action[T]
		rhs Operand[T]
	}{rhs: v}
	w.a[0] = newAction[T](actSet, p)
	w.a[0].rhs = &w.rhs
	return listOf(w.a[:])
}

// Remove returns the action REMOVE p, which deletes the attribute, map key
// or list element at p.
func Remove[T any](p Path) Update[T] {
	if err := p.Err(); err != nil {
		return UpdateError[T](err)
	}
	return inline[T](actRemove, p, nil)
}

// Add returns the action ADD p v: v (a number, N) is added to the number at
// p, or the elements of v (a set: SS, NS or BS) are added to the set at p. A
// missing attribute counts as 0 or the empty set.
func Add[T any](p Path, v types.AttributeValue) Update[T] {
	return setAction[T](actAdd, p, v, true)
}

// Delete returns the action DELETE p v: the elements of the set v (SS, NS or
// BS) are removed from the set at p.
func Delete[T any](p Path, v types.AttributeValue) Update[T] {
	return setAction[T](actDelete, p, v, false)
}

// setAction returns the action ADD or DELETE (kind) of v at p: v is a set,
// or a number when numbers is true.
func setAction[T any](kind actionKind, p Path, v types.AttributeValue, numbers bool) Update[T] {
	if err := p.Err(); err != nil {
		return UpdateError[T](err)
	}
	var ok bool
	switch x := v.(type) {
	case *types.AttributeValueMemberN:
		ok = numbers && x != nil
	case *types.AttributeValueMemberSS:
		ok = x != nil
	case *types.AttributeValueMemberNS:
		ok = x != nil
	case *types.AttributeValueMemberBS:
		ok = x != nil
	}
	if ok {
		return inline[T](kind, p, v)
	}
	if err := checkValue(v); err != nil {
		return UpdateError[T](err)
	}
	return UpdateError[T](newError(ErrInvalidOperand, fmt.Sprintf("%s of a value of type %s on %s", kind, string(valueType(v)), p)))
}

// And returns an Update holding the actions of u followed by those of
// others, in order. Zero Updates add nothing. u and others are left as they
// were: the result holds its actions in a list of its own, or is one of
// them when only one has actions.
func (u Update[T]) And(others ...Update[T]) Update[T] {
	if u.meta&0xff == tagErr {
		return u
	}
	n, parts, only := u.size(), 0, -1
	if n > 0 {
		parts = 1
	}
	for i := range others {
		o := &others[i]
		if o.meta&0xff == tagErr {
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
	acts := make([]action[T], 0, n)
	acts, err := joinActions(acts, &u, others)
	if err != nil {
		return UpdateError[T](err)
	}
	return listOf(acts)
}

// joinActions appends the actions of u and others to dst, whose capacity
// holds them all, checking each against those before it.
func joinActions[T any](dst []action[T], u *Update[T], others []Update[T]) ([]action[T], error) {
	dst = appendActions(dst, u)
	first := len(dst)
	for i := range others {
		dst = appendActions(dst, &others[i])
	}
	if err := overlapIn(dst, max(first, 1)); err != nil {
		return nil, err
	}
	return dst, nil
}

// overlapIn returns the ErrPathOverlap error of the first action of acts,
// from the one at start, whose path overlaps or conflicts with that of an
// action before it, or nil. Those before start are known to be disjoint.
func overlapIn[T any](acts []action[T], start int) error {
	for j := start; j < len(acts); j++ {
		a := &acts[j]
		for k := range j {
			b := &acts[k]
			// Paths start with their attribute's name: most actions
			// differ there.
			if a.elems.name != b.elems.name {
				continue
			}
			if relate(b.target(), a.target()) != disjoint {
				return overlap(b.kind.String(), b.target(), a.kind.String(), a.target())
			}
		}
	}
	return nil
}

// appendActions appends the actions of u to dst, whose capacity holds them.
// An inline action is written field by field into its place: built aside
// and copied, it would be read back with wide loads straddling the narrow
// stores just made, which the processor cannot forward.
func appendActions[T any](dst []action[T], u *Update[T]) []action[T] {
	switch u.meta & 0xff {
	case 0, tagErr:
		return dst
	case tagList:
		return append(dst, unsafe.Slice((*action[T])(u.p), u.meta>>8)...)
	}
	dst = dst[:len(dst)+1]
	a := &dst[len(dst)-1]
	a.kind, a.n, a.elems, a.value = actionKind(u.meta), int32(u.meta>>8), (*pathElem)(u.p), u.value
	return dst
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
