package gonamo

import (
	"fmt"

	"github.com/gonamo/gonamo/attr"
)

// Index is a typed handle on a secondary index of a Table: its queries take
// the index's hash key value as a K, so a value of the wrong type does not
// compile. Get one with IndexOf; the index itself is declared with the
// table (GlobalIndex, LocalIndex), so that Create and Verify know it.
type Index[T, K any] struct {
	t  *Table[T]
	ix *indexDef
	eq func(K) attr.Condition[T]
}

// IndexOf returns the handle of the index called name, declared on t,
// whose hash key holds values of type K (for a local index, the table's
// hash key). An undeclared index, or a K that is not the hash key's value
// type, is an error wrapping ErrInvalidModel.
func IndexOf[T, K any](t *Table[T], name string) (*Index[T, K], error) {
	var ix *indexDef
	for _, list := range [][]indexDef{t.def.gsis, t.def.lsis} {
		for i := range list {
			if list[i].name == name {
				ix = &list[i]
			}
		}
	}
	model := t.schema.Model()
	if ix == nil {
		return nil, &ValidationError{Model: model, Err: fmt.Errorf("%w: table %s declares no index %s", ErrInvalidModel, t.name, name)}
	}
	f, _ := t.schema.Field(ix.hash.name)
	eq, ok := f.(interface{ Eq(K) attr.Condition[T] })
	if !ok {
		var k K
		return nil, &ValidationError{Model: model, Attr: ix.hash.name,
			Err: fmt.Errorf("%w: the hash key %s of index %s does not hold values of type %T", ErrInvalidModel, ix.hash.name, name, k)}
	}
	return &Index[T, K]{t: t, ix: ix, eq: eq.Eq}, nil
}

// Name returns the index's name.
func (x *Index[T, K]) Name() string { return x.ix.name }

// Table returns the index's table.
func (x *Index[T, K]) Table() *Table[T] { return x.t }

// Query returns a query of the index's items whose hash key is hash. Its
// SortKey condition applies to the index's range key. Items decode into T
// with only the attributes the index projects (or those named by Only)
// set.
func (x *Index[T, K]) Query(hash K) Query[T] {
	return Query[T]{t: x.t, ix: x.ix, hash: x.eq(hash)}
}

// Scan returns a scan of the whole index.
func (x *Index[T, K]) Scan() Query[T] { return Query[T]{t: x.t, ix: x.ix, scan: true} }
