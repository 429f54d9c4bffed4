package gonamo

import (
	"github.com/gonamo/gonamo/attr"
	"github.com/gonamo/gonamo/expr"
)

// ItemNotExists is the condition that no item with the key exists: a Put
// with If(t.ItemNotExists()) creates and never overwrites (bloop's
// if_not_exist).
func (t *Table[T]) ItemNotExists() attr.Condition[T] {
	return attr.RawCondition(expr.AttributeNotExists[T](t.hash.Path()))
}

// ItemExists is the condition that an item with the key exists: an Update
// with If(t.ItemExists()) never creates.
func (t *Table[T]) ItemExists() attr.Condition[T] {
	return attr.RawCondition(expr.AttributeExists[T](t.hash.Path()))
}

// Snapshot is the condition that the stored item still holds, attribute by
// attribute, what item holds now: each attribute the model knows equals its
// value in item, or does not exist where item has none (bloop's snapshot).
// Take it right after reading an item and pass it to the write that
// follows, to fail when someone else wrote in between. Attributes the model
// does not know are not compared. An attribute of item that cannot be
// encoded is a *ValidationError.
func (t *Table[T]) Snapshot(item *T) (attr.Condition[T], error) {
	var c attr.Condition[T]
	for _, f := range t.schema.Fields() {
		av, err := f.Encode(item)
		if err != nil {
			return attr.Condition[T]{}, &ValidationError{Model: t.schema.Model(), Attr: f.Name(), Err: err}
		}
		if av == nil {
			c = c.And(attr.RawCondition(expr.AttributeNotExists[T](f.Path())))
			continue
		}
		c = c.And(attr.RawCondition(expr.Compare(expr.Eq, expr.PathOf[T](f.Path()), expr.Value[T](av))))
	}
	return c, nil
}
