package attr

import "github.com/gonamo/gonamo/expr"

// Builder renders the conditions and updates that descriptors build, for
// one request: an expr.Builder whose Condition and Update take them as they
// are, several at once, so that a request's parts need not be combined with
// And first:
//
//	var b attr.Builder[Thread]
//	cond, err := b.Condition(version.Eq(3), subject.BeginsWith("go"))
//	upd, err := b.Update(subject.Set(s), views.Add(1), tags.Add("new"))
//	names, values := b.Names(), b.Values()
//
// renders what b.Condition(version.Eq(3).And(subject.BeginsWith("go")))
// and b.Update(subject.Set(s).And(views.Add(1), tags.Add("new"))) would,
// placeholders included, without allocating the combined expressions. The
// embedded expr.Builder renders the rest (KeyCondition, Projection) and
// gives the placeholders (Names, Values); the same rules apply: one Builder
// per request, not copied after first use.
type Builder[T any] struct {
	expr.Builder[T]
}

// Condition renders the conjunction of cs (absent conditions skipped) for a
// ConditionExpression or a FilterExpression; none renders as "". The first
// error of cs, in order, is returned: an encoding error as Expr returns it,
// or a mistake of package expr.
func (b *Builder[T]) Condition(cs ...Condition[T]) (string, error) {
	return b.Builder.Condition(exprs(cs)...)
}

// Update renders the actions of us, in order, for an UpdateExpression; none
// renders as "". The first error of us, in order, is returned, as
// Condition does; actions of different Updates on overlapping paths are an
// *expr.Error of category expr.ErrPathOverlap, as with And.
func (b *Builder[T]) Update(us ...Update[T]) (string, error) {
	return b.Builder.Update(updates(us)...)
}
