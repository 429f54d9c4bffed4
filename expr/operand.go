package expr

import (
	"fmt"
	"unsafe"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Operand is one side of a comparison or an argument of a function: a
// document path, a value, or a function of them. T is the item type the
// expression is about; it is never instantiated, it only keeps the operands
// of one table out of the expressions of another.
//
// Which operands a position accepts follows DynamoDB's grammar:
//
//   - conditions take paths, values and Size;
//   - the right-hand side of Set takes paths, values, IfNotExists,
//     ListAppend and one Plus or Minus of paths, values and IfNotExists.
//
// The function receiving an operand checks its kind: a misplaced one (Size
// in Set, ListAppend in ListAppend, IfNotExists in Compare) is a mistake of
// category ErrInvalidOperand, kept in the result and returned when the
// expression is rendered. The zero Operand is invalid everywhere.
type Operand[T any] struct {
	// An Operand is four words, passed in registers. meta is its kind,
	// with the length of its path shifted by 8 for a path or a size; p is
	// the first element of that path, or the arguments (the operandArgs)
	// of if_not_exists, list_append, + and - and of an invalid operand
	// made by a mistake; value is the value of a value.
	meta  uint64
	p     unsafe.Pointer
	value types.AttributeValue
}

type operandArgs[T any] struct {
	path Path // of opIfNotExists
	ops  [2]Operand[T]
	err  error
}

// kind returns the kind of o.
func (o *Operand[T]) kind() operandKind { return operandKind(o.meta) }

// path returns the path of a path, a size or an if_not_exists.
func (o *Operand[T]) path() Path {
	if o.kind() == opIfNotExists {
		return o.args().path
	}
	return Path{elems: unsafe.Slice((*pathElem)(o.p), o.meta>>8)}
}

// args returns the arguments of o, of a kind that has them.
func (o *Operand[T]) args() *operandArgs[T] { return (*operandArgs[T])(o.p) }

// pathOperand returns the operand of kind on the valid path p.
func pathOperand[T any](kind operandKind, p Path) Operand[T] {
	return Operand[T]{meta: uint64(kind) | uint64(len(p.elems))<<8, p: unsafe.Pointer(unsafe.SliceData(p.elems))}
}

// badOperand returns the invalid operand carrying err.
func badOperand[T any](err error) Operand[T] {
	return Operand[T]{p: unsafe.Pointer(&operandArgs[T]{err: err})}
}

// failure returns the mistake o was built with, or nil.
func (o *Operand[T]) failure() error {
	if o.kind() == opInvalid && o.p != nil {
		return o.args().err
	}
	return nil
}

type operandKind uint8

const (
	opInvalid operandKind = iota
	opPath
	opValue
	opSize
	opIfNotExists
	opListAppend
	opPlus
	opMinus
)

// name is the operand's function or operator as DynamoDB spells it, for
// error messages.
func (k operandKind) name() string {
	switch k {
	case opPath:
		return "a path"
	case opValue:
		return "a value"
	case opSize:
		return "size"
	case opIfNotExists:
		return "if_not_exists"
	case opListAppend:
		return "list_append"
	case opPlus:
		return "+"
	case opMinus:
		return "-"
	}
	return "the zero Operand"
}

// PathOf returns the operand reading the attribute at path p.
func PathOf[T any](p Path) Operand[T] {
	if err := p.Err(); err != nil {
		return badOperand[T](err)
	}
	return pathOperand[T](opPath, p)
}

// Value returns the operand holding v, an attribute value already encoded.
// It reaches DynamoDB as an expression attribute value placeholder. A nil v
// (or a typed nil pointer) is an error.
func Value[T any](v types.AttributeValue) Operand[T] {
	if err := checkValue(v); err != nil {
		return badOperand[T](err)
	}
	return Operand[T]{meta: uint64(opValue), value: v}
}

// Size returns size(p), the length of the string, binary, set, list or map
// at p. It is a condition operand only: DynamoDB rejects size in updates.
func Size[T any](p Path) Operand[T] {
	if err := p.Err(); err != nil {
		return badOperand[T](err)
	}
	return pathOperand[T](opSize, p)
}

// IfNotExists returns if_not_exists(p, fallback): the attribute at p if the
// item has it, fallback otherwise. It is an update operand only; fallback may
// be a path, a value or another IfNotExists.
func IfNotExists[T any](p Path, fallback Operand[T]) Operand[T] {
	if err := p.Err(); err != nil {
		return badOperand[T](err)
	}
	if err := fallback.allowedIn("as the fallback of if_not_exists", argKinds); err != nil {
		return badOperand[T](err)
	}
	return Operand[T]{meta: uint64(opIfNotExists), p: unsafe.Pointer(&operandArgs[T]{path: p, ops: [2]Operand[T]{fallback}})}
}

// ListAppend returns list_append(a, b), the list a followed by the list b.
// It is an update operand only; a and b may be paths, values or IfNotExists,
// as in ListAppend(IfNotExists(p, Value(emptyList)), Value(more)).
func ListAppend[T any](a, b Operand[T]) Operand[T] {
	return binary(opListAppend, a, b)
}

// Plus returns o + x, the sum of two numbers. It is an update operand only
// and DynamoDB allows one + or - per Set action: both sides must be paths,
// values or IfNotExists.
func (o Operand[T]) Plus(x Operand[T]) Operand[T] {
	return binary(opPlus, o, x)
}

// Minus returns o - x, the difference of two numbers, with the same rules
// as Plus.
func (o Operand[T]) Minus(x Operand[T]) Operand[T] {
	return binary(opMinus, o, x)
}

// binary builds list_append or an arithmetic operand, whose arguments may be
// paths, values or if_not_exists.
func binary[T any](kind operandKind, a, b Operand[T]) Operand[T] {
	where := "in list_append"
	if kind != opListAppend {
		where = "as an operand of " + kind.name()
	}
	for _, x := range [2]Operand[T]{a, b} {
		if err := x.allowedIn(where, argKinds); err != nil {
			return badOperand[T](err)
		}
	}
	return Operand[T]{meta: uint64(kind), p: unsafe.Pointer(&operandArgs[T]{ops: [2]Operand[T]{a, b}})}
}

// kinds is a set of operand kinds, one bit each.
type kinds uint16

func kindsOf(ks ...operandKind) kinds {
	var set kinds
	for _, k := range ks {
		set |= 1 << k
	}
	return set
}

// The operand kinds allowed in conditions, as arguments of list_append, +,
// - and if_not_exists, and on the right-hand side of SET.
var (
	condKinds = kindsOf(opPath, opValue, opSize)
	argKinds  = kindsOf(opPath, opValue, opIfNotExists)
	setKinds  = kindsOf(opPath, opValue, opIfNotExists, opListAppend, opPlus, opMinus)
)

// allowedIn returns o's own error, or an ErrInvalidOperand error when o's
// kind is not among allowed at the position where describes ("in SET").
func (o *Operand[T]) allowedIn(where string, allowed kinds) error {
	if k := o.kind(); allowed&(1<<k) != 0 && k != opInvalid {
		return nil
	}
	if err := o.failure(); err != nil {
		return err
	}
	return newError(ErrInvalidOperand, fmt.Sprintf("%s is not allowed %s", o.kind().name(), where))
}

// checkValue rejects the attribute values that cannot be sent: nil, typed
// nil pointers and union members the SDK does not know.
func checkValue(v types.AttributeValue) error {
	// Strings and numbers first, by two comparisons of the type.
	switch v := v.(type) {
	case *types.AttributeValueMemberS:
		if v != nil {
			return nil
		}
	case *types.AttributeValueMemberN:
		if v != nil {
			return nil
		}
	}
	var isNil bool
	switch v := v.(type) {
	case nil:
		isNil = true
	case *types.AttributeValueMemberS:
		isNil = v == nil
	case *types.AttributeValueMemberN:
		isNil = v == nil
	case *types.AttributeValueMemberB:
		isNil = v == nil
	case *types.AttributeValueMemberBOOL:
		isNil = v == nil
	case *types.AttributeValueMemberNULL:
		isNil = v == nil
	case *types.AttributeValueMemberSS:
		isNil = v == nil
	case *types.AttributeValueMemberNS:
		isNil = v == nil
	case *types.AttributeValueMemberBS:
		isNil = v == nil
	case *types.AttributeValueMemberL:
		isNil = v == nil
	case *types.AttributeValueMemberM:
		isNil = v == nil
	default:
		return newError(ErrInvalidOperand, fmt.Sprintf("unsupported attribute value type %T", v))
	}
	if isNil {
		return newError(ErrInvalidOperand, "nil attribute value")
	}
	return nil
}

// valueType returns the DynamoDB type name of a checked value: S, N, SS...
func valueType(v types.AttributeValue) Type {
	switch v.(type) {
	case *types.AttributeValueMemberS:
		return TypeString
	case *types.AttributeValueMemberN:
		return TypeNumber
	case *types.AttributeValueMemberB:
		return TypeBinary
	case *types.AttributeValueMemberBOOL:
		return TypeBool
	case *types.AttributeValueMemberNULL:
		return TypeNull
	case *types.AttributeValueMemberSS:
		return TypeStringSet
	case *types.AttributeValueMemberNS:
		return TypeNumberSet
	case *types.AttributeValueMemberBS:
		return TypeBinarySet
	case *types.AttributeValueMemberL:
		return TypeList
	case *types.AttributeValueMemberM:
		return TypeMap
	}
	return ""
}
