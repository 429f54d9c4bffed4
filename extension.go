package gonamo

import (
	"fmt"
	"maps"
	"slices"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/gonamo/gonamo/attr"
	"github.com/gonamo/gonamo/expr"
)

// WriteKind says which write a Write is.
type WriteKind uint8

// The kinds of writes.
const (
	WritePut    WriteKind = iota + 1 // Put: the whole item replaces the stored one
	WriteSave                        // Save: a partial UpdateItem of the item's attributes
	WriteUpdate                      // Update: typed actions on the item with the key given
	WriteDelete                      // Delete
	WriteCheck                       // a transaction's condition check
)

// String returns the kind as an operation name: "put", "save"...
func (k WriteKind) String() string {
	switch k {
	case WritePut:
		return "put"
	case WriteSave:
		return "save"
	case WriteUpdate:
		return "update"
	case WriteDelete:
		return "delete"
	case WriteCheck:
		return "check"
	}
	return fmt.Sprintf("WriteKind(%d)", uint8(k))
}

// Write is one write about to be sent, as a table's extensions see it
// (optimistic locking, discriminators...): they may add a condition, set
// attributes, and register what to do once the write has succeeded. It is
// the same for a write sent alone and for one in a transaction.
type Write[T any] struct {
	// Kind is the write's kind.
	Kind WriteKind
	// Item is the item written (Put, Save), or the item whose key is used
	// (Update, Delete, Check).
	Item *T
	// Batched tells that the write is part of a BatchWriteItem, whose
	// requests cannot carry conditions: If has no effect there, while Set
	// and OnCommit apply.
	Batched bool

	cond    attr.Condition[T]
	sets    map[string]types.AttributeValue
	flags   []any
	commits []func()
}

// If adds cond to the write's condition (with AND).
func (w *Write[T]) If(cond attr.Condition[T]) { w.cond = w.cond.And(cond) }

// Set makes the write store av as the attribute name: in the item sent
// (Put), instead of the item's own value (Save), or as an extra SET action
// (Update). Delete and Check ignore it.
func (w *Write[T]) Set(name string, av types.AttributeValue) {
	if w.sets == nil {
		w.sets = map[string]types.AttributeValue{}
	}
	w.sets[name] = av
}

// Flagged reports whether the call carried the flag (see WithFlag).
func (w *Write[T]) Flagged(flag any) bool {
	for _, f := range w.flags {
		if f == flag {
			return true
		}
	}
	return false
}

// OnCommit registers f to run once the write has succeeded (after the call
// returned, or after the transaction committed).
func (w *Write[T]) OnCommit(f func()) { w.commits = append(w.commits, f) }

// commit runs the write's OnCommit functions.
func (w *Write[T]) commit() {
	for _, f := range w.commits {
		f()
	}
}

// Extension changes the writes of a table; declare it with Extend. Package
// version's optimistic locking is one.
type Extension[T any] interface {
	// PrepareWrite is called before each write is sent, in the order the
	// extensions were declared. An error stops the write before any call.
	PrepareWrite(w *Write[T]) error
	// ExplainFailure is called when the write's condition failed, with the
	// item as stored (nil when there is none). It returns an error that
	// the *ConditionFailedError then also wraps (such as
	// version.ErrConflict), or nil.
	ExplainFailure(w *Write[T], current map[string]types.AttributeValue) error
}

// Extend declares extensions of the table's writes.
func Extend[T any](exts ...Extension[T]) TableOption[T] {
	return func(c *tableConfig[T]) { c.exts = append(c.exts, exts...) }
}

// Combine returns one option applying all of opts, so that a package can
// offer one option that declares several things (an attribute and an
// extension, say).
func Combine[T any](opts ...TableOption[T]) TableOption[T] {
	return func(c *tableConfig[T]) {
		for _, o := range opts {
			o(c)
		}
	}
}

// WithFlag passes flag to the table's extensions for this write (see
// Write.Flagged); package version's NoCheck is one.
func WithFlag[T any](flag any) WriteOption[T] {
	return func(c *writeConfig[T]) { c.flags = append(c.flags, flag) }
}

// prepareWrite runs the extensions on a new Write.
func (t *Table[T]) prepareWrite(kind WriteKind, item *T, c *writeConfig[T]) (*Write[T], error) {
	w := &Write[T]{Kind: kind, Item: item, flags: c.flags, Batched: c.batched}
	for _, e := range t.exts {
		if err := e.PrepareWrite(w); err != nil {
			return nil, &ValidationError{Model: t.schema.Model(), Attr: attrOf(err), Err: err}
		}
	}
	return w, nil
}

// appendSetActions appends to us the SET actions of the attributes an
// extension set.
func (w *Write[T]) appendSetActions(us []expr.Update[T]) []expr.Update[T] {
	for _, name := range sortedKeys(w.sets) {
		us = append(us, expr.Set(expr.Name(name), expr.Value[T](w.sets[name])))
	}
	return us
}

func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }

// ReadExtension is an Extension that also shapes the reads of its table,
// as package polymorphic's variants do: every query and scan gets its
// filter, and every item read is checked before it is decoded.
type ReadExtension[T any] interface {
	Extension[T]
	// ReadFilter returns the condition added (with AND) to the filter of
	// every query and scan of the table, or nil for none. Query.Unfiltered
	// drops it.
	ReadFilter() *attr.Condition[T]
	// CheckRead is called with every item read by Get, Load, Query and
	// Scan, before it is decoded; an error refuses it and is returned. It
	// must neither modify item nor keep it once it returns: the item may be
	// shared with others (an in-process dynamotest.DB lends its stored
	// items to gonamo's decoding).
	CheckRead(item map[string]types.AttributeValue) error
}

// BindExtension is an Extension that wants to know its table: NewTable
// calls Bind once the table is built, and fails with its error.
type BindExtension[T any] interface {
	Extension[T]
	Bind(t *Table[T]) error
}

// readFilter returns the AND of the read extensions' filters, or nil.
func (t *Table[T]) readFilter() *attr.Condition[T] {
	var out *attr.Condition[T]
	for _, e := range t.exts {
		re, ok := e.(ReadExtension[T])
		if !ok {
			continue
		}
		if f := re.ReadFilter(); f != nil {
			if out == nil {
				out = f
			} else {
				c := out.And(*f)
				out = &c
			}
		}
	}
	return out
}

// readAttrs returns the top-level attributes the read extensions' filters
// use: reads with a projection include them, for CheckRead.
func (t *Table[T]) readAttrs() []string {
	f := t.readFilter()
	if f == nil {
		return nil
	}
	ce, err := f.Expr()
	if err != nil {
		return nil
	}
	var b expr.Builder[T]
	s, err := b.Condition(ce)
	if err != nil {
		return nil
	}
	return topLevelNames(s, b.Names())
}

// checkRead runs the read extensions' checks on an item read.
func (t *Table[T]) checkRead(item map[string]types.AttributeValue) error {
	for _, e := range t.exts {
		if re, ok := e.(ReadExtension[T]); ok {
			if err := re.CheckRead(item); err != nil {
				return err
			}
		}
	}
	return nil
}
