package attr

import (
	"errors"
	"fmt"
	"strings"
)

// The categories of attribute errors. Every error this package returns for a
// value is an *Error whose Err wraps one of these, so callers test the
// category with errors.Is and read the model and attribute with errors.As.
var (
	// ErrEmptySet reports an empty string, number or binary set written
	// without OmitEmpty: DynamoDB cannot store an empty set.
	ErrEmptySet = errors.New("gonamo/attr: empty set")

	// ErrDuplicate reports a set holding the same element twice (after
	// encoding, so 1 and 1.0 are one number), which DynamoDB rejects.
	ErrDuplicate = errors.New("gonamo/attr: duplicate set element")

	// ErrNumberRange reports a number DynamoDB cannot store (more than 38
	// significant digits, a magnitude above 9.9999999999999999999999999999999999999e125
	// or below 1e-130) or one the Go type cannot hold (an N too large for an
	// int8, a fraction for an int).
	ErrNumberRange = errors.New("gonamo/attr: number out of range")

	// ErrInvalidNumber reports NaN, an infinity, or an N value that is not a
	// number.
	ErrInvalidNumber = errors.New("gonamo/attr: invalid number")

	// ErrTimeRange reports a time TimeCodec cannot write sortably (a year
	// before 0000 or after 9999) or a number of seconds EpochCodec cannot
	// read into a time.Time.
	ErrTimeRange = errors.New("gonamo/attr: time out of range")

	// ErrInvalidUTF8 reports a string (or string set element, or map key)
	// that is not valid UTF-8: DynamoDB stores strings as UTF-8.
	ErrInvalidUTF8 = errors.New("gonamo/attr: invalid UTF-8")

	// ErrRequired reports a Required attribute absent from the item being
	// encoded (a nil pointer or an omitted empty value) or decoded.
	ErrRequired = errors.New("gonamo/attr: required attribute missing")

	// ErrValidation reports a value refused by the Validate function of its
	// attribute; the function's own error is wrapped too.
	ErrValidation = errors.New("gonamo/attr: validation failed")

	// ErrType reports a stored value whose DynamoDB type does not match the
	// codec decoding it (an S where an N is expected), or a malformed value
	// (a time string not in the expected format, invalid JSON).
	ErrType = errors.New("gonamo/attr: type mismatch")

	// ErrNoValue reports an operand that encodes to no value (a nil slice
	// or map given to Eq, In or Between): a condition needs a value.
	ErrNoValue = errors.New("gonamo/attr: no value")

	// ErrDescriptor reports a descriptor built wrongly: an empty stored name,
	// a nil accessor or codec, the zero value of a descriptor type, a nested
	// descriptor given to a schema, two attributes with one stored name, a
	// struct tag the tag schema cannot map.
	ErrDescriptor = errors.New("gonamo/attr: invalid descriptor")
)

// Error is an error about one attribute of one model: a value that cannot be
// encoded or decoded, a missing required attribute, a failed validation, a
// descriptor built wrongly.
//
// Its message is "gonamo/attr: <model>.<attr>: <detail>", for instance
// "gonamo/attr: Thread.views: number out of range: NaN".
type Error struct {
	// Model is the name of the Go type the attribute belongs to ("Thread"),
	// empty when the error is not about one model.
	Model string
	// Attr is the document path of the attribute, from the top-level stored
	// name: "views", "address.city", "lines[2].sku".
	Attr string
	// Err is the cause. It wraps one of the category errors (ErrEmptySet,
	// ErrNumberRange...) or, for a custom codec, the codec's own error.
	Err error
}

// Error returns "gonamo/attr: <model>.<attr>: <detail>".
func (e *Error) Error() string {
	var sb strings.Builder
	sb.WriteString("gonamo/attr: ")
	if e.Model != "" {
		sb.WriteString(e.Model)
		if e.Attr != "" {
			sb.WriteByte('.')
		}
	}
	sb.WriteString(e.Attr)
	if e.Model != "" || e.Attr != "" {
		sb.WriteString(": ")
	}
	if e.Err == nil {
		sb.WriteString("unknown error")
	} else {
		sb.WriteString(strings.TrimPrefix(e.Err.Error(), "gonamo/attr: "))
	}
	return sb.String()
}

// Unwrap returns Err, so errors.Is(err, ErrEmptySet) and errors.As into a
// custom codec's error type work.
func (e *Error) Unwrap() error { return e.Err }

// detail wraps a category error with a detail: "number out of range: NaN".
// It is only called on error paths.
func detail(category error, format string, args ...any) error {
	return fmt.Errorf("%w: %s", category, fmt.Sprintf(format, args...))
}

// withPath places err, returned by a codec for the value at rel (a path
// relative to the value: "", ".city", "[2]"), under the attribute named name
// of model. An *Error from a nested struct keeps its cause and gets the full
// path; any other error becomes the cause.
func withPath(model, name string, err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return &Error{Model: model, Attr: join(name, e.Attr), Err: e.Err}
	}
	return &Error{Model: model, Attr: name, Err: err}
}

// join appends a relative path to a name: a map key gets a dot, a list index
// does not.
func join(name, rel string) string {
	switch {
	case rel == "":
		return name
	case name == "":
		return strings.TrimPrefix(rel, ".")
	case rel[0] == '[':
		return name + rel
	case rel[0] == '.':
		return name + rel
	}
	return name + "." + rel
}

// atIndex places a codec error at list position i, as a relative path.
func atIndex(i int, err error) error {
	var e *Error
	if errors.As(err, &e) {
		return &Error{Attr: "[" + itoa(i) + "]" + dotted(e.Attr), Err: e.Err}
	}
	return &Error{Attr: "[" + itoa(i) + "]", Err: err}
}

// atKey places a codec error at map key k, as a relative path.
func atKey(k string, err error) error {
	var e *Error
	if errors.As(err, &e) {
		return &Error{Attr: "." + k + dotted(e.Attr), Err: e.Err}
	}
	return &Error{Attr: "." + k, Err: err}
}

// dotted prefixes a relative path that starts with a name with a dot.
func dotted(rel string) string {
	if rel == "" || rel[0] == '[' || rel[0] == '.' {
		return rel
	}
	return "." + rel
}
