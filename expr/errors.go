package expr

import "errors"

// The categories of builder mistakes. Every error returned by a Builder
// method is an *Error whose Err field is one of these, so callers test the
// category with errors.Is and read the details with errors.As.
var (
	// ErrInvalidPath reports a document path DynamoDB cannot accept: the zero
	// Path, an empty attribute name or map key, a negative list index or one
	// above 2147483647, or more than 32 levels.
	ErrInvalidPath = errors.New("gonamo/expr: invalid path")

	// ErrInvalidOperand reports an operand that is missing (a nil or zero
	// value), malformed (an unknown comparator or attribute type) or not
	// allowed where it is used (size in an update, if_not_exists in a
	// condition, list_append nested in list_append, a string added with ADD).
	ErrInvalidOperand = errors.New("gonamo/expr: invalid operand")

	// ErrInvalidCondition reports a condition with an impossible shape: IN
	// without operands or with more than 100, NOT of the empty condition.
	ErrInvalidCondition = errors.New("gonamo/expr: invalid condition")

	// ErrInvalidKeyCondition reports a key condition DynamoDB would reject:
	// no partition key equality, a nested key path, a sort key condition given
	// twice or on the partition key, a comparator other than = < <= > >=.
	ErrInvalidKeyCondition = errors.New("gonamo/expr: invalid key condition")

	// ErrPathOverlap reports two actions of one update, or two paths of one
	// projection, whose document paths overlap (one is a prefix of the other)
	// or conflict (one indexes a list where the other reads a map key).
	ErrPathOverlap = errors.New("gonamo/expr: overlapping paths")
)

// Error is a mistake in building an expression. Building never panics and
// never fails on the spot: the first mistake is kept in the value being
// built (later ones are ignored) and returned by the Builder method that
// renders it.
type Error struct {
	// Err is the category: ErrInvalidPath, ErrInvalidOperand,
	// ErrInvalidCondition, ErrInvalidKeyCondition or ErrPathOverlap.
	Err error
	// Detail says what exactly is wrong, naming the path or function.
	Detail string
}

// Error returns the category followed by the detail, for instance
// "gonamo/expr: invalid path: negative list index -1 after tags".
func (e *Error) Error() string {
	if e.Err == nil {
		return "gonamo/expr: " + e.Detail
	}
	return e.Err.Error() + ": " + e.Detail
}

// Unwrap returns the category, so errors.Is(err, ErrInvalidPath) and the
// like work.
func (e *Error) Unwrap() error { return e.Err }

// newError builds an *Error of the given category.
func newError(category error, detail string) *Error {
	return &Error{Err: category, Detail: detail}
}
