package iter

import "errors"

// Sentinel errors; compare with errors.Is.
var (
	// ErrNotFound is returned by First and One when the sequence is empty.
	ErrNotFound = errors.New("gonamo/iter: no item found")
	// ErrTooMany is returned by One when the sequence holds more than one
	// item.
	ErrTooMany = errors.New("gonamo/iter: more than one item")
	// ErrInvalidCursor is wrapped by every *CursorError: the cursor given in
	// Options.Cursor cannot be used.
	ErrInvalidCursor = errors.New("gonamo/iter: invalid cursor")
	// ErrInvalidOptions reports unusable arguments or Options (a negative
	// page size, a segment out of range, a nil fetch...), or a fetch that
	// breaks the Fetch contract (keys not parallel to items).
	ErrInvalidOptions = errors.New("gonamo/iter: invalid options")
)

// CursorReason says why a cursor was refused.
type CursorReason string

// The reasons of a CursorError.
const (
	// CursorMalformed: not a cursor made by this package (bad encoding,
	// unknown version, an attribute value of no known type).
	CursorMalformed CursorReason = "malformed"
	// CursorUnsigned: the Options have a Signer but the cursor carries no
	// signature.
	CursorUnsigned CursorReason = "unsigned"
	// CursorBadSignature: the signature does not match the cursor under
	// any key of the Signer: the cursor was altered or forged.
	CursorBadSignature CursorReason = "bad signature"
	// CursorExpired: the cursor's expiry time (Options.CursorTTL) has
	// passed.
	CursorExpired CursorReason = "expired"
	// CursorWrongScope: the cursor was made for another scope (another
	// table or index).
	CursorWrongScope CursorReason = "wrong scope"
	// CursorWrongSegments: the cursor was made for another segment layout:
	// a plain cursor given to a parallel scan or the other way round, or
	// another segment or segment count.
	CursorWrongSegments CursorReason = "wrong segments"
)

// CursorError reports a cursor that cannot be used. It is yielded as the
// first and only element of a sequence started from that cursor, and it
// wraps ErrInvalidCursor, so errors.Is(err, ErrInvalidCursor) holds.
type CursorError struct {
	// Reason says what is wrong.
	Reason CursorReason
	// Err is the underlying cause (a decoding error), or nil.
	Err error
}

// Error returns "gonamo/iter: invalid cursor: " followed by the reason and
// the cause, if any.
func (e *CursorError) Error() string {
	msg := ErrInvalidCursor.Error() + ": " + string(e.Reason)
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

// Unwrap returns ErrInvalidCursor and the cause, if any.
func (e *CursorError) Unwrap() []error {
	if e.Err == nil {
		return []error{ErrInvalidCursor}
	}
	return []error{ErrInvalidCursor, e.Err}
}

func cursorError(reason CursorReason, err error) *CursorError {
	return &CursorError{Reason: reason, Err: err}
}
