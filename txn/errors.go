package txn

import (
	"errors"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/gonamo/gonamo"
)

// Sentinel errors, wrapped by an *InvalidError; compare with errors.Is.
var (
	// ErrTooMany: a transaction holds more than MaxActions actions.
	ErrTooMany = errors.New("gonamo: more than 100 actions in a transaction")
	// ErrDuplicate: a transaction names the same item (table and key)
	// twice, which DynamoDB refuses.
	ErrDuplicate = errors.New("gonamo: an item appears twice in a transaction")
	// ErrOtherDB: an operation's table belongs to another DB than the
	// transaction's.
	ErrOtherDB = errors.New("gonamo: operation on another DB than the transaction's")
	// ErrTokenExpired: a prepared write transaction was committed again
	// after the 10 minutes during which DynamoDB recognises its client
	// request token; prepare a new one (bloop's TransactionTokenExpired).
	ErrTokenExpired = errors.New("gonamo: transaction token expired")
)

// InvalidError reports a transaction refused before any call: too many
// actions, an item named twice, an operation of another DB, or an
// operation whose own arguments are invalid (then Err is the
// *gonamo.ValidationError the write alone would return).
type InvalidError struct {
	// Index is the position of the action at fault, or -1 for the whole
	// transaction.
	Index int
	// Err is the cause.
	Err error
}

func (e *InvalidError) Error() string {
	msg := strings.TrimPrefix(e.Err.Error(), "gonamo: ")
	if e.Index < 0 {
		return "gonamo: invalid transaction: " + msg
	}
	return fmt.Sprintf("gonamo: invalid transaction: action %d: %s", e.Index, msg)
}

// Unwrap returns Err.
func (e *InvalidError) Unwrap() error { return e.Err }

// Reason is what DynamoDB said of one action of a canceled transaction.
type Reason struct {
	// Index is the action's position in the transaction.
	Index int
	// Table is the action's table name as sent.
	Table string
	// Kind is the kind of write; zero for the reads of a read
	// transaction.
	Kind gonamo.WriteKind
	// Code is DynamoDB's reason code: "None" for an action that did not
	// cause the cancellation, "ConditionalCheckFailed",
	// "TransactionConflict", "ValidationError"...
	Code string
	// Message is DynamoDB's message, often empty for "None".
	Message string
	// Item is the stored item of a failed condition (nil when there was
	// none).
	Item map[string]types.AttributeValue
	// Current is Item decoded as a new *T of the action's table, or nil.
	Current any
	// Errs are the explanations of the table's extensions for a failed
	// condition, such as a *version.ConflictError, and the error decoding
	// Item, if any.
	Errs []error
}

// CanceledError is returned when DynamoDB canceled a transaction: nothing
// was written. It unwraps to the SDK's *types.TransactionCanceledException
// and to every Reason's Errs, so that errors.Is(err, version.ErrConflict)
// holds when a versioned action conflicted.
type CanceledError struct {
	// Reasons has one entry per action, in order, as DynamoDB listed them.
	Reasons []Reason
	// Err is the SDK's error.
	Err error
}

func (e *CanceledError) Error() string {
	var b strings.Builder
	b.WriteString("gonamo: transaction canceled")
	for _, r := range e.Reasons {
		if r.Code == "None" || r.Code == "" {
			continue
		}
		fmt.Fprintf(&b, "; action %d", r.Index)
		if r.Table != "" {
			op := "get"
			if r.Kind != 0 {
				op = r.Kind.String()
			}
			fmt.Fprintf(&b, " (%s on %s)", op, r.Table)
		}
		b.WriteString(": " + r.Code)
		if r.Message != "" {
			b.WriteString(": " + r.Message)
		}
		for _, err := range r.Errs {
			b.WriteString(": " + err.Error())
		}
	}
	return b.String()
}

// Unwrap returns the SDK's error and the Reasons' Errs.
func (e *CanceledError) Unwrap() []error {
	out := []error{e.Err}
	for _, r := range e.Reasons {
		out = append(out, r.Errs...)
	}
	return out
}

// ConditionFailed reports whether an action's condition failed (reason
// code ConditionalCheckFailed), which makes gonamo.IsConditionFailed true.
func (e *CanceledError) ConditionFailed() bool {
	for _, r := range e.Reasons {
		if r.Code == "ConditionalCheckFailed" {
			return true
		}
	}
	return false
}

// Failed returns the reasons whose code is not "None": the actions that
// caused the cancellation.
func (e *CanceledError) Failed() []Reason {
	var out []Reason
	for _, r := range e.Reasons {
		if r.Code != "None" && r.Code != "" {
			out = append(out, r)
		}
	}
	return out
}

// Missing is a read of a read transaction that found no item.
type Missing struct {
	// Index is the read's position in the transaction.
	Index int
	// Table is the table name as sent.
	Table string
	// Key is the key read.
	Key map[string]types.AttributeValue
	// Object is the *T that was to be loaded, left untouched.
	Object any
}

// NotFoundError lists the reads of a read transaction that found no item
// (bloop's MissingObjects); the items found were loaded. It wraps
// gonamo.ErrNotFound.
type NotFoundError struct {
	Missing []Missing
}

func (e *NotFoundError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "gonamo: not found: %d of the transaction's items:", len(e.Missing))
	for _, m := range e.Missing {
		fmt.Fprintf(&b, " %d (%s)", m.Index, m.Table)
	}
	return b.String()
}

// Unwrap returns gonamo.ErrNotFound.
func (e *NotFoundError) Unwrap() error { return gonamo.ErrNotFound }

// isConflict reports whether err is a TransactionConflict: the exception,
// or a cancellation with that reason.
func isConflict(err error) bool {
	var tce *types.TransactionConflictException
	if errors.As(err, &tce) {
		return true
	}
	var ce *CanceledError
	if errors.As(err, &ce) {
		for _, r := range ce.Reasons {
			if r.Code == "TransactionConflict" {
				return true
			}
		}
	}
	return false
}
