package version

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/gonamo/gonamo"
	"github.com/gonamo/gonamo/attr"
)

// ErrConflict is wrapped by the error of a write whose version check
// failed: the stored item has another version than the local object (or
// exists, or does not, against the local object's belief).
var ErrConflict = errors.New("gonamo/version: version conflict")

// ConflictError tells the versions of a conflict; it wraps ErrConflict and
// is one of the Reasons of the *gonamo.ConditionFailedError returned.
type ConflictError struct {
	// Attr is the version attribute's name.
	Attr string
	// Local is the version of the local object.
	Local int64
	// Stored is the stored item's version, 0 when the item or its version
	// is absent.
	Stored int64
	// Exists tells whether the item exists.
	Exists bool
}

func (e *ConflictError) Error() string {
	if !e.Exists {
		return fmt.Sprintf("%s: local %s %d, no stored item", ErrConflict, e.Attr, e.Local)
	}
	return fmt.Sprintf("%s: local %s %d, stored %d", ErrConflict, e.Attr, e.Local, e.Stored)
}

// Unwrap returns ErrConflict.
func (e *ConflictError) Unwrap() error { return ErrConflict }

// Version is the descriptor of a version attribute: an int64 stored as a
// number, with every operation of attr.NumberAttr.
type Version[T any] struct {
	attr.NumberAttr[T, int64]
	get func(*T) *int64
}

// Attr returns the descriptor of the version attribute stored under name
// in the int64 field get returns. Declare it with Lock.
func Attr[T any](name string, get func(*T) *int64) Version[T] {
	return Version[T]{NumberAttr: attr.Number(name, get, attr.OmitEmpty), get: get}
}

// Lock declares v as the table's version attribute: it adds the attribute
// to the model and the version check to every write.
func Lock[T any](v Version[T]) gonamo.TableOption[T] {
	return gonamo.Combine(gonamo.Attrs[T](v), gonamo.Extend[T](&locker[T]{v: v}))
}

// noCheck is the flag of NoCheck.
type noCheck struct{}

// NoCheck skips the version check of one write, which still stores the
// local version plus one (PynamoDB's add_version_condition=False).
func NoCheck[T any]() gonamo.WriteOption[T] { return gonamo.WithFlag[T](noCheck{}) }

// locker is the extension of Lock.
type locker[T any] struct{ v Version[T] }

// local returns the item's version, refusing negative ones.
func (l *locker[T]) local(item *T) (int64, error) {
	if item == nil || l.v.get == nil {
		return 0, &attr.Error{Attr: l.v.Name(), Err: errors.New("gonamo/version: no item")}
	}
	n := *l.v.get(item)
	if n < 0 {
		return 0, &attr.Error{Attr: l.v.Name(), Err: fmt.Errorf("%w: negative version %d", attr.ErrValidation, n)}
	}
	return n, nil
}

// PrepareWrite adds the check and, for Put, Save and Update, the new
// version.
func (l *locker[T]) PrepareWrite(w *gonamo.Write[T]) error {
	local, err := l.local(w.Item)
	if err != nil {
		return err
	}
	if !w.Flagged(noCheck{}) {
		if local == 0 {
			w.If(l.v.NotExists())
		} else {
			w.If(l.v.Eq(local))
		}
	}
	switch w.Kind {
	case gonamo.WritePut, gonamo.WriteSave, gonamo.WriteUpdate:
		next := local + 1
		w.Set(l.v.Name(), &types.AttributeValueMemberN{Value: strconv.FormatInt(next, 10)})
		item := w.Item
		w.OnCommit(func() { *l.v.get(item) = next })
	}
	return nil
}

// ExplainFailure reports a conflict when the stored version is not the
// local one.
func (l *locker[T]) ExplainFailure(w *gonamo.Write[T], current map[string]types.AttributeValue) error {
	if w.Flagged(noCheck{}) {
		return nil
	}
	local, err := l.local(w.Item)
	if err != nil {
		return nil
	}
	c := &ConflictError{Attr: l.v.Name(), Local: local, Exists: current != nil}
	if n, ok := current[l.v.Name()].(*types.AttributeValueMemberN); ok {
		c.Stored, _ = strconv.ParseInt(n.Value, 10, 64)
	}
	if c.Exists && c.Stored == local {
		return nil // the version held: another condition failed
	}
	if !c.Exists && local == 0 {
		return nil
	}
	return c
}
