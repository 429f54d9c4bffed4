package gonamo

import (
	"errors"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/gonamo/gonamo/iter"
)

// Sentinel errors; compare with errors.Is.
var (
	// ErrNotFound: the item (or table) does not exist.
	ErrNotFound = errors.New("gonamo: not found")
	// ErrMissingKey: a key attribute of the model has no value.
	ErrMissingKey = errors.New("gonamo: missing key attribute")
	// ErrInvalidModel: the table's model or options are not usable.
	ErrInvalidModel = errors.New("gonamo: invalid model")
	// ErrItemTooLarge: an item exceeds DynamoDB's 400 KB limit.
	ErrItemTooLarge = errors.New("gonamo: item larger than 400 KB")
	// ErrInvalidQuery: a query or scan DynamoDB would refuse: a hash key
	// condition that is not an equality on the hash key, a sort key
	// condition on another attribute, a filter on a key attribute, a sort
	// key condition or order on a scan...
	ErrInvalidQuery = errors.New("gonamo: invalid query")
	// ErrNotProjected: a query or scan of an index names, in its filter or
	// projection, an attribute the index does not hold (a global index, or
	// a strict local index; see LocalIndex).
	ErrNotProjected = errors.New("gonamo: attribute not projected by the index")
	// ErrTooMany: One found more than one item. It is iter.ErrTooMany.
	ErrTooMany = iter.ErrTooMany
)

// ConditionFailedError is returned when a write's condition does not hold.
// It unwraps to the SDK's *types.ConditionalCheckFailedException.
type ConditionFailedError struct {
	// Table is the table written.
	Table string
	// Item is the stored item when the write asked for it
	// (ReturnValuesOnConditionCheckFailure); nil otherwise or when absent.
	Item map[string]types.AttributeValue
	// Current is Item decoded as the table's *T, or nil.
	Current any
	// Err is the SDK's error.
	Err error
	// Reasons are the explanations of the table's extensions, such as
	// version.ErrConflict; errors.Is finds them.
	Reasons []error
}

func (e *ConditionFailedError) Error() string {
	msg := "gonamo: condition failed on table " + e.Table
	for _, r := range e.Reasons {
		msg += ": " + r.Error()
	}
	return msg
}

// Unwrap returns the SDK's error and the Reasons.
func (e *ConditionFailedError) Unwrap() []error { return append([]error{e.Err}, e.Reasons...) }

// TableMismatchError lists how an existing table differs from its model.
type TableMismatchError struct {
	Table string
	// Differences says each difference in words, e.g.
	// "range key: model has sk (N), table has none".
	Differences []string
}

func (e *TableMismatchError) Error() string {
	return fmt.Sprintf("gonamo: table %s does not match its model: %s", e.Table, strings.Join(e.Differences, "; "))
}

// ValidationError reports bad input caught before any call: an invalid
// model, a missing key, an item too large. It wraps a sentinel (such as
// ErrMissingKey) or the attr package's error.
type ValidationError struct {
	// Model is the model's type name, Attr the attribute at fault ("" for
	// the whole model).
	Model, Attr string
	Err         error
}

func (e *ValidationError) Error() string {
	if e.Attr == "" {
		return fmt.Sprintf("gonamo: %s: %v", e.Model, e.Err)
	}
	return fmt.Sprintf("gonamo: %s.%s: %v", e.Model, e.Attr, e.Err)
}

func (e *ValidationError) Unwrap() error { return e.Err }

// IsConditionFailed reports whether err is a failed condition: a
// *ConditionFailedError, the SDK's ConditionalCheckFailedException, or an
// error that says so by a ConditionFailed() bool method, as a transaction
// canceled by a failed condition does (see package txn).
func IsConditionFailed(err error) bool {
	var cf *ConditionFailedError
	var ccf *types.ConditionalCheckFailedException
	var says interface{ ConditionFailed() bool }
	return errors.As(err, &cf) || errors.As(err, &ccf) || errors.As(err, &says) && says.ConditionFailed()
}
