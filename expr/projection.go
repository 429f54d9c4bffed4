package expr

// Projection is the ProjectionExpression of a read of items of type T: the
// document paths to return, in order.
//
// The zero Projection (no path) renders as the empty string: leave
// ProjectionExpression unset and DynamoDB returns whole items. Projections
// are immutable: With returns a new Projection. A path given twice is kept
// once, so key attributes can be added to any projection without care;
// overlapping paths (a and a.b) or conflicting ones (a.b and a[0]) are an
// error of category ErrPathOverlap, as DynamoDB rejects them, kept in the
// value (the first one wins) and returned by Builder.Projection.
type Projection[T any] struct {
	paths []Path
	err   error
}

// Project returns the projection of paths.
func Project[T any](paths ...Path) Projection[T] {
	return Projection[T]{}.With(paths...)
}

// With returns a Projection holding the paths of p followed by paths,
// without repeating a path p already holds.
func (p Projection[T]) With(paths ...Path) Projection[T] {
	if p.err != nil || len(paths) == 0 {
		return p
	}
	out := make([]Path, len(p.paths), len(p.paths)+len(paths))
	copy(out, p.paths)
next:
	for _, q := range paths {
		if err := q.Err(); err != nil {
			return Projection[T]{err: err}
		}
		for _, o := range out {
			if o.equal(q) {
				continue next
			}
			if err := overlap("projection path", o, "projection path", q); err != nil {
				return Projection[T]{err: err}
			}
		}
		out = append(out, q)
	}
	return Projection[T]{paths: out}
}
