package expr

import (
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// KeyCondition is the KeyConditionExpression of a Query on items of type T:
// equality on the partition key, optionally followed by one condition on the
// sort key (=, <, <=, >, >=, BETWEEN or begins_with).
//
// Its constructors only build that shape: KeyEquals names the partition key
// and one of SortCompare, SortBetween or SortBeginsWith may add the sort key
// condition. Key attributes are top-level names and their values scalars (S,
// N or B); anything else is an error of category ErrInvalidKeyCondition or
// ErrInvalidOperand, kept in the value (the first one wins) and returned by
// Builder.KeyCondition. The zero KeyCondition has no partition key equality
// and does not render.
type KeyCondition[T any] struct {
	hash      Path
	hashValue types.AttributeValue
	sort      sortKind
	cmp       Comparator
	sortPath  Path
	values    [2]types.AttributeValue // the sort key operands: 1 or 2 (BETWEEN)
	err       error
}

type sortKind uint8

const (
	sortNone sortKind = iota
	sortCompare
	sortBetween
	sortBeginsWith
)

// KeyEquals returns the key condition "partitionKey = v".
func KeyEquals[T any](partitionKey Path, v types.AttributeValue) KeyCondition[T] {
	if err := keyPath(partitionKey); err != nil {
		return KeyCondition[T]{err: err}
	}
	if err := keyValue(v, "the partition key", TypeString, TypeNumber, TypeBinary); err != nil {
		return KeyCondition[T]{err: err}
	}
	return KeyCondition[T]{hash: partitionKey, hashValue: v}
}

// SortCompare returns k with the sort key condition "sortKey op v", where op
// is Eq, Lt, Le, Gt or Ge (DynamoDB has no <> on keys).
func (k KeyCondition[T]) SortCompare(op Comparator, sortKey Path, v types.AttributeValue) KeyCondition[T] {
	if !op.valid() || op == Ne {
		return k.fail(newError(ErrInvalidKeyCondition, "comparator "+op.String()+" on the sort key"))
	}
	return k.withSort(sortCompare, op, sortKey, "comparison", v)
}

// SortBetween returns k with the sort key condition
// "sortKey BETWEEN lo AND hi".
func (k KeyCondition[T]) SortBetween(sortKey Path, lo, hi types.AttributeValue) KeyCondition[T] {
	return k.withSort(sortBetween, 0, sortKey, "BETWEEN", lo, hi)
}

// SortBeginsWith returns k with the sort key condition
// "begins_with(sortKey, prefix)"; prefix is a string or a binary.
func (k KeyCondition[T]) SortBeginsWith(sortKey Path, prefix types.AttributeValue) KeyCondition[T] {
	return k.withSort(sortBeginsWith, 0, sortKey, "begins_with", prefix)
}

// fail returns k carrying err unless k already carries an error.
func (k KeyCondition[T]) fail(err error) KeyCondition[T] {
	if k.err != nil {
		return k
	}
	return KeyCondition[T]{err: err}
}

func (k KeyCondition[T]) withSort(kind sortKind, op Comparator, p Path, what string, vs ...types.AttributeValue) KeyCondition[T] {
	switch {
	case k.err != nil:
		return k
	case k.hashValue == nil:
		return k.fail(newError(ErrInvalidKeyCondition, "sort key condition without partition key equality"))
	case k.sort != sortNone:
		return k.fail(newError(ErrInvalidKeyCondition, "second sort key condition"))
	}
	if err := keyPath(p); err != nil {
		return k.fail(err)
	}
	if p.equal(k.hash) {
		return k.fail(newError(ErrInvalidKeyCondition, "sort key condition on the partition key "+p.String()))
	}
	allowed := []Type{TypeString, TypeNumber, TypeBinary}
	if kind == sortBeginsWith {
		allowed = []Type{TypeString, TypeBinary}
	}
	for _, v := range vs {
		if err := keyValue(v, "the sort key "+what, allowed...); err != nil {
			return k.fail(err)
		}
	}
	k.sort, k.cmp, k.sortPath = kind, op, p
	copy(k.values[:], vs)
	return k
}

// keyPath checks that p names a top-level attribute, as key attributes are.
func keyPath(p Path) error {
	if err := p.Err(); err != nil {
		return err
	}
	if len(p.elems) != 1 {
		return newError(ErrInvalidKeyCondition, "key attribute "+p.String()+" is not a top-level name")
	}
	return nil
}

// keyValue checks a key condition value: present and of an allowed type.
func keyValue(v types.AttributeValue, where string, allowed ...Type) error {
	if err := checkValue(v); err != nil {
		return err
	}
	t := valueType(v)
	for _, a := range allowed {
		if t == a {
			return nil
		}
	}
	return newError(ErrInvalidOperand, fmt.Sprintf("value of type %s for %s", string(t), where))
}
